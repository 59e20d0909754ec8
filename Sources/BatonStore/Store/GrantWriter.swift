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
    let syncID: String
    let discoveredAt: String

    func write(_ grants: [C1_Connector_V2_Grant]) throws {
        guard !grants.isEmpty else { return }
        let extract = mode == .replace
        var start = 0
        var current = try EncodedGrantChunk(grants[0..<min(grants.count, Self.chunkSize)], extractExpansion: extract)
        while true {
            start += current.count
            let pending: PendingEncoding?
            if start < grants.count {
                pending = PendingEncoding(grants[start..<min(grants.count, start + Self.chunkSize)], extract)
            } else {
                pending = nil
            }
            do {
                try insert(current)
            } catch {
                // Let the encoder finish before unwinding.
                _ = try? pending?.wait()
                throw error
            }
            guard let pending else { return }
            current = try pending.wait()
        }
    }

    private func insert(_ chunk: EncodedGrantChunk) throws {
        let conflict = mode == .replace ? EncodedGrantChunk.replaceConflict : EncodedGrantChunk.preserveConflict
        let multiple = try connection.cached(
            EncodedGrantChunk.insertColumns + " "
                + Array(repeating: EncodedGrantChunk.valuesTuple, count: Self.rowsPerStatement)
                .joined(separator: ", ") + " " + conflict)
        let single = try connection.cached(
            EncodedGrantChunk.insertColumns + " " + EncodedGrantChunk.valuesTuple + " " + conflict)
        // The rows are bound in place; clear the bindings afterwards so no statement keeps pointers into
        // the chunk once it is gone.
        defer {
            multiple.reset()
            single.reset()
        }
        try chunk.withRows { rows in
            var row = 0
            while chunk.count - row >= Self.rowsPerStatement {
                for item in 0..<Self.rowsPerStatement {
                    let offset = Int32(item) * EncodedGrantChunk.parameterCount
                    try bind(rows, row: row + item, to: multiple, offset: offset)
                }
                try multiple.step()
                multiple.resetKeepingBindings()
                row += Self.rowsPerStatement
            }
            while row < chunk.count {
                try bind(rows, row: row, to: single, offset: 0)
                try single.step()
                single.resetKeepingBindings()
                row += 1
            }
        }
    }

    private func bind(_ rows: EncodedGrantChunk.RowBinder, row: Int, to statement: SQLiteStatement, offset: Int32)
        throws
    {
        try rows.bind(row: row, to: statement, offset: offset)
        try statement.bind(offset + 10, text: syncID)
        try statement.bind(offset + 11, text: discoveredAt)
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
