import BatonSDK

/// The reference connector's resource types, with the same ids, names, traits and annotations.
enum JiraResourceTypes {
    static let user = make("user", "User", [.user], annotations: [C1_Connector_V2_SkipEntitlementsAndGrants()])
    static let group = make("group", "Group", [.group])
    static let project = make("project", "Project", [])
    static let projectRole = make("project-role", "Project Role", [.role])

    private static func make(
        _ id: String, _ name: String, _ traits: [ResourceType.Trait], annotations: [any SwiftProtobuf.Message] = []
    ) -> ResourceType {
        var type = ResourceType()
        type.id = id
        type.displayName = name
        type.traits = traits
        // Packing fixed messages cannot fail; an empty list would only lose the annotation.
        type.annotations = (try? Annotations(annotations)) ?? []
        return type
    }
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
                EntitlementOption { $0.grantableTo = types }, .displayName(displayName), .description(description),
            ])
    }
}
