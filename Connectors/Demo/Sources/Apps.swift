import BatonSDK

/// Apps: an `access` entitlement held by users and by groups (expandable).
struct AppSyncer: ResourceSyncer {
    let directory: DemoDirectory
    var resourceType: ResourceType { DemoResourceTypes.app }
    static let access = "access"

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        Page(
            try directory.apps().map {
                try Resource.app(
                    name: $0.name, type: resourceType, id: $0.id,
                    traits: [.helpURL("https://wiki.demo.example/help"), .flags([.saml])])
            })
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        Page([
            try Entitlement.permission(
                resource: resource, name: Self.access,
                options: [
                    .grantableTo(DemoResourceTypes.user, DemoResourceTypes.group),
                    .description("Can sign in to \(resource.displayName)"),
                ])
        ])
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        guard let app = directory.app(id: resource.id.resource) else {
            throw BatonError(.notFound, "demo: app \(resource.id.resource) does not exist")
        }
        return Page(try roleGrants(resource, users: app.users, groups: app.groups, entitlement: Self.access))
    }
}
