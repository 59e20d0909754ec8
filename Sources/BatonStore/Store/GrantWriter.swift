import BatonProto
import Dispatch
import Foundation

/// Writes grants into `v1_grants` fast: background threads encode one chunk ahead of the inserts, and
/// rows go in through reused multi-row upsert statements bound without copying.
///
/// Encoding a grant (deterministic protobuf) costs more than inserting it, so overlapping the two
/// roughly halves a large write on a multi-core machine.
struct GrantWriter {
    enum Mode {
        /// Connector grants: expansion metadata is extracted and the Go `needs_expansion` rules apply.
        case replace
        /// Expander output: existing rows keep their expansion columns.
        case preserveExpansion
    }

    /// Grants encoded per pipeline step.
    static let chunkSize = 1_000
    /// Rows per multi-row statement; 11 parameters each stays far below SQLite's parameter limit.
    static let rowsPerStatement = 50

    let connection: SQLiteConnection
    let mode: Mode
    /// The values shared by every row, as bytes the inserts bind in place.
    private let syncID: [UInt8]
    private let discoveredAt: [UInt8]

    init(connection: SQLiteConnection, mode: Mode, syncID: String, discoveredAt: String) {
        self.connection = connection
        self.mode = mode
        self.syncID = Array(syncID.utf8)
        self.discoveredAt = Array(discoveredAt.utf8)
    }

    /// Background encoders per chunk: one per core (up to four, beyond which this thread's inserts are
    /// the limit), since this thread spends its time in SQLite and encoding costs more than inserting.
    static let encoders = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))

    func write(_ grants: [C1_Connector_V2_Grant]) throws {
        let chunks = stride(from: 0, to: grants.count, by: Self.chunkSize).map {
            grants[$0..<min(grants.count, $0 + Self.chunkSize)]
        }
        guard let first = chunks.first else { return }
        let extract = mode == .replace
        // A handful of grants is not worth a thread hop.
        if chunks.count == 1, first.count < Self.rowsPerStatement {
            return try insert(EncodedGrantChunk(first, extractExpansion: extract))
        }
        // The first chunk is encoded by every core at once; after that, while this thread inserts
        // chunk `index`, the background encodes chunk `index + 1`.
        var current = try PendingEncoding(first, extract, parts: Self.encoders).wait()
        var index = 0
        while true {
            let pending =
                index + 1 < chunks.count
                ? PendingEncoding(chunks[index + 1], extract, parts: Self.encoders) : nil
            for piece in current {
                try insert(piece)
            }
            guard let pending else { return }
            current = try pending.wait()
            index += 1
        }
    }

    /// The upsert for `rows` rows at once in `mode`.
    static func upsert(rows: Int, _ mode: Mode) -> String {
        let conflict = mode == .replace ? EncodedGrantChunk.replaceConflict : EncodedGrantChunk.preserveConflict
        let values = Array(repeating: EncodedGrantChunk.valuesTuple, count: rows).joined(separator: ", ")
        return EncodedGrantChunk.insertColumns + " " + values + " " + conflict
    }

    static let replaceMultiple = upsert(rows: rowsPerStatement, .replace)
    static let replaceSingle = upsert(rows: 1, .replace)
    static let preserveMultiple = upsert(rows: rowsPerStatement, .preserveExpansion)
    static let preserveSingle = upsert(rows: 1, .preserveExpansion)

    private func insert(_ chunk: EncodedGrantChunk) throws {
        let multiple = try connection.cached(mode == .replace ? Self.replaceMultiple : Self.preserveMultiple)
        let single = try connection.cached(mode == .replace ? Self.replaceSingle : Self.preserveSingle)
        // The rows are bound in place; clear the bindings afterwards so no statement keeps pointers into
        // the chunk once it is gone.
        defer {
            multiple.reset()
            single.reset()
        }
        try chunk.withRows { rows in
            try syncID.withUnsafeBytes { syncID in
                try discoveredAt.withUnsafeBytes { discoveredAt in
                    try insert(
                        rows, count: chunk.count, multiple: multiple, single: single,
                        shared: SharedValues(syncID: syncID, discoveredAt: discoveredAt))
                }
            }
        }
    }

    /// `sync_id` and `discovered_at`, bound to every row.
    private struct SharedValues {
        let syncID: UnsafeRawBufferPointer
        let discoveredAt: UnsafeRawBufferPointer
    }

    private func insert(
        _ rows: EncodedGrantChunk.RowBinder, count: Int, multiple: SQLiteStatement, single: SQLiteStatement,
        shared: SharedValues
    ) throws {
        var row = 0
        while count - row >= Self.rowsPerStatement {
            for item in 0..<Self.rowsPerStatement {
                let offset = Int32(item) * EncodedGrantChunk.parameterCount
                try bind(rows, row: row + item, to: multiple, offset: offset, shared)
            }
            try multiple.step()
            multiple.resetKeepingBindings()
            row += Self.rowsPerStatement
        }
        while row < count {
            try bind(rows, row: row, to: single, offset: 0, shared)
            try single.step()
            single.resetKeepingBindings()
            row += 1
        }
    }

    private func bind(
        _ rows: EncodedGrantChunk.RowBinder, row: Int, to statement: SQLiteStatement, offset: Int32,
        _ shared: SharedValues
    ) throws {
        try rows.bind(row: row, to: statement, offset: offset)
        try statement.bindStatic(offset + 10, text: shared.syncID.baseAddress, count: Int32(shared.syncID.count))
        try statement.bindStatic(
            offset + 11, text: shared.discoveredAt.baseAddress, count: Int32(shared.discoveredAt.count))
    }
}

/// One chunk of grants being encoded in the background, in `parts` pieces at once.
private final class PendingEncoding: @unchecked Sendable {
    // Safety: each background block writes only its own slot, and the slots are read only after
    // `group.wait()` has seen every block finish. The slots live in raw memory so concurrent writes to
    // different slots never touch a shared Swift variable.
    private let slots: UnsafeMutableBufferPointer<Result<EncodedGrantChunk, any Error>?>
    private let group = DispatchGroup()

    init(_ grants: ArraySlice<C1_Connector_V2_Grant>, _ extractExpansion: Bool, parts: Int) {
        let parts = max(1, min(parts, grants.count))
        slots = .allocate(capacity: parts)
        slots.initialize(repeating: nil)
        let size = (grants.count + parts - 1) / parts
        for part in 0..<parts {
            let start = grants.startIndex + part * size
            let piece = grants[start..<min(grants.endIndex, start + size)]
            DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
                slots[part] = Result { try EncodedGrantChunk(piece, extractExpansion: extractExpansion) }
            }
        }
    }

    deinit {
        group.wait()
        slots.deinitialize()
        slots.deallocate()
    }

    /// The encoded pieces, in order.
    func wait() throws -> [EncodedGrantChunk] {
        group.wait()
        return try slots.map { slot in
            guard let slot else { throw C1ZError(.invalidRecord, "c1z: grant encoding did not finish") }
            return try slot.get()
        }
    }
}
