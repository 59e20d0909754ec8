import BatonSDK

/// The demo's resource types. Users carry no entitlements of their own, so their type tells the
/// sync engine to skip that work.
enum DemoResourceTypes {
    static let user = definitely {
        try ResourceType(
            id: "user", displayName: "User", traits: [.user],
            annotations: [C1_Connector_V2_SkipEntitlementsAndGrants()])
    }
    static let group = definitely { try ResourceType(id: "group", displayName: "Group", traits: [.group]) }
    static let role = definitely { try ResourceType(id: "role", displayName: "Role", traits: [.role]) }
    static let app = definitely { try ResourceType(id: "app", displayName: "App", traits: [.app]) }

    /// The ids above are literals that always validate; this keeps `try` out of the declarations.
    private static func definitely(_ make: () throws -> ResourceType) -> ResourceType {
        (try? make()) ?? ResourceType()
    }
}
