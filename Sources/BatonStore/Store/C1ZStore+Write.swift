public import BatonProto
import Foundation

extension C1ZStore {
    /// Writes a batch of records to a running sync in one transaction, together with its checkpoint.
    ///
    /// Rows are upserted on `(external_id, sync_id)`: a record written twice keeps one row with the newer
    /// bytes. Grants have their `GrantExpandable` annotation moved into the `expansion` column (and
    /// `needs_expansion` set per the Go rules). When `token` is given the sync's checkpoint is updated in
    /// the same transaction, so a page and the checkpoint that follows it land together or not at all.
    ///
    /// - Throws: ``C1ZError`` when the sync does not exist or has ended, or a record cannot be encoded.
    public func write(_ batch: StoreBatch, syncID: String, checkpoint token: String? = nil) throws {
        // Encoding is pure CPU work on Sendable values: do it before taking the lock. Grants, usually
        // the bulk of a sync, are encoded inside the transaction, overlapped with their inserts.
        let rows = try EncodedBatch(batch)
        guard isWritable else { throw C1ZError(.invalidRecord, "c1z: the store was opened read-only") }
        try withSession { session, connection in
            try session.grantIndexes.deferIfBulkLoad(adding: batch.grants.count, connection)
            try connection.transaction {
                try Self.requireRunning(syncID, connection)
                let discoveredAt = SQLiteTime.format(Date())
                try rows.insert(syncID: syncID, discoveredAt: discoveredAt, connection)
                try GrantWriter(connection: connection, mode: .replace, syncID: syncID, discoveredAt: discoveredAt)
                    .write(batch.grants)
                if let token {
                    try connection.run(
                        "update v1_sync_runs set sync_token = ? where sync_id = ?", [.text(token), .text(syncID)])
                }
            }
        }
    }

    /// Writes grants produced by grant expansion, keeping each existing row's expansion columns.
    ///
    /// New rows get no expansion metadata; any `GrantExpandable` annotation is stripped defensively.
    public func writeExpandedGrants(_ grants: [C1_Connector_V2_Grant], syncID: String) throws {
        try withWritableConnection { connection, _ in
            try connection.transaction {
                try Self.requireRunning(syncID, connection)
                let writer = GrantWriter(
                    connection: connection, mode: .preserveExpansion, syncID: syncID,
                    discoveredAt: SQLiteTime.format(Date()))
                try writer.write(grants)
            }
        }
    }
}

/// The resource types, resources and entitlements of a batch, encoded to their row values.
struct EncodedBatch: Sendable {
    var resourceTypes: [EncodedRecord] = []
    var resources: [EncodedResource] = []
    var entitlements: [EncodedEntitlement] = []

    init(_ batch: StoreBatch) throws {
        resourceTypes = try batch.resourceTypes.map {
            try EncodedRecord(externalID: $0.id, data: $0.deterministicData())
        }
        resources = try batch.resources.map(EncodedResource.init)
        entitlements = try batch.entitlements.map(EncodedEntitlement.init)
    }

    func insert(syncID: String, discoveredAt: String, _ connection: SQLiteConnection) throws {
        if !resourceTypes.isEmpty {
            let statement = try connection.cached(
                """
                insert into v1_resource_types (external_id, data, sync_id, discovered_at) values (?, ?, ?, ?) \
                on conflict (external_id, sync_id) do update set data = excluded.data
                """)
            for row in resourceTypes {
                try statement.bind(1, text: row.externalID)
                try statement.bind(2, blob: row.data)
                try statement.bind(3, text: syncID)
                try statement.bind(4, text: discoveredAt)
                try statement.step()
                statement.reset()
            }
        }
        if !resources.isEmpty {
            let statement = try connection.cached(
                """
                insert into v1_resources (resource_type_id, external_id, parent_resource_type_id, \
                parent_resource_id, data, sync_id, discovered_at) values (?, ?, ?, ?, ?, ?, ?) \
                on conflict (external_id, sync_id) do update set data = excluded.data
                """)
            for row in resources {
                try statement.bind(1, text: row.resourceTypeID)
                try statement.bind(2, text: row.externalID)
                try statement.bind(3, text: row.parentResourceTypeID)
                try statement.bind(4, text: row.parentResourceID)
                try statement.bind(5, blob: row.data)
                try statement.bind(6, text: syncID)
                try statement.bind(7, text: discoveredAt)
                try statement.step()
                statement.reset()
            }
        }
        if !entitlements.isEmpty {
            let statement = try connection.cached(
                """
                insert into v1_entitlements (resource_type_id, resource_id, external_id, data, sync_id, \
                discovered_at) values (?, ?, ?, ?, ?, ?) \
                on conflict (external_id, sync_id) do update set data = excluded.data
                """)
            for row in entitlements {
                try statement.bind(1, text: row.resourceTypeID)
                try statement.bind(2, text: row.resourceID)
                try statement.bind(3, text: row.externalID)
                try statement.bind(4, blob: row.data)
                try statement.bind(5, text: syncID)
                try statement.bind(6, text: discoveredAt)
                try statement.step()
                statement.reset()
            }
        }
    }
}

/// A resource type row.
struct EncodedRecord: Sendable {
    var externalID: String
    var data: Data
}

/// A resource row: `external_id` is `<type>:<id>`, the parent columns are NULL without a parent.
struct EncodedResource: Sendable {
    var resourceTypeID: String
    var externalID: String
    var parentResourceTypeID: String?
    var parentResourceID: String?
    var data: Data

    init(_ resource: C1_Connector_V2_Resource) throws {
        resourceTypeID = resource.id.resourceType
        externalID = resource.id.resourceType + ":" + resource.id.resource
        if resource.hasParentResourceID {
            parentResourceTypeID = resource.parentResourceID.resourceType
            parentResourceID = resource.parentResourceID.resource
        }
        data = try resource.deterministicData()
    }
}

/// An entitlement row, keyed by the entitlement id and indexed by its resource.
struct EncodedEntitlement: Sendable {
    var resourceTypeID: String
    var resourceID: String
    var externalID: String
    var data: Data

    init(_ entitlement: C1_Connector_V2_Entitlement) throws {
        resourceTypeID = entitlement.resource.id.resourceType
        resourceID = entitlement.resource.id.resource
        externalID = entitlement.id
        data = try entitlement.deterministicData()
    }
}
