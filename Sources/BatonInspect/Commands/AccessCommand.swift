import ArgumentParser
import BatonProto
import BatonSDK
import BatonStore

/// `baton access -t type -r resource`: the effective access of one principal, grouped by resource.
///
/// Every grant the principal holds counts, whether reported by the connector (direct) or added by
/// grant expansion (derived, e.g. through group membership). The JSON is the Go tool's
/// `{"principal":…,"access":[{"resource","resourceType","entitlements"}]}`, resources in order of
/// first grant, with a `grants` member per resource telling how each entitlement is held.
struct AccessCommand: InspectCommand {
    static let configuration = CommandConfiguration(
        commandName: "access", abstract: "List effective access for a principal (direct and derived grants)")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("t"), .customLong("resource-type")], help: "The principal's resource type (e.g. user)")
    var resourceType: String

    @Option(name: [.customShort("r"), .customLong("resource")], help: "The principal's resource id")
    var resource: String

    func run(in context: CommandContext) throws {
        let principalID = C1_Connector_V2_ResourceId.with {
            $0.resourceType = resourceType
            $0.resource = resource
        }
        try context.withSync(global) { lookup in
            guard let principalJSON = try lookup.resourceJSON(principalID) else {
                throw InspectError(
                    .notFound, "principal \(resourceType):\(resource) not found in sync \(lookup.syncID)")
            }
            var groups: [ResourceAccess] = []
            var groupIndex: [PrincipalKey: Int] = [:]
            try lookup.grantPages(GrantFilter(principal: principalID)).forEachItem { grant in
                let resourceID = grant.entitlement.resource.id
                let index = groupIndex[PrincipalKey(resourceID)] ?? groups.count
                if index == groups.count {
                    groupIndex[PrincipalKey(resourceID)] = index
                    groups.append(ResourceAccess(resourceID: resourceID))
                }
                groups[index].grants.append(grant)
            }
            switch global.outputFormat {
            case .json:
                var object = JSONObject()
                object.add("principal", json: principalJSON)
                object.add("access", jsonArray: try groups.map { try $0.json(lookup) })
                context.output.write(object.text + "\n")
            case .console:
                var table = ConsoleTable(headers: ["Resource Type", "Resource", "Entitlement", "Access"])
                for group in groups {
                    for row in try group.rows(lookup) {
                        table.append(row)
                    }
                }
                context.output.write(table.rendered())
            }
        }
    }
}

/// The grants a principal holds on one resource.
private struct ResourceAccess {
    let resourceID: C1_Connector_V2_ResourceId
    var grants: [C1_Connector_V2_Grant] = []

    func json(_ lookup: RecordLookup) throws -> String {
        var item = JSONObject()
        item.add("resource", json: try lookup.resourceJSON(resourceID))
        item.add("resourceType", json: try lookup.resourceTypeJSON(resourceID.resourceType))
        item.add(
            "entitlements",
            jsonArray: try grants.map {
                try lookup.entitlementJSON($0.entitlement.id) ?? ProtoJSON.string($0.entitlement)
            })
        item.add(
            "grants",
            jsonArray: grants.map { grant in
                let origin = GrantOrigin(grant)
                var held = JSONObject()
                held.add("grantId", string: grant.id)
                held.add("entitlementId", string: grant.entitlement.id)
                held.add("direct", bool: origin.isDirect)
                held.add("derivedFrom", jsonArray: origin.derivedFrom.map(GoJSON.quote))
                return held.text
            })
        return item.text
    }

    func rows(_ lookup: RecordLookup) throws -> [[String]] {
        let typeName = try lookup.typeName(resourceID.resourceType)
        let resourceName = try lookup.resourceName(resourceID)
        return try grants.map { grant in
            [typeName, resourceName, try lookup.entitlementName(grant.entitlement.id), GrantOrigin(grant).summary]
        }
    }
}
