import Foundation

/// The grants table's secondary indexes during one store session.
///
/// Maintaining an index row by row costs about a microsecond per grant even when its keys arrive in
/// order, and several when they do not (principals never do); building it after a bulk load is one
/// sort. So when a session writes many grants, four of the grants indexes are dropped, and rebuilt
/// before grants are next queried, before a save, and on close. The unique `(external_id, sync_id)`
/// index stays (upserts need it), and so do the two partial expansion indexes, which hold almost no
/// rows and would each cost a full table scan to rebuild. A working database killed while they are
/// dropped gets them back when it is reopened, because opening recreates missing indexes.
struct GrantIndexes {
    enum Phase {
        /// Maintained row by row (the normal state).
        case live
        /// Dropped for a bulk grant load.
        case deferred
        /// Rebuilt after a deferral; not dropped again in this session, so reads between writes stay cheap.
        case restored
    }

    /// Grants a session must have written before a rebuild pays for itself on an empty table.
    static let minimumBulkLoad = 10_000

    /// The indexes a bulk load drops.
    static let deferrable = [
        "idx_grants_resource_type_id_resource_id_v1", "idx_grants_principal_id_v1",
        "idx_grants_entitlement_id_principal_id_v1", "idx_grants_entitlement_sync_grant_v1",
    ]

    private(set) var phase = Phase.live
    /// Grants written in this session so far.
    private var written = 0
    /// Rows the table held when this session first wrote grants (its largest row id, a cheap estimate).
    private var existingRows: Int64?

    /// Drops the deferrable indexes when the grants about to be written make a bulk load: at least
    /// ``minimumBulkLoad`` in this session, and at least half as many as the table already held (a
    /// rebuild covers every row, so a small sync into a large file keeps its indexes live).
    mutating func deferIfBulkLoad(adding count: Int, _ connection: SQLiteConnection) throws {
        guard phase == .live, count > 0 else { return }
        written += count
        if existingRows == nil {
            existingRows = try connection.scalarInt("select ifnull(max(id), 0) from v1_grants") ?? 0
        }
        guard written >= Self.minimumBulkLoad, Int64(written) * 2 >= existingRows ?? 0 else { return }
        try connection.transaction {
            for name in Self.deferrable {
                try connection.execute("drop index if exists \(name)")
            }
        }
        phase = .deferred
    }

    /// Helper threads for the rebuild's sorts: one per core, up to four.
    static let sortThreads = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Rebuilds deferred indexes with the exact schema statements.
    mutating func restore(_ connection: SQLiteConnection) throws {
        guard phase == .deferred else { return }
        // Each rebuild is a sort of every grant's key. SQLite sorts runs of the input as large as the page
        // cache; with a smaller cache and helper threads it sorts several runs at once and merges them:
        // 2.26 s -> 2.01 s for the four indexes over 1M grants (sqlite3 CLI, 2 cores).
        try connection.execute("PRAGMA threads = \(Self.sortThreads)")
        try connection.execute("PRAGMA cache_size = -8192")
        defer {
            try? connection.execute("PRAGMA threads = 0")
            try? connection.execute("PRAGMA cache_size = -65536")
        }
        try connection.transaction {
            for statement in C1ZSchema.grants.statements.dropFirst() + C1ZSchema.grantPartialIndexes {
                try connection.execute(statement)
            }
        }
        phase = .restored
    }
}
