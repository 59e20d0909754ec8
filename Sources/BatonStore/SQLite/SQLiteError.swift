import CSQLite

/// An error reported by SQLite, carrying its result code and the connection's message.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended SQLite result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_CORRUPT`, ...).
    public let resultCode: Int32
    /// SQLite's own one-line explanation (`sqlite3_errmsg`), prefixed with what was being done.
    public let message: String

    public init(resultCode: Int32, message: String) {
        self.resultCode = resultCode
        self.message = message
    }

    /// The primary result code (the low byte of the extended code).
    public var primaryCode: Int32 { resultCode & 0xFF }

    /// True for the codes SQLite uses when a file is not a database or is damaged.
    public var isCorruption: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }
    /// True for the codes of failures outside the file's content: reading or writing the disk, a full disk, a
    /// file that cannot be opened.
    public var isIO: Bool { [SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN].contains(primaryCode) }

    public var description: String { "sqlite: \(message) (code \(resultCode))" }
}

extension SQLiteError {
    /// Builds an error from a result code and, when available, the connection's last message.
    package init(code: Int32, connection: OpaquePointer?, context: String) {
        let detail: String
        if let connection, let text = sqlite3_errmsg(connection) {
            detail = String(cString: text)
        } else if let text = sqlite3_errstr(code) {
            detail = String(cString: text)
        } else {
            detail = "unknown error"
        }
        self.init(resultCode: code, message: context.isEmpty ? detail : "\(context): \(detail)")
    }
}
