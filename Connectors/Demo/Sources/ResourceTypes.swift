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

/// Offset paging shared by the demo's syncers: the page token is the next offset.
enum DemoPaging {
    static let pageSize = 10

    static func offset(_ request: PageRequest) throws -> Int {
        if request.pageToken.isEmpty { return 0 }
        guard let offset = Int(request.pageToken), offset >= 0 else {
            throw BatonError(.invalidArgument, "demo: malformed page token '\(request.pageToken.prefix(40))'")
        }
        return offset
    }

    static func next(offset: Int, count: Int, total: Int) -> String {
        offset + count < total ? String(offset + count) : ""
    }
}
