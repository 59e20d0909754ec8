import ArgumentParser
import BatonProto
import BatonStore

/// `baton entitlements [-t type]`: the entitlements of the sync with their resource and its type.
struct EntitlementsCommand: InspectCommand {
    static let configuration = CommandConfiguration(commandName: "entitlements", abstract: "List entitlements")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("t"), .customLong("resource-type")], help: "The resource type to filter output by")
    var resourceType: String?

    func run(in context: CommandContext) throws {
        try context.printList(
            global, jsonKey: "entitlements", headers: ["ID", "Display Name", "Resource Type", "Resource", "Permission"]
        ) { lookup, list in
            try lookup.entitlementPages.forEachItem { entitlement in
                let resourceID = entitlement.resource.id
                if let resourceType, !resourceType.isEmpty, resourceID.resourceType != resourceType {
                    return
                }
                try list.append(
                    json: {
                        var item = JSONObject()
                        item.add("entitlement", json: try ProtoJSON.string(entitlement))
                        item.add("resource", json: try lookup.resourceJSON(resourceID))
                        item.add("resourceType", json: try lookup.resourceTypeJSON(resourceID.resourceType))
                        return item.text
                    },
                    row: {
                        [
                            entitlement.id, entitlement.displayName, try lookup.typeName(resourceID.resourceType),
                            try lookup.resourceName(resourceID), entitlement.slug,
                        ]
                    })
            }
        }
    }
}
