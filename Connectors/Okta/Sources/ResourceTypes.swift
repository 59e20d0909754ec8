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
        var v1 = C1_Connector_V2_V1Identifier()
        v1.id = id
        var permissions = C1_Connector_V2_CapabilityPermissions()
        permissions.permissions = scopes.map {
            var permission = C1_Connector_V2_CapabilityPermission()
            permission.permission = $0
            return permission
        }
        var type = ResourceType()
        type.id = id
        type.displayName = name
        type.traits = [trait]
        // Deterministic packing of fixed messages cannot fail; an empty list would only lose annotations.
        type.annotations = (try? Annotations(([v1, permissions] as [any SwiftProtobuf.Message]) + extra)) ?? []
        return type
    }
}

/// The reference's `V1Identifier` annotation for entitlements and grants (`membership:00g1`,
/// `grant:membership:00g1:00u1`), so records match those of the Go connector's older versions.
enum OktaV1 {
    static func identifier(_ id: String) -> C1_Connector_V2_V1Identifier {
        var v1 = C1_Connector_V2_V1Identifier()
        v1.id = id
        return v1
    }

    static func grantID(_ entitlementV1: String, principal: String) -> C1_Connector_V2_V1Identifier {
        identifier("grant:\(entitlementV1):\(principal)")
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
        var entitlement = try Entitlement.assignment(
            resource: resource, name: slug,
            options: [
                EntitlementOption { $0.grantableTo = types }, .displayName(displayName), .description(description),
            ])
        entitlement.annotations += try Annotations([OktaV1.identifier(v1)] + annotations)
        return Page([entitlement])
    }
}
