import BatonProto
import BatonSDK
import BatonStore
import Foundation
import Synchronization

/// The answers of the explorer's JSON API, read from one sync of an open c1z, page by page.
///
/// Each list answers `{"items":[…],"next":"…"}`; `next` is the cursor of the following page ("" at the
/// end). Items have the shapes the page's embedded data gives it in a report: a resource is
/// `{"t","tn","id","name","desc"}`, an entitlement `{"id","name","r"}`, a grant
/// `{"ent","p","direct","via":[[entitlement…]…]}` (per source, the chain of entitlements the principal
/// holds it through, outermost first). Queries follow the store's indexes, so a page costs
/// the same on a file of any size; the whole-sync figures are counted once, when the server starts.
final class ExplorerAPI: Sendable {
    /// Grants and resources per page.
    static let pageSize = 100
    /// A search reads at most this many resources per request, then hands back a cursor to go on.
    static let searchScanLimit = 20_000

    private let lookup: Mutex<RecordLookup>
    /// `/api/overview`, computed when the server starts.
    let overviewJSON: String
    /// `/api/types`.
    let typesJSON: String

    init(store: C1ZStore, syncID: String) throws {
        let lookup = RecordLookup(store: store, syncID: syncID)
        let stats = try store.stats(syncID: syncID)
        var types: [String] = []
        var typeCounts: [String] = []
        try lookup.resourceTypePages.forEachItem { type in
            var object = JSONObject()
            object.add("id", string: type.id)
            object.add("name", string: type.displayName.isEmpty ? type.id : type.displayName)
            object.add("traits", list: type.traits.map { GoJSON.quote("\($0)") })
            types.append(object.text)
            object.add("count", json: String(stats.resourcesByResourceType[type.id] ?? 0))
            typeCounts.append(object.text)
        }
        var sync = JSONObject()
        sync.add("id", string: syncID)
        if let run = try store.syncRun(id: syncID) {
            sync.add("type", string: run.syncType.rawValue)
            sync.add("started", string: run.startedAt.ISO8601Format())
            sync.add("ended", string: run.endedAt?.ISO8601Format() ?? "")
        }
        var overview = JSONObject()
        overview.add("sync", json: sync.text)
        overview.add("types", list: typeCounts)
        overview.add("entitlements", json: String(stats.entitlements))
        // Telling direct from derived grants takes a pass over every grant: the explorer leaves it out.
        overview.add("grants", json: "{\"total\":\(stats.grants)}")
        overviewJSON = overview.text
        typesJSON = "[" + types.joined(separator: ",") + "]"
        self.lookup = Mutex(lookup)
    }

    /// Resources whose name or id contains `query` (case-insensitively), of one type when given.
    func resources(query: String, typeID: String?, cursor: String) throws -> String {
        try lookup.withLock { lookup in
            let needle = query.lowercased()
            var items: [String] = []
            var token = cursor
            var scanned = 0
            repeat {
                let page = try lookup.store.listResources(
                    syncID: lookup.syncID, resourceTypeID: typeID, pageToken: token,
                    pageSize: needle.isEmpty ? Self.pageSize : 500)
                scanned += page.items.count
                for resource in page.items
                where needle.isEmpty || resource.displayName.lowercased().contains(needle)
                    || resource.id.resource.lowercased().contains(needle)
                {
                    items.append(try Self.resourceJSON(resource.id, lookup))
                }
                token = page.nextPageToken
            } while !token.isEmpty && items.count < Self.pageSize && scanned < Self.searchScanLimit
            return Self.page(items, next: token)
        }
    }

    /// One resource with its profile, parent, entitlements and how many grants it holds (0 or 1: enough
    /// to know whether it is a principal), or `null`.
    func resource(typeID: String, id: String) throws -> String {
        try lookup.withLock { lookup in
            let resourceID = C1_Connector_V2_ResourceId.with {
                $0.resourceType = typeID
                $0.resource = id
            }
            guard let resource = try lookup.resource(resourceID) else { return "null" }
            var object = try Self.resourceObject(resourceID, lookup)
            object.add("profile", json: DisplayText.profileJSON(resource))
            object.add(
                "parent",
                json: resource.hasParentResourceID ? try Self.resourceJSON(resource.parentResourceID, lookup) : "null")
            let entitlements = try lookup.store.listEntitlements(syncID: lookup.syncID, resource: resourceID)
            object.add("ents", list: try entitlements.items.map { try Self.entitlementJSON($0.id, lookup) })
            let held = try lookup.store.listGrants(
                syncID: lookup.syncID, filter: GrantFilter(principal: resourceID), pageSize: 1)
            object.add("holds", json: String(held.items.count))
            return object.text
        }
    }

    /// The grants of one entitlement.
    func holders(entitlementID: String, cursor: String) throws -> String {
        try grants(GrantFilter(entitlementID: entitlementID), cursor: cursor)
    }

    /// The grants one principal holds.
    func access(typeID: String, id: String, cursor: String) throws -> String {
        let principal = C1_Connector_V2_ResourceId.with {
            $0.resourceType = typeID
            $0.resource = id
        }
        return try grants(GrantFilter(principal: principal), cursor: cursor)
    }

    private func grants(_ filter: GrantFilter, cursor: String) throws -> String {
        try lookup.withLock { lookup in
            let page = try lookup.store.listGrants(
                syncID: lookup.syncID, filter: filter, pageToken: cursor, pageSize: Self.pageSize)
            let items = try page.items.map { grant in
                let origin = GrantOrigin(grant)
                var object = JSONObject()
                object.add("ent", json: try Self.entitlementJSON(grant.entitlement.id, lookup))
                object.add("p", json: try Self.resourceJSON(grant.principal.id, lookup))
                object.add("direct", bool: origin.isDirect)
                object.add(
                    "via",
                    list: try origin.derivedFrom.map { source in
                        try "["
                            + Self.chain(source, principal: grant.principal.id, lookup)
                            .map { try Self.entitlementJSON($0, lookup) }.joined(separator: ",") + "]"
                    })
                return object.text
            }
            return Self.page(items, next: page.nextPageToken)
        }
    }

    /// The entitlement `source`, preceded by those `principal` holds it through (the first source of each
    /// derived grant), back to one it holds directly: at most 8 steps, never round a cycle.
    private static func chain(
        _ source: String, principal: C1_Connector_V2_ResourceId, _ lookup: RecordLookup
    ) throws -> [String] {
        var steps = [source]
        for _ in 0..<8 {
            let held = try lookup.store.listGrants(
                syncID: lookup.syncID, filter: GrantFilter(entitlementID: steps[0], principal: principal), pageSize: 1)
            guard let grant = held.items.first else { break }
            let origin = GrantOrigin(grant)
            guard !origin.isDirect, let next = origin.derivedFrom.first, !steps.contains(next) else { break }
            steps.insert(next, at: 0)
        }
        return steps
    }

    // MARK: Shapes

    private static func page(_ items: [String], next: String) -> String {
        var object = JSONObject()
        object.add("items", list: items)
        object.add("next", string: next)
        return object.text
    }

    private static func resourceObject(_ id: C1_Connector_V2_ResourceId, _ lookup: RecordLookup) throws -> JSONObject {
        var object = JSONObject()
        object.add("t", string: id.resourceType)
        object.add("tn", string: try lookup.typeName(id.resourceType))
        object.add("id", string: id.resource)
        object.add("name", string: try lookup.resourceName(id))
        object.add("desc", string: try lookup.resource(id)?.description_p ?? "")
        return object
    }

    private static func resourceJSON(_ id: C1_Connector_V2_ResourceId, _ lookup: RecordLookup) throws -> String {
        try resourceObject(id, lookup).text
    }

    private static func entitlementJSON(_ id: String, _ lookup: RecordLookup) throws -> String {
        let entitlement = try lookup.entitlement(id)
        var object = JSONObject()
        object.add("id", string: id)
        object.add("name", string: DisplayText.entitlementName(entitlement, id: id))
        object.add(
            "r",
            json: entitlement?.hasResource == true
                ? try resourceJSON(entitlement?.resource.id ?? .init(), lookup) : "null")
        return object.text
    }
}
