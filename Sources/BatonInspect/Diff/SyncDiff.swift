import BatonProto

/// The records of one kind that differ between two syncs, each as its key and its JSON.
///
/// Created and modified records are in the newer sync's row order (modified ones as they are now),
/// deleted ones in the older sync's row order (as they were).
struct DiffBucket {
    var created: [(key: String, json: String)] = []
    var deleted: [(key: String, json: String)] = []
    var modified: [(key: String, json: String)] = []

    /// Every change as `(created|deleted|modified, key)`, in that order.
    var changes: [(change: String, key: String)] {
        created.map { ("created", $0.key) } + deleted.map { ("deleted", $0.key) }
            + modified.map { ("modified", $0.key) }
    }

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
    /// The records of this kind in one sync (one side of the comparison).
    let pages: (RecordLookup) -> Pages<Record>
    /// What identifies a record across syncs (its external id).
    let key: (Record) -> String

    /// Compares the records of this kind in two syncs.
    ///
    /// Records are compared by their JSON with members sorted (annotations decoded), as the Go tool
    /// compares normalised JSON, so re-encoded but equal annotations do not count as changes. Only a
    /// 64-bit hash of each older record is kept in memory (a collision, which would hide one
    /// modification, is vanishingly unlikely); the older sync is read again to print deleted records.
    func bucket(old: RecordLookup, new: RecordLookup) throws -> DiffBucket {
        var oldDigests: [String: Int] = [:]
        try pages(old).forEachItem { record in
            oldDigests[key(record)] = try ProtoJSON.canonicalString(record).hashValue
        }
        var bucket = DiffBucket()
        var newKeys = Set<String>()
        try pages(new).forEachItem { record in
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
        try pages(old).forEachItem { record in
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
            name: "resources", pages: { $0.resourcePages(typeID: nil) },
            key: { $0.id.resourceType + ":" + $0.id.resource })
    }

    static var entitlements: DiffKind<C1_Connector_V2_Entitlement> {
        DiffKind(name: "entitlements", pages: \.entitlementPages, key: \.id)
    }

    static var grants: DiffKind<C1_Connector_V2_Grant> {
        DiffKind(name: "grants", pages: { $0.grantPages() }, key: \.id)
    }
}
