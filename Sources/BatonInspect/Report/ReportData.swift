import BatonProto
import BatonSDK
import BatonStore
import Foundation

/// The access data of one sync in the compact shape the report page reads, as JSON safe to embed in
/// an HTML `<script type="application/json">` element.
///
/// Records refer to each other by position instead of repeating ids, so a grant costs three numbers:
///
/// ```
/// {"title":…,"sync":{…},"types":[[id,name,[traits]]],
///  "res":[[type,id,name,description,parent]],"prof":[[res,[[key,value]]]],
///  "ents":[[res,name,id]],"src":[[direct,ent…]],"g":[ent,principal,src, …],"diff":{…}}
/// ```
///
/// `src` lists each distinct way grants are held: `[1]` is direct only, `[0,4,9]` derived through
/// entitlements 4 and 9, `[1,4]` both. Principals and entitlements a grant names but the sync lacks get
/// a placeholder record (named by id), so every reference resolves.
struct ReportData {
    /// Above this many grants the page would be too large to open quickly; `baton explorer` serves any size.
    static let grantLimit = 250_000
    /// At most this many changes of each kind are listed; the counts are always complete.
    static let diffListLimit = 5_000

    private var types: [String] = []
    private var typeIndex: [String: Int] = [:]
    private var resources: [String] = []
    private var resourceIndex: [PrincipalKey: Int] = [:]
    private var parents: [(child: Int, parent: C1_Connector_V2_ResourceId)] = []
    private var profiles: [String] = []
    private var entitlements: [String] = []
    private var entitlementIndex: [String: Int] = [:]
    private var sourceSets: [String] = ["[1]"]
    private var sourceSetIndex: [String: Int] = ["[1]": 0]
    private var grants: [Int] = []
    private var grantIndex: [String: Int] = [:]

    /// Reads every record of `lookup`'s sync (and, with `base`, what changed since that older sync) and
    /// returns the JSON text.
    ///
    /// - Throws: ``InspectError`` when the sync holds more than `grantLimit` grants.
    /// - Parameter file: the c1z `lookup` reads; its name titles the page.
    static func json(
        _ lookup: RecordLookup, file: String, base: RecordLookup?, grantLimit: Int = Self.grantLimit
    ) throws -> String {
        let grantCount = try lookup.store.counts(syncID: lookup.syncID).grants
        guard grantCount <= grantLimit else {
            throw InspectError(
                .invalidArguments,
                "the sync holds \(grantCount) grants, more than a report embeds (\(grantLimit)): "
                    + "browse it with `baton explorer -f \(file)` instead")
        }
        let title = URL(fileURLWithPath: file).lastPathComponent
        var data = ReportData()
        try data.read(lookup, keepGrantIDs: base != nil)
        var object = JSONObject()
        object.add("title", string: title)
        object.add("sync", json: try syncJSON(lookup))
        object.add("types", json: "[" + data.types.joined(separator: ",") + "]")
        object.add("res", json: "[" + data.resources.joined(separator: ",") + "]")
        object.add("prof", json: "[" + data.profiles.joined(separator: ",") + "]")
        object.add("ents", json: "[" + data.entitlements.joined(separator: ",") + "]")
        object.add("src", json: "[" + data.sourceSets.joined(separator: ",") + "]")
        object.add("g", json: "[" + data.grants.map(String.init).joined(separator: ",") + "]")
        if let base {
            object.add("diff", json: try data.diffJSON(old: base, new: lookup))
        }
        return embeddable(object.text)
    }

    /// JSON that cannot end the `<script>` element holding it: `<` only occurs inside strings, where
    /// `\u003c` means the same.
    static func embeddable(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
    }

    private static func syncJSON(_ lookup: RecordLookup) throws -> String {
        var object = JSONObject()
        object.add("id", string: lookup.syncID)
        if let run = try lookup.store.syncRun(id: lookup.syncID) {
            object.add("type", string: run.syncType.rawValue)
            object.add("started", string: run.startedAt.ISO8601Format())
            object.add("ended", string: run.endedAt?.ISO8601Format() ?? "")
        }
        return object.text
    }

    // MARK: Reading

    private mutating func read(_ lookup: RecordLookup, keepGrantIDs: Bool) throws {
        try lookup.resourceTypePages.forEachItem { type in
            _ = typeNumber(type.id, name: type.displayName, traits: type.traits.map { "\($0)" })
        }
        try lookup.resourcePages(typeID: nil).forEachItem { resource in
            let index = add(resource)
            if resource.hasParentResourceID {
                parents.append((index, resource.parentResourceID))
            }
            let profile = DisplayText.profileJSON(resource)
            if profile != "[]" {
                profiles.append("[\(index),\(profile)]")
            }
        }
        for (child, parent) in parents {
            if let parentIndex = resourceIndex[PrincipalKey(parent)] {
                resources[child].removeLast(3)  // the "-1]" that stood for no parent
                resources[child] += "\(parentIndex)]"
            }
        }
        try lookup.entitlementPages.forEachItem { entitlement in
            _ = add(entitlement)
        }
        try lookup.grantPages().forEachItem { grant in
            let origin = GrantOrigin(grant)
            var held = [origin.isDirect ? 1 : 0]
            for source in origin.derivedFrom {
                held.append(entitlementNumber(source))
            }
            let sources = "[" + held.map(String.init).joined(separator: ",") + "]"
            let source = sourceSetIndex[sources] ?? sourceSets.count
            if source == sourceSets.count {
                sourceSets.append(sources)
                sourceSetIndex[sources] = source
            }
            if keepGrantIDs {
                grantIndex[grant.id] = grants.count / 3
            }
            grants += [
                entitlementNumber(grant.entitlement.id, resource: grant.entitlement.resource.id),
                resourceNumber(grant.principal.id), source,
            ]
        }
    }

    private mutating func typeNumber(_ id: String, name: String = "", traits: [String] = []) -> Int {
        if let index = typeIndex[id] { return index }
        typeIndex[id] = types.count
        let traitList = "[" + traits.map(q).joined(separator: ",") + "]"
        types.append("[\(q(id)),\(q(name.isEmpty ? id : name)),\(traitList)]")
        return types.count - 1
    }

    @discardableResult
    private mutating func add(_ resource: C1_Connector_V2_Resource) -> Int {
        let key = PrincipalKey(resource.id)
        if let index = resourceIndex[key] { return index }
        let name = resource.displayName.isEmpty ? resource.id.resource : resource.displayName
        resourceIndex[key] = resources.count
        resources.append(
            "[\(typeNumber(resource.id.resourceType)),\(q(resource.id.resource)),\(q(name)),"
                + "\(q(resource.description_p)),-1]")
        return resources.count - 1
    }

    /// The position of a resource, adding a placeholder named by its id when the sync lacks it.
    private mutating func resourceNumber(_ id: C1_Connector_V2_ResourceId) -> Int {
        resourceIndex[PrincipalKey(id)] ?? add(C1_Connector_V2_Resource.with { $0.id = id })
    }

    private mutating func add(_ entitlement: C1_Connector_V2_Entitlement) -> Int {
        if let index = entitlementIndex[entitlement.id] { return index }
        let name = DisplayText.entitlementName(entitlement, id: entitlement.id)
        let resource = entitlement.hasResource ? resourceNumber(entitlement.resource.id) : -1
        entitlementIndex[entitlement.id] = entitlements.count
        entitlements.append("[\(resource),\(q(name)),\(q(entitlement.id))]")
        return entitlements.count - 1
    }

    /// The position of an entitlement, adding a placeholder when the sync lacks it.
    private mutating func entitlementNumber(_ id: String, resource: C1_Connector_V2_ResourceId? = nil) -> Int {
        entitlementIndex[id]
            ?? add(
                C1_Connector_V2_Entitlement.with {
                    $0.id = id
                    if let resource { $0.resource.id = resource }
                })
    }

    // MARK: Differences

    /// `{"base":…,"resources":{"created":[res…],"deleted":[[type,id,name]…],"modified":[res…]},
    /// "grants":{"added":[grant…],"removed":[[type,resource,entitlement,principalType,principal]…]},
    /// "counts":{…}}`, resources and grants by position where the newer sync has them.
    private func diffJSON(old: RecordLookup, new: RecordLookup) throws -> String {
        var changes = DiffCollector()
        try DiffKinds.resources.compare(old: old, new: new, into: &changes)
        try DiffKinds.grants.compare(old: old, new: new, into: &changes)
        func positions(_ keys: [String], _ index: (String) -> Int?) -> String {
            "[" + keys.compactMap(index).map(String.init).joined(separator: ",") + "]"
        }
        let resourceKeys = changes.keys["resources", default: [:]]
        let grantKeys = changes.keys["grants", default: [:]]
        let deletedResources = try resourceKeys[.deleted, default: []].compactMap { key -> String? in
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            let id = C1_Connector_V2_ResourceId.with {
                $0.resourceType = parts[0]
                $0.resource = parts[1]
            }
            return "[\(q(try old.typeName(parts[0]))),\(q(parts[1])),\(q(try old.resourceName(id)))]"
        }
        let removedGrants = try grantKeys[.deleted, default: []].compactMap { key -> String? in
            guard let grant = try old.store.grant(id: key, syncID: old.syncID) else { return nil }
            let resource = grant.entitlement.resource.id
            let principal = grant.principal.id
            return "["
                + [
                    try old.typeName(resource.resourceType), try old.resourceName(resource),
                    try old.entitlementName(grant.entitlement.id), try old.typeName(principal.resourceType),
                    try old.resourceName(principal),
                ].map(q).joined(separator: ",") + "]"
        }
        var counts = JSONObject()
        for (kind, byChange) in changes.counts.sorted(by: { $0.key < $1.key }) {
            var kindCounts = JSONObject()
            for change in [DiffChange.created, .deleted, .modified] {
                kindCounts.add(change.rawValue, json: String(byChange[change] ?? 0))
            }
            counts.add(kind, json: kindCounts.text)
        }
        var base = JSONObject()
        base.add("id", string: old.syncID)
        var object = JSONObject()
        object.add("base", json: base.text)
        object.add(
            "resources",
            json: "{\"created\":"
                + positions(resourceKeys[.created, default: []]) { resourceIndex[Self.principalKey($0)] }
                + ",\"deleted\":[" + deletedResources.joined(separator: ",") + "],\"modified\":"
                + positions(resourceKeys[.modified, default: []]) { resourceIndex[Self.principalKey($0)] } + "}")
        object.add(
            "grants",
            json: "{\"added\":" + positions(grantKeys[.created, default: []]) { grantIndex[$0] } + ",\"removed\":["
                + removedGrants.joined(separator: ",") + "]}")
        object.add("counts", json: counts.text)
        return object.text
    }

    private static func principalKey(_ diffKey: String) -> PrincipalKey {
        let parts = diffKey.split(separator: ":", maxSplits: 1).map(String.init)
        return PrincipalKey(resourceType: parts[0], resource: parts.count > 1 ? parts[1] : "")
    }

    private func q(_ text: String) -> String { GoJSON.quote(text) }
    private static func q(_ text: String) -> String { GoJSON.quote(text) }
}

/// Keeps the keys of the first ``ReportData/diffListLimit`` changes of each kind, and counts them all.
private struct DiffCollector: DiffReporter {
    var keys: [String: [DiffChange: [String]]] = [:]
    var counts: [String: [DiffChange: Int]] = [:]
    private var kind = ""

    mutating func begin(kind: String) {
        self.kind = kind
    }

    mutating func report(_ change: DiffChange, key: String, json: () throws -> String) throws {
        counts[kind, default: [:]][change, default: 0] += 1
        if keys[kind, default: [:]][change, default: []].count < ReportData.diffListLimit {
            keys[kind, default: [:]][change, default: []].append(key)
        }
    }

    mutating func end(kind: String) {}
}
