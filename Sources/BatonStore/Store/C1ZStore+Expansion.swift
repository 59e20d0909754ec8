public import BatonProto
import Foundation

/// A grant whose expansion metadata still has to be processed by grant expansion.
public struct PendingExpansion: Sendable, Equatable {
    /// The grant's id (`external_id`).
    public var grantID: String
    /// The entitlement the grant is for (the expansion's destination).
    public var entitlementID: String
    /// The principal holding the grant.
    public var principal: C1_Connector_V2_ResourceId
    /// The source entitlements and how to expand from them.
    public var expandable: C1_Connector_V2_GrantExpandable

    public init(
        grantID: String, entitlementID: String, principal: C1_Connector_V2_ResourceId,
        expandable: C1_Connector_V2_GrantExpandable
    ) {
        self.grantID = grantID
        self.entitlementID = entitlementID
        self.principal = principal
        self.expandable = expandable
    }
}

/// A principal's identity, usable as a set member or dictionary key.
public struct PrincipalKey: Sendable, Hashable {
    public var resourceType: String
    public var resource: String

    public init(resourceType: String, resource: String) {
        self.resourceType = resourceType
        self.resource = resource
    }

    public init(_ id: C1_Connector_V2_ResourceId) {
        self.init(resourceType: id.resourceType, resource: id.resource)
    }
}

extension C1ZStore {
    /// Grants of a sync still waiting for expansion (`expansion` set and `needs_expansion = 1`), in row order,
    /// 10 000 per page.
    public func pendingExpansion(syncID: String, pageToken: String = "") throws -> RecordPage<PendingExpansion> {
        try withConnection(grantIndexes: true) { connection, layout in
            guard layout.grantsHaveExpansionColumns else {
                return try Self.pendingExpansionFromData(syncID: syncID, pageToken: pageToken, connection)
            }
            var query = RecordQuery(
                table: "v1_grants", syncID: syncID,
                columns:
                    "id, external_id, entitlement_id, principal_resource_type_id, principal_resource_id, expansion")
            query.filter("expansion is not null", [])
            query.filter("needs_expansion = 1", [])
            return try query.page(connection, pageToken: pageToken, pageSize: Paging.maxPageSize) { row in
                var principal = C1_Connector_V2_ResourceId()
                principal.resourceType = row.text(3)
                principal.resource = row.text(4)
                return PendingExpansion(
                    grantID: row.text(1), entitlementID: row.text(2), principal: principal,
                    expandable: try RecordDecoding.decode(C1_Connector_V2_GrantExpandable.self, row.blob(5)))
            }
        }
    }

    /// The principals holding a grant of `entitlementID` in a sync.
    public func principalsHolding(entitlementID: String, syncID: String) throws -> Set<PrincipalKey> {
        try withConnection(grantIndexes: true) { connection, _ in
            var principals: Set<PrincipalKey> = []
            try connection.query(
                """
                select principal_resource_type_id, principal_resource_id from v1_grants \
                where entitlement_id = ? and sync_id = ?
                """,
                [.text(entitlementID), .text(syncID)]
            ) { row in
                principals.insert(PrincipalKey(resourceType: row.text(0), resource: row.text(1)))
            }
            return principals
        }
    }

    /// Pending expansion for a file opened without migrations: the metadata is still inside the grants.
    private static func pendingExpansionFromData(syncID: String, pageToken: String, _ connection: SQLiteConnection)
        throws -> RecordPage<PendingExpansion>
    {
        var query = RecordQuery(table: "v1_grants", syncID: syncID, columns: "id, data")
        query.filter("instr(data, cast(? as blob)) > 0", .text(GrantExpansion.typeName))
        let page = try query.page(connection, pageToken: pageToken, pageSize: Paging.maxPageSize) { row in
            var grant = try RecordDecoding.decode(C1_Connector_V2_Grant.self, row.blob(1))
            let original = grant
            return GrantExpansion.extract(from: &grant).flatMap { bytes in
                (try? C1_Connector_V2_GrantExpandable(serializedBytes: bytes)).map {
                    PendingExpansion(
                        grantID: original.id, entitlementID: original.entitlement.id,
                        principal: original.principal.id, expandable: $0)
                }
            }
        }
        return RecordPage(items: page.items.compactMap { $0 }, nextPageToken: page.nextPageToken)
    }
}
