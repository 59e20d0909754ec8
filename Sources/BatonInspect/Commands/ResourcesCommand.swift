import ArgumentParser
import BatonProto
import BatonStore

/// `baton resources [-t type]`: the resources of the sync with their type and parent.
struct ResourcesCommand: InspectCommand {
    static let configuration = CommandConfiguration(
        commandName: "resources", abstract: "List resources for the latest sync")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("t"), .customLong("resource-type")], help: "The resource type to filter output by")
    var resourceType: String?

    func run(in context: CommandContext) throws {
        try context.printList(
            global, jsonKey: "resources", headers: ["ID", "Display Name", "Resource Type", "Parent Resource"]
        ) { lookup, list in
            try lookup.resourcePages(typeID: resourceType).forEachItem { resource in
                try list.append(
                    json: { try ResourceRow.json(resource, lookup) },
                    row: { try ResourceRow.cells(resource, lookup) })
            }
        }
    }
}

/// A resource with its type and parent, as `resources` and `principals` print it.
enum ResourceRow {
    /// `{"resource":…,"resourceType":…,"parent":…}` plus any `extra` members.
    static func json(
        _ resource: C1_Connector_V2_Resource, _ lookup: RecordLookup, extra: (inout JSONObject) -> Void = { _ in }
    ) throws -> String {
        var item = JSONObject()
        item.add("resource", json: try ProtoJSON.string(resource))
        item.add("resourceType", json: try lookup.resourceTypeJSON(resource.id.resourceType))
        if resource.hasParentResourceID {
            item.add("parent", json: try lookup.resourceJSON(resource.parentResourceID))
        }
        extra(&item)
        return item.text
    }

    /// ID, display name, type name, and `parent name (parent type)` or `-`.
    static func cells(_ resource: C1_Connector_V2_Resource, _ lookup: RecordLookup) throws -> [String] {
        var parentText = "-"
        if resource.hasParentResourceID {
            let parentID = resource.parentResourceID
            let parentName = try lookup.resource(parentID)?.displayName ?? parentID.resource
            parentText = "\(parentName) (\(parentID.resourceType))"
        }
        return [resource.id.resource, resource.displayName, try lookup.typeName(resource.id.resourceType), parentText]
    }
}

extension RecordLookup {
    /// The display name of a resource type, or its id when it has none or is not in the sync.
    func typeName(_ id: String) throws -> String {
        let name = try resourceType(id)?.displayName ?? ""
        return name.isEmpty ? id : name
    }

    /// The display name of a resource, or its id when it has none or is not in the sync.
    func resourceName(_ id: C1_Connector_V2_ResourceId) throws -> String {
        let name = try resource(id)?.displayName ?? ""
        return name.isEmpty ? id.resource : name
    }

    /// The display name of an entitlement, or its id when it has none or is not in the sync.
    func entitlementName(_ id: String) throws -> String {
        let name = try entitlement(id)?.displayName ?? ""
        return name.isEmpty ? id : name
    }
}
