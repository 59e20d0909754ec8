import BatonSDK

/// The reference connector's resource types, with the same ids, names, traits and annotations.
enum JiraResourceTypes {
    static let user = ResourceType.declared(
        id: "user", displayName: "User", traits: [.user], annotations: [C1_Connector_V2_SkipEntitlementsAndGrants()])
    static let group = ResourceType.declared(id: "group", displayName: "Group", traits: [.group])
    static let project = ResourceType.declared(id: "project", displayName: "Project")
    static let projectRole = ResourceType.declared(id: "project-role", displayName: "Project Role", traits: [.role])
}

/// Building the assignment entitlements every Jira resource offers.
enum JiraEntitlement {
    static func assignment(
        _ resource: Resource, slug: String, grantableTo types: [ResourceType], displayName: String,
        description: String
    ) throws -> Entitlement {
        try Entitlement.assignment(
            resource: resource, name: slug,
            options: [
                .grantableTo(types), .displayName(displayName), .description(description),
            ])
    }
}
