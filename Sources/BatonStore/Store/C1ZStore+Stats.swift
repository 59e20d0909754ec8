public import BatonProto

extension C1ZStore {
    /// The statistics of a sync: stored ones when the sync has ended and they are present, otherwise
    /// computed from the rows (and stored, when the sync has ended and the store is writable).
    public func stats(syncID: String) throws -> C1_Reader_V2_SyncStats {
        try withConnection(grantIndexes: true) { [isWritable] connection, layout in
            guard
                let run = try SyncRunRow.first(
                    connection, "select \(SyncRunRow.columns) from \(layout.syncRuns) where sync_id = ?",
                    [.text(syncID)])
            else { throw C1ZError(.syncNotFound, "c1z: sync \(syncID) not found") }
            // Go treats stored stats without resource types as not yet computed.
            if let stored = run.stats, stored.resourceTypes > 0 {
                return stored
            }
            let stats = try Self.computeStats(syncID: syncID, type: run.syncType, connection)
            if run.isFinished, isWritable {
                try Self.storeStats(stats, syncID: syncID, connection)
            }
            return stats
        }
    }

    /// Counts the records of a sync the way the Go store does.
    ///
    /// Every resource type of the sync appears in `resources_by_resource_type` (0 when it has no
    /// resources), resources of types the sync did not record are not counted, and resources-only syncs
    /// count no entitlements or grants.
    static func computeStats(syncID: String, type: SyncType, _ connection: SQLiteConnection) throws
        -> C1_Reader_V2_SyncStats
    {
        var stats = C1_Reader_V2_SyncStats()
        try connection.query("select external_id from v1_resource_types where sync_id = ?", [.text(syncID)]) { row in
            stats.resourcesByResourceType[row.text(0)] = 0
        }
        stats.resourceTypes = Int64(stats.resourcesByResourceType.count)
        for (typeID, count) in try countByResourceType("v1_resources", syncID, connection)
        where stats.resourcesByResourceType[typeID] != nil {
            stats.resourcesByResourceType[typeID] = count
            stats.resources += count
        }
        guard type != .resourcesOnly else { return stats }
        stats.entitlementsByResourceType = try countByResourceType("v1_entitlements", syncID, connection)
        stats.entitlements = stats.entitlementsByResourceType.values.reduce(0, +)
        stats.grantsByResourceType = try countByResourceType("v1_grants", syncID, connection)
        stats.grants = stats.grantsByResourceType.values.reduce(0, +)
        return stats
    }

    static func storeStats(_ stats: C1_Reader_V2_SyncStats, syncID: String, _ connection: SQLiteConnection) throws {
        try connection.run(
            "update v1_sync_runs set stats = ? where sync_id = ?", [.text(SyncStatsJSON.encode(stats)), .text(syncID)])
    }

    private static func countByResourceType(_ table: String, _ syncID: String, _ connection: SQLiteConnection)
        throws -> [String: Int64]
    {
        var counts: [String: Int64] = [:]
        try connection.query(
            "select resource_type_id, count(*) from \(table) where sync_id = ? group by resource_type_id",
            [.text(syncID)]
        ) { row in
            counts[row.text(0)] = row.int(1)
        }
        return counts
    }
}
