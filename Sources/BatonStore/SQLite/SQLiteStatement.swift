import CSQLite
package import Foundation

/// SQLite copies bound text and blobs when told the buffer is transient, so Swift temporaries are safe.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

private let emptyText: StaticString = ""

/// A prepared statement. Owned by one ``SQLiteConnection`` and never shared across threads.
package final class SQLiteStatement {
    // `let` properties: a class's stored `var`s pay a dynamic exclusivity check on every access, and the
    // handle is read on every bind and step of the insert loop.
    package let handle: OpaquePointer
    private unowned let connection: SQLiteConnection
    package let sql: String
    private var isFinalized = false

    package init(connection: SQLiteConnection, sql: String) throws {
        self.connection = connection
        self.sql = sql
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(
            connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(code: code, connection: connection.handle, context: "prepare")
        }
        handle = statement
    }

    deinit {
        finalize()
    }

    /// Releases the statement early (before the connection closes); later use is a programming error.
    package func finalize() {
        guard !isFinalized else { return }
        isFinalized = true
        sqlite3_finalize(handle)
    }

    // MARK: Binding (1-based indexes, like SQLite)

    package func bind(_ index: Int32, text value: String) throws {
        var value = value
        let code = value.withUTF8 { bytes in
            // A zero-length text must still be bound as text, never as NULL; SQLite treats a nil
            // pointer as NULL, so point at an empty C string instead.
            guard let base = bytes.baseAddress else {
                return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), sqliteTransient)
            }
        }
        try check(code, "bind text")
    }

    package func bind(_ index: Int32, text value: String?) throws {
        if let value { try bind(index, text: value) } else { try bindNull(index) }
    }

    package func bind(_ index: Int32, blob value: Data) throws {
        let code = value.withUnsafeBytes { bytes in
            sqlite3_bind_blob(
                handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                Int32(bytes.count), sqliteTransient)
        }
        try check(code, "bind blob")
    }

    package func bind(_ index: Int32, blob value: Data?) throws {
        if let value { try bind(index, blob: value) } else { try bindNull(index) }
    }

    /// Binds text that stays valid and unchanged until the statement is reset and rebound or cleared.
    package func bindStatic(_ index: Int32, text pointer: UnsafeRawPointer?, count: Int32) throws {
        // A nil pointer would bind NULL; empty text must stay text.
        let text = (pointer ?? UnsafeRawPointer(emptyText.utf8Start)).assumingMemoryBound(to: CChar.self)
        let code = sqlite3_bind_text(handle, index, text, count, nil)
        try check(code, "bind text")
    }

    /// Binds a blob that stays valid and unchanged until the statement is reset and rebound or cleared.
    package func bindStatic(_ index: Int32, blob pointer: UnsafeRawPointer?, count: Int32) throws {
        // A nil pointer would bind NULL; an empty blob must stay a (zero-length) blob.
        let code = sqlite3_bind_blob(handle, index, pointer ?? UnsafeRawPointer(bitPattern: 1), count, nil)
        try check(code, "bind blob")
    }

    package func bind(_ index: Int32, int value: Int64) throws {
        try check(sqlite3_bind_int64(handle, index, value), "bind int")
    }

    package func bindNull(_ index: Int32) throws {
        try check(sqlite3_bind_null(handle, index), "bind null")
    }

    // MARK: Stepping

    /// Advances the statement; true when a row is available.
    @discardableResult
    package func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(code: code, connection: connection.handle, context: "step")
        }
    }

    /// Resets the statement for re-use and clears its bindings.
    package func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Resets the statement, keeping its bindings: for loops that rebind every parameter of every row.
    package func resetKeepingBindings() {
        sqlite3_reset(handle)
    }

    // MARK: Columns (0-based indexes, like SQLite)

    package func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    package func int(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    package func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    package func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    package func blob(_ column: Int32) -> Data {
        guard let pointer = sqlite3_column_blob(handle, column) else { return Data() }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Data(bytes: pointer, count: count)
    }

    /// The blob's bytes in place, valid only inside `body` (no copy); empty for NULL.
    package func withBlob<Result>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows
        -> Result
    {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }

    /// The blob's length in bytes (0 for NULL).
    package func blobCount(_ column: Int32) -> Int {
        Int(sqlite3_column_bytes(handle, column))
    }

    package func optionalBlob(_ column: Int32) -> Data? {
        isNull(column) ? nil : blob(column)
    }

    private func check(_ code: Int32, _ context: String) throws {
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, connection: connection.handle, context: context)
        }
    }
}

extension SQLiteStatement {
    /// Binds each value in order starting at index 1.
    package func bind(_ values: [SQLiteValue]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: try bindNull(index)
            case .int(let number): try bind(index, int: number)
            case .text(let string): try bind(index, text: string)
            case .blob(let data): try bind(index, blob: data)
            }
        }
    }
}

/// A value bound to a statement parameter when the statement is built dynamically.
package enum SQLiteValue {
    case null
    case int(Int64)
    case text(String)
    case blob(Data)
}
