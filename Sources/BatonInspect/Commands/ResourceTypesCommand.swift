import ArgumentParser
import BatonProto
import BatonStore

/// `baton resource-types`: the resource types of the sync.
struct ResourceTypesCommand: InspectCommand {
    static let configuration = CommandConfiguration(commandName: "resource-types", abstract: "List resource types")

    @OptionGroup var global: GlobalOptions

    func run(in context: CommandContext) throws {
        try context.printList(global, jsonKey: "resourceTypes", headers: ["ID", "Display Name", "Traits"]) {
            lookup, list in
            try lookup.resourceTypePages.forEachItem { type in
                try list.append(
                    json: {
                        var item = JSONObject()
                        item.add("resourceType", json: try ProtoJSON.string(type))
                        return item.text
                    },
                    row: { [type.id, type.displayName, type.traits.map(\.protoName).joined(separator: ", ")] })
            }
        }
    }
}

extension C1_Connector_V2_ResourceType.Trait {
    /// The enum value's protobuf name (`TRAIT_USER`), as the Go tool prints traits.
    var protoName: String {
        if case .UNRECOGNIZED(let value) = self {
            return String(value)
        }
        // Generated case names are the proto names without the prefix, in lowerCamelCase.
        var name = "TRAIT_"
        for character in String(describing: self) {
            if character.isUppercase {
                name += "_"
            }
            name += character.uppercased()
        }
        return name
    }
}
