import BatonSDK

/// The demo's resource types. Users carry no entitlements of their own, so their type tells the
/// sync engine to skip that work.
enum DemoResourceTypes {
    static let user = ResourceType.declared(
        id: "user", displayName: "User", traits: [.user], annotations: [C1_Connector_V2_SkipEntitlementsAndGrants()])
    static let group = ResourceType.declared(id: "group", displayName: "Group", traits: [.group])
    static let role = ResourceType.declared(id: "role", displayName: "Role", traits: [.role])
    static let app = ResourceType.declared(id: "app", displayName: "App", traits: [.app])
}
