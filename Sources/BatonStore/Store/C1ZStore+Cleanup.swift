import Foundation

extension C1ZStore {
    /// Tables holding per-sync rows, emptied of a sync before its run row is deleted.
    static let perSyncTables = [
        "v1_resource_types", "v1_resources", "v1_entitlements", "v1_grants", "v1_assets", "v1_connector_sessions",
    ]

    /// Deletes old syncs per the retention policy.
    ///
    /// The space they held, and their bytes, are gone from the file once it is saved compacted
    /// (``C1ZCompaction/whenWorthwhile`` always compacts after a deletion). The reference runs `VACUUM`
    /// here, rewriting the whole database through its log; copying it once into the saved file costs a
    /// quarter of that.
    ///
    /// Keeps `keep` full syncs (else `BATON_KEEP_SYNC_COUNT`, else 2), counting the running
    /// `currentSyncID` as one of them; unfinished syncs are never deleted. Partial and resources-only
    /// syncs that ended before the oldest kept full sync started go too, and of more than two diff syncs
    /// only the newest and its linked partner stay. Does nothing when `BATON_SKIP_CLEANUP` is true.
    ///
    /// - Returns: the ids of the deleted syncs, oldest first.
    @discardableResult
    public func cleanup(currentSyncID: String?, keep: Int? = nil) throws -> [String] {
        let environment = ProcessInfo.processInfo.environment
        if let skip = environment["BATON_SKIP_CLEANUP"], isTruthy(skip) { return [] }
        var limit = 2
        if let keep, keep > 0 {
            limit = keep
        } else if let value = environment["BATON_KEEP_SYNC_COUNT"].flatMap(Int.init), value > 0 {
            limit = value
        }
        let currentSyncOpen = currentSyncID?.isEmpty == false
        if currentSyncOpen, limit > 0 { limit -= 1 }

        return try withSession { session, connection in
            guard isWritable else { throw C1ZError(.invalidRecord, "c1z: the store was opened read-only") }
            try session.grantIndexes.restore(connection)
            var runs: [SyncRun] = []
            try connection.query("select \(SyncRunRow.columns) from \(session.layout.syncRuns) order by id") { row in
                runs.append(SyncRunRow.decode(row))
            }
            let doomed = RetentionPolicy.syncsToDelete(
                runs, currentSyncID: currentSyncID ?? "", keepFullSyncs: limit, currentSyncOpen: currentSyncOpen)
            for syncID in doomed {
                try Self.deleteSync(syncID, connection)
                session.deletedSyncs = true
            }
            return doomed
        }
    }

    private static func deleteSync(_ syncID: String, _ connection: SQLiteConnection) throws {
        try connection.transaction {
            for table in perSyncTables {
                // Bounded deletes keep each statement's journal small on very large syncs.
                repeat {
                    try connection.run(
                        "delete from \(table) where id in (select id from \(table) where sync_id = ? limit 50000)",
                        [.text(syncID)])
                } while connection.changes > 0
            }
            try connection.run("delete from v1_sync_runs where sync_id = ?", [.text(syncID)])
        }
    }
}

/// The Go SDK's sync retention policy, as a pure function of the sync runs.
enum RetentionPolicy {
    /// - Parameters:
    ///   - runs: every sync run, oldest (lowest row id) first.
    ///   - keepFullSyncs: finished full syncs to keep, already reduced by one for a running sync.
    static func syncsToDelete(
        _ runs: [SyncRun], currentSyncID: String, keepFullSyncs: Int, currentSyncOpen: Bool
    ) -> [String] {
        var full: [SyncRun] = []
        var partial: [SyncRun] = []
        var diff: [SyncRun] = []
        for run in runs where run.isFinished && run.id != currentSyncID {
            switch run.syncType {
            case .partial, .resourcesOnly: partial.append(run)
            case .partialUpserts, .partialDeletions: diff.append(run)
            case .full: full.append(run)
            }
        }

        var doomed: [String] = []
        if full.count > keepFullSyncs {
            let overflow = full.count - keepFullSyncs
            doomed += full[..<overflow].map(\.id)
            let cutoffIndex = currentSyncOpen ? overflow - 1 : overflow
            if cutoffIndex >= 0, cutoffIndex < full.count {
                let cutoff = full[cutoffIndex].startedAt
                doomed += partial.filter { ($0.endedAt ?? .distantFuture) < cutoff }.map(\.id)
            }
        }
        if diff.count > 2, let latest = diff.last {
            let keep: Set<String> = [latest.id, latest.linkedSyncID]
            doomed += diff.filter { !keep.contains($0.id) }.map(\.id)
        }
        return doomed
    }
}
