public import BatonProto
import Foundation

extension C1ZStore {
    /// Resource types of a sync, in row order.
    ///
    /// - Parameters:
    ///   - syncID: the sync to read; nil reads the latest finished full sync, else the latest unfinished one.
    ///   - pageToken: "" for the first page, then the previous page's ``RecordPage/nextPageToken``.
    ///   - pageSize: rows per page; 0 or more than 10 000 means 10 000.
    public func listResourceTypes(syncID: String? = nil, pageToken: String = "", pageSize: Int = 0) throws
        -> RecordPage<C1_Connector_V2_ResourceType>
    {
        try withConnection { connection, layout in
            let sync = try Self.resolveSyncID(syncID, fallback: .full, connection, layout)
            return try RecordQuery(table: "v1_resource_types", syncID: sync)
                .page(connection, pageToken: pageToken, pageSize: pageSize) { row in
                    try RecordDecoding.decode(C1_Connector_V2_ResourceType.self, row.blob(1))
                }
        }
    }

    /// Resources of a sync, optionally only of one type and/or one parent, in row order.
    public func listResources(
        syncID: String? = nil, resourceTypeID: String? = nil, parent: C1_Connector_V2_ResourceId? = nil,
        pageToken: String = "", pageSize: Int = 0
    ) throws -> RecordPage<C1_Connector_V2_Resource> {
        try withConnection { connection, layout in
            var query = RecordQuery(
                table: "v1_resources", syncID: try Self.resolveSyncID(syncID, fallback: .full, connection, layout))
            if let resourceTypeID, !resourceTypeID.isEmpty {
                query.filter("resource_type_id = ?", .text(resourceTypeID))
            }
            if let parent {
                query.filter("parent_resource_type_id = ?", .text(parent.resourceType))
                query.filter("parent_resource_id = ?", .text(parent.resource))
            }
            return try query.page(connection, pageToken: pageToken, pageSize: pageSize) { row in
                try RecordDecoding.decode(C1_Connector_V2_Resource.self, row.blob(1))
            }
        }
    }

    /// Entitlements of a sync, optionally only those of one resource, in row order.
    public func listEntitlements(
        syncID: String? = nil, resource: C1_Connector_V2_ResourceId? = nil, pageToken: String = "", pageSize: Int = 0
    ) throws -> RecordPage<C1_Connector_V2_Entitlement> {
        try withConnection { connection, layout in
            var query = RecordQuery(
                table: "v1_entitlements", syncID: try Self.resolveSyncID(syncID, fallback: .full, connection, layout))
            if let resource {
                query.filter("resource_type_id = ?", .text(resource.resourceType))
                query.filter("resource_id = ?", .text(resource.resource))
            }
            return try query.page(connection, pageToken: pageToken, pageSize: pageSize) { row in
                try RecordDecoding.decode(C1_Connector_V2_Entitlement.self, row.blob(1))
            }
        }
    }

    /// Grants of a sync matching `filter`, in row order.
    public func listGrants(
        syncID: String? = nil, filter: GrantFilter = .init(), pageToken: String = "", pageSize: Int = 0
    ) throws -> RecordPage<C1_Connector_V2_Grant> {
        try withConnection(grantIndexes: true) { connection, layout in
            let query = try Self.grantQuery(syncID: syncID, filter: filter, connection, layout)
            return try query.page(connection, pageToken: pageToken, pageSize: pageSize) { row in
                try GrantRow.decode(row, includeExpansion: filter.includeExpansion)
            }
        }
    }

    /// The paged query of ``listGrants(syncID:filter:pageToken:pageSize:)``.
    static func grantQuery(
        syncID: String?, filter: GrantFilter, _ connection: SQLiteConnection, _ layout: SchemaLayout
    ) throws -> RecordQuery {
        var query = RecordQuery(
            table: "v1_grants", syncID: try Self.resolveSyncID(syncID, fallback: .full, connection, layout),
            columns: GrantRow.columns(layout))
        if let entitlementID = filter.entitlementID {
            query.filter("entitlement_id = ?", .text(entitlementID))
        }
        if let resource = filter.resource {
            query.filter("resource_type_id = ?", .text(resource.resourceType))
            query.filter("resource_id = ?", .text(resource.resource))
        }
        if let principal = filter.principal {
            query.filter("principal_resource_type_id = ?", .text(principal.resourceType))
            query.filter("principal_resource_id = ?", .text(principal.resource))
        }
        if !filter.principalResourceTypeIDs.isEmpty {
            let placeholders = Array(repeating: "?", count: filter.principalResourceTypeIDs.count)
            query.filter(
                "principal_resource_type_id in (\(placeholders.joined(separator: ", ")))",
                filter.principalResourceTypeIDs.map(SQLiteValue.text))
        }
        return query
    }

    /// The resource type `id` of a sync (nil: the latest finished sync of any type), or nil if absent.
    public func resourceType(id: String, syncID: String? = nil) throws -> C1_Connector_V2_ResourceType? {
        try withConnection { connection, layout in
            let sync = try Self.resolveSyncID(syncID, fallback: nil, connection, layout)
            return try connection.firstBlob(
                "select data from v1_resource_types where external_id = ? and sync_id = ?", [.text(id), .text(sync)]
            ).map { try RecordDecoding.decode(C1_Connector_V2_ResourceType.self, $0) }
        }
    }

    /// The resource `id` of a sync (nil: the latest finished full sync), or nil if absent.
    public func resource(id: C1_Connector_V2_ResourceId, syncID: String? = nil) throws -> C1_Connector_V2_Resource? {
        try withConnection { connection, layout in
            let sync = try Self.resolveSyncID(syncID, fallback: .full, connection, layout)
            return try connection.firstBlob(
                "select data from v1_resources where resource_type_id = ? and external_id = ? and sync_id = ?",
                [.text(id.resourceType), .text(id.resourceType + ":" + id.resource), .text(sync)]
            ).map { try RecordDecoding.decode(C1_Connector_V2_Resource.self, $0) }
        }
    }

    /// The entitlement `id` of a sync (nil: the latest finished sync of any type), or nil if absent.
    public func entitlement(id: String, syncID: String? = nil) throws -> C1_Connector_V2_Entitlement? {
        try withConnection { connection, layout in
            let sync = try Self.resolveSyncID(syncID, fallback: nil, connection, layout)
            return try connection.firstBlob(
                "select data from v1_entitlements where external_id = ? and sync_id = ?", [.text(id), .text(sync)]
            ).map { try RecordDecoding.decode(C1_Connector_V2_Entitlement.self, $0) }
        }
    }

    /// The grant `id` of a sync (nil: the latest finished sync of any type), or nil if absent.
    public func grant(id: String, syncID: String? = nil, includeExpansion: Bool = false) throws
        -> C1_Connector_V2_Grant?
    {
        try withConnection { connection, layout in
            let sync = try Self.resolveSyncID(syncID, fallback: nil, connection, layout)
            var grant: C1_Connector_V2_Grant?
            try connection.query(
                "select \(GrantRow.columns(layout)) from v1_grants where external_id = ? and sync_id = ?",
                [.text(id), .text(sync)]
            ) { row in
                grant = try GrantRow.decode(row, includeExpansion: includeExpansion)
            }
            return grant
        }
    }

    /// How many records of each kind a sync holds.
    public func counts(syncID: String? = nil) throws -> RecordCounts {
        try withConnection { connection, layout in
            let sync = try Self.resolveSyncID(syncID, fallback: .full, connection, layout)
            func count(_ table: String) throws -> Int64 {
                try connection.scalarInt("select count(*) from \(table) where sync_id = ?", [.text(sync)]) ?? 0
            }
            return RecordCounts(
                resourceTypes: try count("v1_resource_types"), resources: try count("v1_resources"),
                entitlements: try count("v1_entitlements"), grants: try count("v1_grants"),
                assets: try count("v1_assets"))
        }
    }
}

/// Numbers of rows a sync holds in each record table.
public struct RecordCounts: Sendable, Equatable {
    public var resourceTypes: Int64
    public var resources: Int64
    public var entitlements: Int64
    public var grants: Int64
    public var assets: Int64

    public init(
        resourceTypes: Int64 = 0, resources: Int64 = 0, entitlements: Int64 = 0, grants: Int64 = 0,
        assets: Int64 = 0
    ) {
        self.resourceTypes = resourceTypes
        self.resources = resources
        self.entitlements = entitlements
        self.grants = grants
        self.assets = assets
    }
}

/// A paged `select … where sync_id = ? [and …] order by id` over one record table.
struct RecordQuery {
    let table: String
    let columns: String
    private var conditions = ["sync_id = ?"]
    private var values: [SQLiteValue]

    init(table: String, syncID: String, columns: String = "id, data") {
        self.table = table
        self.columns = columns
        self.values = [.text(syncID)]
    }

    mutating func filter(_ condition: String, _ value: SQLiteValue) {
        filter(condition, [value])
    }

    mutating func filter(_ condition: String, _ newValues: [SQLiteValue]) {
        conditions.append(condition)
        values += newValues
    }

    /// Reads one page; column 0 must be the row id. Fetches one extra row to know whether more follow.
    func page<Item>(
        _ connection: SQLiteConnection, pageToken: String, pageSize: Int, decode: (SQLiteStatement) throws -> Item
    ) throws -> RecordPage<Item> {
        var conditions = conditions
        var values = values
        if let start = try Paging.startRow(pageToken) {
            conditions.append("id >= ?")
            values.append(.int(start))
        }
        let size = Paging.effectiveSize(pageSize)
        let sql = "select \(columns) from \(table) where \(conditions.joined(separator: " and ")) order by id limit ?"
        values.append(.int(Int64(size + 1)))
        var items: [Item] = []
        items.reserveCapacity(min(size, 1_024))
        var lastID: Int64 = 0
        var more = false
        try connection.query(sql, values) { row in
            guard items.count < size else {
                more = true
                return
            }
            lastID = row.int(0)
            items.append(try decode(row))
        }
        return RecordPage(items: items, nextPageToken: more ? String(lastID + 1) : "")
    }
}

/// Decoding stored records the way the Go reader does (unknown fields dropped).
enum RecordDecoding {
    static let options: BinaryDecodingOptions = {
        var options = BinaryDecodingOptions()
        options.discardUnknownFields = true
        return options
    }()

    static func decode<Record: SwiftProtobuf.Message>(_ type: Record.Type, _ data: Data) throws -> Record {
        do {
            return try Record(serializedBytes: data, options: options)
        } catch {
            throw C1ZError(.invalidRecord, "c1z: stored \(Record.protoMessageName) does not decode: \(error)")
        }
    }
}

/// Reading `v1_grants` rows, including expansion metadata and slim-row hydration.
enum GrantRow {
    static func columns(_ layout: SchemaLayout) -> String {
        "id, data, entitlement_id, resource_type_id, resource_id, principal_resource_type_id, principal_resource_id, "
            + layout.grantsExpansion
    }

    static func decode(_ row: SQLiteStatement, includeExpansion: Bool) throws -> C1_Connector_V2_Grant {
        var grant = try RecordDecoding.decode(C1_Connector_V2_Grant.self, row.blob(1))
        // Rows written by Go's slim writer omit the embedded entitlement and principal; rebuild their
        // identities from the columns.
        if !grant.hasEntitlement {
            grant.entitlement.id = row.text(2)
            grant.entitlement.resource.id.resourceType = row.text(3)
            grant.entitlement.resource.id.resource = row.text(4)
        }
        if !grant.hasPrincipal {
            grant.principal.id.resourceType = row.text(5)
            grant.principal.id.resource = row.text(6)
        }
        if includeExpansion, let expansion = row.optionalBlob(7), !expansion.isEmpty,
            !grant.annotations.contains(where: GrantExpansion.isExpandable)
        {
            GrantExpansion.attach(expansion, to: &grant)
        }
        return grant
    }
}

extension SQLiteConnection {
    /// The first column of the first row as a blob, or nil when there is no row.
    func firstBlob(_ sql: String, _ values: [SQLiteValue]) throws -> Data? {
        var data: Data?
        try query(sql, values) { row in
            if data == nil { data = row.blob(0) }
        }
        return data
    }
}
