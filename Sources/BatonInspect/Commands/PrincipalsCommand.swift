import ArgumentParser
import BatonProto
import BatonStore

/// `baton principals [-t type -r resource | -e entitlement]`: every resource that is the principal
/// of a selected grant, once, in order of first appearance, with how many selected grants it holds.
///
/// The JSON is the Go tool's `{"resources":[{"resource","resourceType","parent"}]}` with a
/// `grantCount` member added to each item.
struct PrincipalsCommand: InspectCommand {
    static let configuration = CommandConfiguration(
        commandName: "principals", abstract: "List principals (the resources that hold grants), with grant counts")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: GrantSelection

    func run(in context: CommandContext) throws {
        let headers = ["ID", "Display Name", "Resource Type", "Grants"]
        try context.printList(global, jsonKey: "resources", headers: headers) { lookup, list in
            var order: [C1_Connector_V2_ResourceId] = []
            var counts: [PrincipalKey: Int] = [:]
            try selection.forEachGrant(lookup) { grant in
                let key = PrincipalKey(grant.principal.id)
                if counts[key] == nil {
                    order.append(grant.principal.id)
                }
                counts[key, default: 0] += 1
            }
            for principalID in order {
                // A principal outside the sync (an external identity) still prints, by its id.
                let principal = try lookup.resource(principalID) ?? .with { $0.id = principalID }
                let count = counts[PrincipalKey(principalID)] ?? 0
                try list.append(
                    json: { try ResourceRow.json(principal, lookup) { $0.add("grantCount", string: String(count)) } },
                    row: {
                        [
                            principalID.resource, principal.displayName, try lookup.typeName(principalID.resourceType),
                            String(count),
                        ]
                    })
            }
        }
    }
}
