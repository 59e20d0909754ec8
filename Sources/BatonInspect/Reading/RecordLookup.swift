import BatonProto
import BatonStore

/// One sync of an open c1z, with the resource types, resources and entitlements that output rows
/// refer to looked up once and kept (records and their JSON).
final class RecordLookup {
    let store: C1ZStore
    let syncID: String
    private var resourceTypes = RecordCache<String, C1_Connector_V2_ResourceType>()
    private var resources = RecordCache<PrincipalKey, C1_Connector_V2_Resource>()
    private var entitlements = RecordCache<String, C1_Connector_V2_Entitlement>()

    init(store: C1ZStore, syncID: String) {
        self.store = store
        self.syncID = syncID
    }

    func resourceType(_ id: String) throws -> C1_Connector_V2_ResourceType? {
        try resourceTypes.record(id) { try store.resourceType(id: id, syncID: syncID) }
    }

    func resourceTypeJSON(_ id: String) throws -> String? {
        try resourceTypes.json(id) { try store.resourceType(id: id, syncID: syncID) }
    }

    func resource(_ id: C1_Connector_V2_ResourceId) throws -> C1_Connector_V2_Resource? {
        try resources.record(PrincipalKey(id)) { try store.resource(id: id, syncID: syncID) }
    }

    func resourceJSON(_ id: C1_Connector_V2_ResourceId) throws -> String? {
        try resources.json(PrincipalKey(id)) { try store.resource(id: id, syncID: syncID) }
    }

    func entitlement(_ id: String) throws -> C1_Connector_V2_Entitlement? {
        try entitlements.record(id) { try store.entitlement(id: id, syncID: syncID) }
    }

    func entitlementJSON(_ id: String) throws -> String? {
        try entitlements.json(id) { try store.entitlement(id: id, syncID: syncID) }
    }
}

/// Records by key, including the knowledge that a key has no record, plus their JSON once printed.
///
/// Bounded: when full it starts over, so a huge sync cannot grow it without limit. Printed JSON is kept
/// apart from records, and for more keys: a listing prints every principal many times over, and the
/// decoded record is not needed again once its text is.
struct RecordCache<Key: Hashable, Record: AnyCarrying> {
    private var records: [Key: Record?] = [:]
    private var texts: [Key: String?] = [:]
    private let capacity: Int
    private let textCapacity: Int

    init(capacity: Int = 50_000, textCapacity: Int = 200_000) {
        self.capacity = capacity
        self.textCapacity = textCapacity
    }

    mutating func record(_ key: Key, load: () throws -> Record?) rethrows -> Record? {
        if let known = records[key] {
            return known
        }
        if records.count >= capacity {
            records.removeAll(keepingCapacity: true)
        }
        let loaded = try load()
        records[key] = loaded
        return loaded
    }

    mutating func json(_ key: Key, load: () throws -> Record?) throws -> String? {
        if let text = texts[key] {
            return text
        }
        if texts.count >= textCapacity {
            texts.removeAll(keepingCapacity: true)
        }
        let record = try records[key] ?? load()
        let text = try record.map { try ProtoJSON.string($0) }
        texts[key] = text
        return text
    }
}

extension RecordLookup {
    /// The sync's resource types, in row order.
    var resourceTypePages: Pages<C1_Connector_V2_ResourceType> {
        Pages { [store, syncID] in try store.listResourceTypes(syncID: syncID, pageToken: $0) }
    }

    /// The sync's resources (of one type when given), in row order.
    func resourcePages(typeID: String?) -> Pages<C1_Connector_V2_Resource> {
        Pages { [store, syncID] in try store.listResources(syncID: syncID, resourceTypeID: typeID, pageToken: $0) }
    }

    /// The sync's entitlements, in row order.
    var entitlementPages: Pages<C1_Connector_V2_Entitlement> {
        Pages { [store, syncID] in try store.listEntitlements(syncID: syncID, pageToken: $0) }
    }

    /// The sync's grants matching `filter`, in row order.
    func grantPages(_ filter: GrantFilter = .init()) -> Pages<C1_Connector_V2_Grant> {
        Pages { [store, syncID] in try store.listGrants(syncID: syncID, filter: filter, pageToken: $0) }
    }

    /// The same grants as their stored bytes (``C1ZStore/listGrantBytes(syncID:filter:pageToken:pageSize:)``).
    func grantBytePages(_ filter: GrantFilter = .init()) -> Pages<ArraySlice<UInt8>> {
        // Pages of 2,000: a page's bytes are held at once, and smaller pages cost nothing measurable.
        Pages { [store, syncID] in
            try store.listGrantBytes(syncID: syncID, filter: filter, pageToken: $0, pageSize: 2_000)
        }
    }
}
