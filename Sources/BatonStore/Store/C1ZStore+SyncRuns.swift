public import BatonProto
public import Foundation

extension C1ZStore {
    /// How long an unfinished sync stays resumable.
    public static let unfinishedSyncMaxAge: TimeInterval = 7 * 24 * 60 * 60

    /// Starts a new sync run and returns its id (a new KSUID).
    ///
    /// - Parameters:
    ///   - type: the kind of sync.
    ///   - parentSyncID: the sync a partial or diff sync builds on; ignored (stored empty) for full and
    ///     resources-only syncs.
    public func startSync(type: SyncType = .full, parentSyncID: String = "") throws -> String {
        try withWritableConnection { connection, _ in
            let now = Date()
            let id = KSUID(date: now).description
            let parent = type == .full || type == .resourcesOnly ? "" : parentSyncID
            try connection.run(
                """
                insert into v1_sync_runs (sync_id, started_at, sync_token, sync_type, parent_sync_id, \
                linked_sync_id, grants_backfilled) values (?, ?, '', ?, ?, '', 1)
                """,
                [.text(id), .text(SQLiteTime.format(now)), .text(type.rawValue), .text(parent)])
            return id
        }
    }

    /// The most recently started unfinished sync of `type` (any type when nil) that started less than
    /// seven days ago, which a new sync should resume.
    public func latestUnfinishedSync(type: SyncType? = nil) throws -> SyncRun? {
        try withConnection { connection, layout in
            let cutoff = SQLiteTime.format(Date().addingTimeInterval(-Self.unfinishedSyncMaxAge))
            var sql = "select \(SyncRunRow.columns) from \(layout.syncRuns) where ended_at is null and started_at >= ?"
            var values: [SQLiteValue] = [.text(cutoff)]
            if let type {
                sql += " and sync_type = ?"
                values.append(.text(type.rawValue))
            }
            sql += " order by started_at desc limit 1"
            return try SyncRunRow.first(connection, sql, values)
        }
    }

    /// The most recently ended sync of `type` (any type when nil).
    public func latestFinishedSync(type: SyncType? = nil) throws -> SyncRun? {
        try withConnection { connection, layout in
            try Self.latestFinishedSync(type: type, connection, layout)
        }
    }

    /// The sync run with `id`, or nil.
    public func syncRun(id: String) throws -> SyncRun? {
        try withConnection { connection, layout in
            try SyncRunRow.first(
                connection, "select \(SyncRunRow.columns) from \(layout.syncRuns) where sync_id = ?", [.text(id)])
        }
    }

    /// Every sync run in row order (oldest first).
    public func listSyncRuns() throws -> [SyncRun] {
        try withConnection { connection, layout in
            var runs: [SyncRun] = []
            try connection.query("select \(SyncRunRow.columns) from \(layout.syncRuns) order by id") { row in
                runs.append(SyncRunRow.decode(row))
            }
            return runs
        }
    }

    /// Stores the syncer's checkpoint token for a running sync.
    public func checkpoint(syncID: String, token: String) throws {
        try withWritableConnection { connection, _ in
            try Self.requireRunning(syncID, connection)
            try connection.run(
                "update v1_sync_runs set sync_token = ? where sync_id = ?", [.text(token), .text(syncID)])
        }
    }

    /// Marks that the sync's grants carry expansion metadata in their columns (`supports_diff = 1`).
    public func markSupportsDiff(syncID: String) throws {
        try withWritableConnection { connection, _ in
            try connection.run("update v1_sync_runs set supports_diff = 1 where sync_id = ?", [.text(syncID)])
        }
    }

    /// Ends a running sync: sets `ended_at`, computes its statistics and stores them as JSON.
    ///
    /// - Parameters:
    ///   - syncID: the running sync.
    ///   - runtimeStats: figures only the syncer knows (step durations, connector and session-store call
    ///     statistics), merged into the stored statistics; the record counts are always computed here.
    /// - Returns: the stored statistics.
    @discardableResult
    public func endSync(syncID: String, runtimeStats: C1_Reader_V2_SyncStats? = nil) throws -> C1_Reader_V2_SyncStats {
        try withWritableConnection(grantIndexes: true) { connection, layout in
            try connection.transaction {
                try Self.requireRunning(syncID, connection)
                try connection.run(
                    "update v1_sync_runs set ended_at = ? where sync_id = ? and ended_at is null",
                    [.text(SQLiteTime.format(Date())), .text(syncID)])
                let type = SyncType(
                    stored: try connection.scalarText(
                        "select sync_type from v1_sync_runs where sync_id = ?", [.text(syncID)]) ?? "full")
                var stats = try Self.computeStats(syncID: syncID, type: type, connection)
                if let runtimeStats {
                    stats.assets = runtimeStats.assets
                    stats.stepDurationsMs = runtimeStats.stepDurationsMs
                    stats.connectorCallStats = runtimeStats.connectorCallStats
                    stats.sessionStoreStats = runtimeStats.sessionStoreStats
                }
                try Self.storeStats(stats, syncID: syncID, connection)
                return stats
            }
        }
    }

    /// The sync id a read should use: `requested` when given, else the latest finished full sync, else
    /// the latest unfinished sync of any type.
    ///
    /// - Throws: ``C1ZError`` `.syncNotFound` for an unknown requested id, `.noSync` when the file holds
    ///   no usable sync.
    public func resolveSyncID(_ requested: String? = nil) throws -> String {
        try withConnection { connection, layout in
            try Self.resolveSyncID(requested, fallback: .full, connection, layout)
        }
    }

    // MARK: Shared helpers

    static func latestFinishedSync(type: SyncType?, _ connection: SQLiteConnection, _ layout: SchemaLayout) throws
        -> SyncRun?
    {
        var sql = "select \(SyncRunRow.columns) from \(layout.syncRuns) where ended_at is not null"
        var values: [SQLiteValue] = []
        if let type {
            sql += " and sync_type = ?"
            values.append(.text(type.rawValue))
        }
        sql += " order by ended_at desc, sync_id desc limit 1"
        return try SyncRunRow.first(connection, sql, values)
    }

    /// Resolves the sync a read uses. `fallback` is the type of finished sync to prefer (nil: any type),
    /// matching the Go reader: lists and resource gets prefer full syncs, other gets any finished sync.
    static func resolveSyncID(
        _ requested: String?, fallback: SyncType?, _ connection: SQLiteConnection, _ layout: SchemaLayout
    ) throws -> String {
        if let requested, !requested.isEmpty {
            let exists =
                try connection.scalarInt(
                    "select count(*) from v1_sync_runs where sync_id = ?", [.text(requested)]) ?? 0
            guard exists > 0 else { throw C1ZError(.syncNotFound, "c1z: sync \(requested) not found") }
            return requested
        }
        if let finished = try latestFinishedSync(type: fallback, connection, layout) {
            return finished.id
        }
        let unfinished = try SyncRunRow.first(
            connection,
            "select \(SyncRunRow.columns) from \(layout.syncRuns) where ended_at is null "
                + "order by started_at desc limit 1",
            [])
        guard let unfinished else { throw C1ZError(.noSync, "c1z: the file holds no sync runs") }
        return unfinished.id
    }

    /// Throws unless `syncID` exists and has not ended.
    static func requireRunning(_ syncID: String, _ connection: SQLiteConnection) throws {
        let statement = try connection.cached("select ended_at is not null from v1_sync_runs where sync_id = ?")
        defer { statement.reset() }
        try statement.bind(1, text: syncID)
        guard try statement.step() else {
            throw C1ZError(.syncNotFound, "c1z: sync \(syncID) not found")
        }
        if statement.int(0) != 0 {
            throw C1ZError(.syncNotRunning, "c1z: sync \(syncID) has already ended")
        }
    }
}

/// Reading `v1_sync_runs` rows into ``SyncRun`` values.
enum SyncRunRow {
    static let columns =
        "sync_id, started_at, ended_at, sync_token, sync_type, parent_sync_id, linked_sync_id, supports_diff, stats"

    static func decode(_ row: SQLiteStatement) -> SyncRun {
        let started = SQLiteTime.parseInstant(row.text(1))
        let ended = row.optionalText(2).flatMap(SQLiteTime.parseInstant)
        var run = SyncRun(
            id: row.text(0),
            startedAt: started?.date ?? Date(timeIntervalSince1970: 0),
            endedAt: ended?.date,
            syncToken: row.text(3),
            syncType: SyncType(stored: row.text(4)),
            parentSyncID: row.text(5),
            linkedSyncID: row.text(6),
            supportsDiff: row.int(7) != 0,
            stats: row.optionalText(8).flatMap(SyncStatsJSON.decode))
        run.storedStartedAt = started
        run.storedEndedAt = ended
        return run
    }

    static func first(_ connection: SQLiteConnection, _ sql: String, _ values: [SQLiteValue]) throws -> SyncRun? {
        var run: SyncRun?
        try connection.query(sql, values) { row in
            if run == nil { run = decode(row) }
        }
        return run
    }
}
