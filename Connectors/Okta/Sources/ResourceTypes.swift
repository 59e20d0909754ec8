import BatonSDK

/// The resource types of the reference connector that this one syncs, with the same ids, traits and
/// annotations (`V1Identifier`, the OAuth scopes as `CapabilityPermissions`).
enum OktaResourceTypes {
    static let user = make(
        "user", "User", .user, scopes: ["okta.users.read", "okta.users.manage"],
        extra: [C1_Connector_V2_SkipEntitlementsAndGrants()])
    static let group = make("group", "Group", .group, scopes: ["okta.groups.read", "okta.groups.manage"])
    static let role = make("role", "Role", .role, scopes: ["okta.roles.read", "okta.roles.manage"])
    static let app = make("app", "App", .app, scopes: ["okta.apps.read", "okta.apps.manage"])

    private static func make(
        _ id: String, _ name: String, _ trait: ResourceType.Trait, scopes: [String],
        extra: [any SwiftProtobuf.Message] = []
    ) -> ResourceType {
        var permissions = C1_Connector_V2_CapabilityPermissions()
        permissions.permissions = scopes.map {
            var permission = C1_Connector_V2_CapabilityPermission()
            permission.permission = $0
            return permission
        }
        return .declared(
            id: id, displayName: name, traits: [trait],
            annotations: [V1Identifier(id), permissions] + extra)
    }
}

/// The one entitlement each group, role and app offers.
enum OktaEntitlement {
    /// A page holding the assignment entitlement `slug` of `resource`, with the reference's texts, its
    /// `V1Identifier` and any further annotations.
    static func page(
        _ resource: Resource, slug: String, grantableTo types: [ResourceType], displayName: String,
        description: String, v1: String, annotations: [any SwiftProtobuf.Message] = []
    ) throws -> Page<Entitlement> {
        Page([
            try Entitlement.assignment(
                resource: resource, name: slug,
                options: [
                    .grantableTo(types), .displayName(displayName), .description(description),
                    .annotations([V1Identifier(v1)] + annotations),
                ])
        ])
    }
}
