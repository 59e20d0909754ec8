import BatonProto
import Dispatch

/// Writes grants into `v1_grants` fast: encoding runs on a second thread one chunk ahead of the
/// inserts, and rows go in through reused multi-row upsert statements bound without copying.
///
/// Encoding a grant (deterministic protobuf) costs about as much as inserting it, so overlapping the
/// two roughly halves a large write on a multi-core machine.
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

    func write(_ grants: [C1_Connector_V2_Grant]) throws {
        let chunks = stride(from: 0, to: grants.count, by: Self.chunkSize).map {
            grants[$0..<min(grants.count, $0 + Self.chunkSize)]
        }
        guard let first = chunks.first else { return }
        let extract = mode == .replace
        // The background thread starts on the second chunk while this one encodes the first.
        var pending = chunks.count > 1 ? PendingEncoding(chunks[1], extract) : nil
        var current: EncodedGrantChunk
        do {
            current = try EncodedGrantChunk(first, extractExpansion: extract)
        } catch {
            _ = try? pending?.wait()
            throw error
        }
        var index = 0
        while true {
            // While this thread inserts chunk `index`, the background thread encodes chunk `index + 1`.
            do {
                try insert(current)
            } catch {
                _ = try? pending?.wait()
                throw error
            }
            guard let next = pending else { return }
            current = try next.wait()
            index += 1
            pending = index + 1 < chunks.count ? PendingEncoding(chunks[index + 1], extract) : nil
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
                    try insert(rows, count: chunk.count, multiple: multiple, single: single,
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

/// One chunk of grants being encoded on a background thread.
private final class PendingEncoding: @unchecked Sendable {
    // Safety: `result` is written once by the background block before it signals, and read only after
    // `wait()` has received that signal.
    private var result: Result<EncodedGrantChunk, any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ grants: ArraySlice<C1_Connector_V2_Grant>, _ extractExpansion: Bool) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try EncodedGrantChunk(grants, extractExpansion: extractExpansion) }
            done.signal()
        }
    }

    func wait() throws -> EncodedGrantChunk {
        done.wait()
        guard let result else { throw C1ZError(.invalidRecord, "c1z: grant encoding did not finish") }
        return try result.get()
    }
}
