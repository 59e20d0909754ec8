import ArgumentParser
import BatonProto
import BatonStore

/// `baton grants [-t type [-r resource]] [-e entitlement]`: the grants of the sync with the
/// entitlement, resource, resource type and principal each refers to.
struct GrantsCommand: InspectCommand {
    static let configuration = CommandConfiguration(commandName: "grants", abstract: "List grants")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: GrantSelection

    func run(in context: CommandContext) throws {
        try context.printList(
            global, jsonKey: "grants", headers: ["Resource Type", "Resource", "Entitlement", "Principal"]
        ) { lookup, list in
            try selection.forEachGrant(lookup) { grant in
                let entitlementID = grant.entitlement.id
                let resourceID = grant.entitlement.resource.id
                try list.append(
                    json: {
                        var item = JSONObject()
                        item.add("grant", json: try ProtoJSON.string(grant))
                        item.add("entitlement", json: try lookup.entitlementJSON(entitlementID))
                        item.add("resource", json: try lookup.resourceJSON(resourceID))
                        item.add("resourceType", json: try lookup.resourceTypeJSON(resourceID.resourceType))
                        item.add("principal", json: try lookup.resourceJSON(grant.principal.id))
                        return item.text
                    },
                    row: {
                        [
                            try lookup.typeName(resourceID.resourceType), try lookup.resourceName(resourceID),
                            try lookup.entitlementName(entitlementID), try lookup.resourceName(grant.principal.id),
                        ]
                    })
            }
        }
    }
}

/// Which grants `grants` and `principals` read: all, those on one resource type or resource, and/or
/// those of one entitlement.
struct GrantSelection: ParsableArguments {
    @Option(name: [.customShort("t"), .customLong("resource-type")], help: "The resource type to filter output by")
    var resourceType: String?

    @Option(name: [.customShort("r"), .customLong("resource")], help: "The resource to filter output by (needs -t)")
    var resource: String?

    @Option(name: [.customShort("e"), .customLong("entitlement")], help: "The entitlement to filter output by")
    var entitlement: String?

    func validate() throws {
        if resource != nil, resourceType == nil {
            throw InspectError(.invalidArguments, "--resource needs --resource-type (-t)")
        }
    }

    /// Calls `body` for each selected grant of the sync, in row order.
    func forEachGrant(_ lookup: RecordLookup, _ body: (C1_Connector_V2_Grant) throws -> Void) throws {
        var filter = GrantFilter(entitlementID: entitlement)
        // Without a resource, a type filter applies to the entitlement's resource type, which the
        // store cannot filter on; those grants are filtered here.
        var typeFilter: String?
        if let resourceType, let resource {
            filter.resource = .with {
                $0.resourceType = resourceType
                $0.resource = resource
            }
        } else {
            typeFilter = resourceType
        }
        try lookup.grantPages(filter).forEachItem { grant in
            if let typeFilter, grant.entitlement.resource.id.resourceType != typeFilter {
                return
            }
            try body(grant)
        }
    }
}
