import CSQLite

/// One SQLite database connection.
///
/// Not `Sendable`: a connection is confined to the store that owns it, which serializes every use.
package final class SQLiteConnection {
    /// How the database file is opened.
    package struct OpenMode: Equatable {
        package var readOnly = false
        package var create = true

        package static let readWriteCreate = OpenMode()
        package static let readWrite = OpenMode(readOnly: false, create: false)
        package static let readOnly = OpenMode(readOnly: true, create: false)

        package var flags: Int32 {
            var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE
            if readOnly {
                flags |= SQLITE_OPEN_READONLY
            } else {
                flags |= SQLITE_OPEN_READWRITE
                if create { flags |= SQLITE_OPEN_CREATE }
            }
            return flags
        }
    }

    private(set) var handle: OpaquePointer?
    package let path: String
    private var cache: [String: SQLiteStatement] = [:]

    package init(path: String, mode: OpenMode = .readWriteCreate, busyTimeoutMilliseconds: Int32 = 5_000) throws {
        self.path = path
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, mode.flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteError(code: code, connection: connection, context: "open \(path)")
            sqlite3_close_v2(connection)
            throw error
        }
        handle = connection
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, busyTimeoutMilliseconds)
    }

    deinit {
        close()
    }

    /// Finalizes cached statements and closes the connection. Safe to call twice.
    package func close() {
        for statement in cache.values { statement.finalize() }
        cache.removeAll()
        if let handle {
            sqlite3_close_v2(handle)
        }
        handle = nil
    }

    /// Runs one or more SQL statements that return no rows of interest.
    package func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard code == SQLITE_OK else {
            let detail = errorMessage.map { String(cString: $0) }
            let error = SQLiteError(code: code, connection: handle, context: "exec")
            throw detail.map { SQLiteError(resultCode: code, message: "exec: \($0)") } ?? error
        }
    }

    /// Prepares a statement owned by the caller (finalized when released).
    package func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// Returns a cached prepared statement for `sql`, reset and with cleared bindings.
    package func cached(_ sql: String) throws -> SQLiteStatement {
        if let statement = cache[sql] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        cache[sql] = statement
        return statement
    }

    /// Drops cached statements (needed before schema changes that would invalidate them in bulk).
    package func clearCache() {
        for statement in cache.values { statement.finalize() }
        cache.removeAll()
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    package var changes: Int { Int(sqlite3_changes(handle)) }

    /// Row id of the most recent successful INSERT.
    package var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// True while a transaction is open on this connection.
    package var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
    ///
    /// Nested calls join the outer transaction, so helpers can be composed freely.
    package func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        if isInTransaction {
            return try body()
        }
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if isInTransaction {
                try? execute("ROLLBACK")
            }
            throw error
        }
    }
}

extension SQLiteConnection {
    /// Runs a single statement with bound values and returns the first column of the first row as an integer.
    package func scalarInt(_ sql: String, _ values: [SQLiteValue] = []) throws -> Int64? {
        let statement = try cached(sql)
        defer { statement.reset() }
        try statement.bind(values)
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int(0)
    }

    /// Runs a single statement with bound values and returns the first column of the first row as text.
    package func scalarText(_ sql: String, _ values: [SQLiteValue] = []) throws -> String? {
        let statement = try cached(sql)
        defer { statement.reset() }
        try statement.bind(values)
        guard try statement.step() else { return nil }
        return statement.optionalText(0)
    }

    /// Runs a statement with bound values, ignoring any rows.
    package func run(_ sql: String, _ values: [SQLiteValue] = []) throws {
        let statement = try cached(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
    }

    /// Runs a query, calling `row` for every result row.
    package func query(_ sql: String, _ values: [SQLiteValue] = [], row: (SQLiteStatement) throws -> Void) throws {
        let statement = try cached(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {
            try row(statement)
        }
    }

    /// Returns the value of a pragma that reports a single value (`PRAGMA journal_mode`, ...).
    package func pragma(_ name: String) throws -> String? {
        let statement = try prepare("PRAGMA \(name)")
        guard try statement.step() else { return nil }
        return statement.optionalText(0)
    }

    /// Names of the columns of `table` (empty when the table does not exist).
    package func columns(of table: String) throws -> Set<String> {
        var names: Set<String> = []
        let statement = try prepare("PRAGMA table_info(\(table))")
        while try statement.step() {
            names.insert(statement.text(1))
        }
        return names
    }
}
