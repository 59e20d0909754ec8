/// Where the grants table's secondary indexes stand in a store session.
enum GrantIndexState {
    /// Maintained row by row (the normal state).
    case live
    /// Dropped for a bulk grant load; rebuilt before grants are queried, saved or the store closes.
    case deferred
    /// Rebuilt after a deferral; not deferred again in this session, so reads between writes stay cheap.
    case restored
}

extension C1ZStore {
    /// Grant batches at least this large start a bulk load.
    static let grantIndexDeferralThreshold = 1_000

    /// The `v1_grants` indexes a bulk load drops. The unique `(external_id, sync_id)` index stays: the
    /// upsert needs it.
    ///
    /// Maintaining six more indexes over random keys multiplies the cost of every grant insert several
    /// times; building them once afterwards (a sort per index) is far cheaper. A working database killed
    /// in this state gets them back when it is reopened, because opening recreates missing indexes.
    static let deferrableGrantIndexes = [
        "idx_grants_resource_type_id_resource_id_v1", "idx_grants_principal_id_v1",
        "idx_grants_entitlement_id_principal_id_v1", "idx_grants_entitlement_sync_grant_v1",
        "idx_grants_sync_expansion_v1", "idx_grants_sync_needs_expansion_v1",
    ]

    /// Drops the deferrable grants indexes before a large grant write, once per session.
    static func deferGrantIndexes(_ state: inout GrantIndexState, grantCount: Int, _ connection: SQLiteConnection)
        throws
    {
        guard state == .live, grantCount >= grantIndexDeferralThreshold else { return }
        try connection.transaction {
            for name in deferrableGrantIndexes {
                try connection.execute("drop index if exists \(name)")
            }
        }
        state = .deferred
    }

    /// Rebuilds deferred grants indexes with the exact schema statements.
    static func restoreGrantIndexes(_ state: inout GrantIndexState, _ connection: SQLiteConnection) throws {
        guard state == .deferred else { return }
        try connection.transaction {
            for statement in C1ZSchema.grants.statements.dropFirst() + C1ZSchema.grantPartialIndexes {
                try connection.execute(statement)
            }
        }
        state = .restored
    }
}
