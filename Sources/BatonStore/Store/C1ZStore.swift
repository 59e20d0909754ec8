import Foundation
import Synchronization

/// A c1z database: sync runs and the resource types, resources, entitlements and grants they found.
///
/// Two ways in:
/// - ``openWorking(at:seedingFrom:)`` opens the uncompressed working database a sync writes to
///   (`sync.c1z.partial`, kept beside the output so a killed sync can resume), and
///   ``save(toC1Z:)`` compresses it into the c1z file atomically.
/// - ``open(c1z:options:)`` unpacks an existing c1z into a private temporary directory for reading;
///   ``close()`` removes that directory.
///
/// Every method is synchronous and the store serializes them internally, so one store can be shared
/// between tasks. Methods throw ``C1ZError`` for format and usage problems and ``SQLiteError`` for
/// database failures.
///
/// ```swift
/// let store = try C1ZStore.openWorking(at: "sync.c1z.partial", seedingFrom: "sync.c1z")
/// let syncID = try store.startSync(type: .full)
/// try store.write(StoreBatch(resourceTypes: [userType]), syncID: syncID, checkpoint: token)
/// try store.endSync(syncID: syncID)
/// try store.save(toC1Z: "sync.c1z")
/// try store.close()
/// ```
public final class C1ZStore: Sendable {
    /// Path of the SQLite database file this store works on.
    public let databasePath: String
    /// The private directory holding an unpacked c1z, removed on close.
    let temporaryDirectory: String?
    /// False when the database was opened read-only, without migrations.
    let isWritable: Bool
    let state: Mutex<Session>

    /// The mutable part of a store.
    ///
    /// Safety: the connection is not thread-safe, but a `Session` lives only inside `state` and is
    /// reached only through `state.withLock`, which serializes every use.
    struct Session: @unchecked Sendable {
        var connection: SQLiteConnection?
        var layout: SchemaLayout
        /// The journal mode to return to after a save switched the file to rollback-journal mode.
        var workingJournalMode: String
        /// Where the grants secondary indexes stand.
        var grantIndexes = GrantIndexes()
        /// True once this session deleted a sync: its rows' bytes sit in free pages until compacted.
        var deletedSyncs = false
    }

    private init(
        databasePath: String, temporaryDirectory: String?, isWritable: Bool, connection: SQLiteConnection,
        layout: SchemaLayout, workingJournalMode: String
    ) {
        self.databasePath = databasePath
        self.temporaryDirectory = temporaryDirectory
        self.isWritable = isWritable
        self.state = Mutex(
            Session(connection: connection, layout: layout, workingJournalMode: workingJournalMode))
    }

    deinit {
        state.withLock { session in
            session.connection?.close()
            session.connection = nil
        }
        if let temporaryDirectory {
            FileSystem.removeTree(temporaryDirectory)
        }
    }

    // MARK: Opening

    /// Opens or creates the uncompressed working database at `databasePath`.
    ///
    /// The database uses write-ahead logging with `synchronous=NORMAL` (a killed process loses no
    /// committed page) and exclusive locking. Missing tables, columns and indexes are created.
    /// The database and its log are private (mode 0600), also when resuming one made with a wider mode.
    public static func openWorking(at databasePath: String) throws -> C1ZStore {
        try FileSystem.makePrivate(databasePath)
        try FileSystem.narrowToPrivate(databasePath + "-wal")
        try FileSystem.narrowToPrivate(databasePath + "-journal")
        let connection = try openConnection(at: databasePath, mode: .readWriteCreate)
        // Only takes effect on a new, empty database. 16 KiB pages hold more grant rows and index keys
        // per page than SQLite's default 4 KiB, which measurably speeds up bulk inserts; every SQLite
        // (Go's included) reads any page size.
        try connection.execute("PRAGMA page_size = 16384")
        // Checkpointing every 32 MiB of log instead of every 4 MiB makes a large sync's checkpoints (and
        // their fsyncs) rare without letting the log grow without bound.
        try configure(
            connection,
            pragmas: ["main.locking_mode = EXCLUSIVE", "synchronous = NORMAL", "wal_autocheckpoint = 8192"])
        try setJournalMode("WAL", on: connection)
        let layout = try mapCorruption { try prepareSchema(connection, migrate: true) }
        return C1ZStore(
            databasePath: databasePath, temporaryDirectory: nil, isWritable: true, connection: connection,
            layout: layout, workingJournalMode: "WAL")
    }

    /// Opens the working database, first seeding it from the c1z at `c1zPath` when the working database
    /// does not exist yet, so earlier syncs are kept for retention.
    ///
    /// A missing or empty c1z starts a fresh database, as a sync's output does in Go.
    public static func openWorking(at databasePath: String, seedingFrom c1zPath: String?) throws -> C1ZStore {
        if let c1zPath, !FileSystem.exists(databasePath), let size = try FileSystem.size(of: c1zPath), size > 0 {
            // A log left without its database belongs to no database now. SQLite discards one found
            // beside an empty file, but would replay it into the seeded one.
            removeWorkingFiles(at: databasePath)
            let seedPath = databasePath + ".seed"
            do {
                try C1ZContainer.decompress(c1z: c1zPath, toDatabase: seedPath)
                try FileSystem.rename(seedPath, to: databasePath)
            } catch {
                FileSystem.remove(seedPath)
                throw error
            }
        }
        return try openWorking(at: databasePath)
    }

    /// Unpacks the c1z at `path` into a private temporary directory and opens it for reading.
    ///
    /// - Throws: ``C1ZError`` when the file is missing, empty ("empty c1z file"), not a c1z, a v3 file,
    ///   truncated, over the decode limits, or holds a corrupt database.
    public static func open(c1z path: String, options: C1ZReadOptions = .init()) throws -> C1ZStore {
        let directory = try FileSystem.makeTemporaryDirectory(in: options.resolvedTemporaryDirectory(), prefix: "c1z")
        do {
            let databasePath = directory + "/db"
            try C1ZContainer.decompress(c1z: path, toDatabase: databasePath, limits: options.limits)
            let mode: SQLiteConnection.OpenMode = options.applyMigrations ? .readWrite : .readOnly
            let connection = try openConnection(at: databasePath, mode: mode, unpacked: true)
            // The copy is private and thrown away on close: no journal or syncing is worth paying for.
            let layout = try mapCorruption(unpacked: true) {
                if options.applyMigrations {
                    try configure(connection, pragmas: ["main.locking_mode = EXCLUSIVE", "synchronous = OFF"])
                    try setJournalMode("OFF", on: connection)
                }
                return try prepareSchema(connection, migrate: options.applyMigrations)
            }
            return C1ZStore(
                databasePath: databasePath, temporaryDirectory: directory, isWritable: options.applyMigrations,
                connection: connection, layout: layout, workingJournalMode: "OFF")
        } catch {
            FileSystem.removeTree(directory)
            throw error
        }
    }

    /// Removes a working database and its SQLite side files (`-wal`, `-shm`, `-journal`).
    public static func removeWorkingFiles(at databasePath: String) {
        for suffix in ["", "-wal", "-shm", "-journal", compactedSuffix] {
            FileSystem.remove(databasePath + suffix)
        }
    }

    // MARK: Saving and closing

    /// Writes the database into a c1z at `path`, atomically replacing any previous file.
    ///
    /// Checkpoints the write-ahead log fully and switches the file to rollback-journal mode first, so
    /// the saved database is a plain SQLite file every reader (including Go's pure-Go SQLite) opens.
    ///
    /// - Parameter compaction: whether to save a compacted copy (`VACUUM INTO`) instead of the file as
    ///   it is; see ``C1ZCompaction``.
    @discardableResult
    public func save(toC1Z path: String, compaction: C1ZCompaction = .never) throws -> C1ZContainer.SaveResult {
        try withSession { session, connection in
            try session.grantIndexes.restore(connection)
            try Self.checkpointWAL(connection)
            try Self.setJournalMode("DELETE", on: connection)
            defer { try? Self.setJournalMode(session.workingJournalMode, on: connection) }
            guard try Self.shouldCompact(compaction, session, connection) else {
                return try C1ZContainer.compress(database: databasePath, toC1Z: path)
            }
            let compacted = databasePath + Self.compactedSuffix
            FileSystem.remove(compacted)
            defer { FileSystem.remove(compacted) }
            // The copy reads and writes each page once: a small cache does, and keeps the peak down.
            try connection.execute("PRAGMA cache_size = -8192")
            defer { try? connection.execute("PRAGMA cache_size = -65536") }
            // VACUUM INTO fills an empty file as it finds it, so the copy is private from its first byte.
            try FileSystem.makePrivate(compacted)
            try Self.mapCorruption { try connection.run("VACUUM INTO ?", [.text(compacted)]) }
            return try C1ZContainer.compress(database: compacted, toC1Z: path)
        }
    }

    private static func shouldCompact(_ compaction: C1ZCompaction, _ session: Session, _ connection: SQLiteConnection)
        throws -> Bool
    {
        switch compaction {
        case .never: return false
        case .always: return true
        case .whenWorthwhile:
            if session.deletedSyncs { return true }
            let free = try connection.scalarInt("PRAGMA freelist_count") ?? 0
            let pages = try connection.scalarInt("PRAGMA page_count") ?? 0
            return free * Int64(C1ZCompaction.freePageShare) > pages
        }
    }

    /// The compacted copy `save(toC1Z:compaction:)` writes beside the database.
    static let compactedSuffix = ".compact"

    /// Closes the database (and removes an unpacked c1z's temporary directory). Safe to call twice.
    ///
    /// A working database is left complete: deferred grants indexes are rebuilt and the write-ahead log
    /// is folded into the file.
    public func close() throws {
        let (connection, indexState) = state.withLock { session -> (SQLiteConnection?, GrantIndexes) in
            let connection = session.connection
            session.connection = nil
            return (connection, session.grantIndexes)
        }
        defer {
            connection?.close()
            if let temporaryDirectory {
                FileSystem.removeTree(temporaryDirectory)
            }
        }
        guard let connection else { return }
        var indexes = indexState
        try Self.mapCorruption { try indexes.restore(connection) }
        if isWritable, temporaryDirectory == nil {
            try Self.mapCorruption { try Self.checkpointWAL(connection) }
        }
    }

    // MARK: Internals

    /// Runs `body` with the open connection under the store's lock.
    func withSession<Result: Sendable>(
        _ body: (inout Session, SQLiteConnection) throws -> Result
    ) throws -> Result {
        try state.withLock { session throws -> Result in
            guard let connection = session.connection else {
                throw C1ZError(.closed, "c1z: the store is closed")
            }
            return try Self.mapCorruption(unpacked: temporaryDirectory != nil) { try body(&session, connection) }
        }
    }

    /// Runs `body` with the open connection under the store's lock.
    ///
    /// - Parameter grantIndexes: true when `body` queries grants by anything but their id, so deferred
    ///   grants indexes must be rebuilt first.
    func withConnection<Result: Sendable>(
        grantIndexes: Bool = false, _ body: (SQLiteConnection, SchemaLayout) throws -> Result
    ) throws -> Result {
        try withSession { session, connection in
            if grantIndexes {
                try session.grantIndexes.restore(connection)
            }
            return try body(connection, session.layout)
        }
    }

    /// Runs `body` for a store that may be written to.
    func withWritableConnection<Result: Sendable>(
        grantIndexes: Bool = false, _ body: (SQLiteConnection, SchemaLayout) throws -> Result
    ) throws -> Result {
        guard isWritable else {
            throw C1ZError(.invalidRecord, "c1z: the store was opened read-only")
        }
        return try withConnection(grantIndexes: grantIndexes, body)
    }

    private static func openConnection(
        at path: String, mode: SQLiteConnection.OpenMode, unpacked: Bool = false
    ) throws -> SQLiteConnection {
        try mapCorruption(unpacked: unpacked) {
            let connection = try SQLiteConnection(path: path, mode: mode)
            // The first read of the schema fails on a file that is not a database or is damaged.
            _ = try connection.scalarInt("select count(*) from sqlite_master")
            return connection
        }
    }

    private static func configure(_ connection: SQLiteConnection, pragmas: [String]) throws {
        for pragma in pragmas {
            try connection.execute("PRAGMA \(pragma)")
        }
        // A larger page cache keeps the grants indexes in memory during big syncs.
        try connection.execute("PRAGMA cache_size = -65536")
    }

    private static func setJournalMode(_ mode: String, on connection: SQLiteConnection) throws {
        let result = try connection.pragma("journal_mode = \(mode)")
        guard result?.lowercased() == mode.lowercased() else {
            throw SQLiteError(
                resultCode: 1, message: "journal_mode \(mode) not applied (still \(result ?? "unknown"))")
        }
    }

    static func checkpointWAL(_ connection: SQLiteConnection) throws {
        guard try connection.pragma("journal_mode")?.lowercased() == "wal" else { return }
        let statement = try connection.prepare("PRAGMA wal_checkpoint(TRUNCATE)")
        if try statement.step(), statement.int(0) != 0 {
            throw SQLiteError(resultCode: 5, message: "wal_checkpoint could not complete (database busy)")
        }
    }

    private static func prepareSchema(_ connection: SQLiteConnection, migrate: Bool) throws -> SchemaLayout {
        if migrate {
            try C1ZSchema.apply(to: connection)
            try GrantsBackfill.run(on: connection)
        }
        return try SchemaLayout(connection: connection)
    }

    /// Turns SQLite's "damaged file" failures into the container's corrupt-database error.
    ///
    /// - Parameter unpacked: true for the private copy of a c1z being read: there every SQLite failure but an
    ///   I/O one is the file's fault (a table or column missing, a constraint its rows break), so it is a
    ///   corrupt database too, never a raw `SQLiteError`.
    static func mapCorruption<Result>(unpacked: Bool = false, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as SQLiteError where error.isCorruption || (unpacked && !error.isIO) {
            // SQLite quotes the damaged schema's SQL, newlines included; the error stays one line.
            let message = error.message.split(whereSeparator: \.isNewline).joined(separator: " ")
            throw C1ZError(.corruptDatabase, "c1z: corrupt database: \(message)")
        }
    }
}
