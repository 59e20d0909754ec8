import BatonProto
import BatonStore

/// One sync of an open file, as one side of a comparison.
struct DiffSide {
    let store: C1ZStore
    let syncID: String
}

/// The records of one kind that differ between two syncs, each as its key and its JSON.
///
/// Created and modified records are in the newer sync's row order (modified ones as they are now),
/// deleted ones in the older sync's row order (as they were).
struct DiffBucket {
    var created: [(key: String, json: String)] = []
    var deleted: [(key: String, json: String)] = []
    var modified: [(key: String, json: String)] = []

    /// `{"created":[…],"deleted":[…],"modified":[…]}`, empty lists left out.
    var json: String {
        var object = JSONObject()
        object.add("created", jsonArray: created.map(\.json))
        object.add("deleted", jsonArray: deleted.map(\.json))
        object.add("modified", jsonArray: modified.map(\.json))
        return object.text
    }
}

/// How to read and identify one kind of record for a comparison.
struct DiffKind<Record: AnyCarrying> {
    /// The JSON member and console label: `resources`, `entitlements`, `grants`.
    let name: String
    let list: (_ side: DiffSide, _ pageToken: String) throws -> Page<Record>
    /// What identifies a record across syncs (its external id).
    let key: (Record) -> String

    /// Compares the records of this kind in two syncs.
    ///
    /// Records are compared by their JSON with members sorted (annotations decoded), as the Go tool
    /// compares normalised JSON, so re-encoded but equal annotations do not count as changes. Only a hash of each older
    /// record is kept in memory; the older sync is read a second time to print the deleted records.
    func bucket(old: DiffSide, new: DiffSide) throws -> DiffBucket {
        var oldDigests: [String: Int] = [:]
        try forEachItem({ try list(old, $0) }) { record in
            oldDigests[key(record)] = try ProtoJSON.canonicalString(record).hashValue
        }
        var bucket = DiffBucket()
        var newKeys = Set<String>()
        try forEachItem({ try list(new, $0) }) { record in
            let recordKey = key(record)
            newKeys.insert(recordKey)
            if let oldDigest = oldDigests[recordKey] {
                if oldDigest != (try ProtoJSON.canonicalString(record).hashValue) {
                    bucket.modified.append((recordKey, try ProtoJSON.string(record)))
                }
            } else {
                bucket.created.append((recordKey, try ProtoJSON.string(record)))
            }
        }
        try forEachItem({ try list(old, $0) }) { record in
            let recordKey = key(record)
            if !newKeys.contains(recordKey) {
                bucket.deleted.append((recordKey, try ProtoJSON.string(record)))
            }
        }
        return bucket
    }
}

/// The kinds of record `diff` compares.
enum DiffKinds {
    static var resources: DiffKind<C1_Connector_V2_Resource> {
        DiffKind(
            name: "resources", list: { try $0.store.listResources(syncID: $0.syncID, pageToken: $1) },
            key: { $0.id.resourceType + ":" + $0.id.resource })
    }

    static var entitlements: DiffKind<C1_Connector_V2_Entitlement> {
        DiffKind(
            name: "entitlements", list: { try $0.store.listEntitlements(syncID: $0.syncID, pageToken: $1) },
            key: \.id)
    }

    static var grants: DiffKind<C1_Connector_V2_Grant> {
        DiffKind(
            name: "grants", list: { try $0.store.listGrants(syncID: $0.syncID, pageToken: $1) }, key: \.id)
    }
}
