import BatonSDK

/// Roles: an `assigned` entitlement held by users directly or by whole groups (expandable).
struct RoleSyncer: ResourceSyncer {
    let directory: DemoDirectory
    var resourceType: ResourceType { DemoResourceTypes.role }
    static let assigned = "assigned"

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        let offset = try OffsetPaging.offset(request.pageToken)
        let page = directory.roles(offset: offset, limit: DemoDirectory.pageSize)
        let resources = try page.items.map { try Resource.role(name: $0.name, type: resourceType, id: $0.id) }
        return Page(
            resources,
            nextPageToken: OffsetPaging.nextToken(offset: offset, received: page.items.count, total: page.total))
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        Page([
            try Entitlement.assignment(
                resource: resource, name: Self.assigned,
                options: [
                    .grantableTo(DemoResourceTypes.user, DemoResourceTypes.group),
                    .displayName("\(resource.displayName) Role"),
                ])
        ])
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        guard let role = directory.role(id: resource.id.resource) else {
            throw BatonError(.notFound, "demo: role \(resource.id.resource) does not exist")
        }
        return Page(try roleGrants(resource, users: role.users, groups: role.groups, entitlement: Self.assigned))
    }
}

/// Grants of one entitlement to users directly and to groups whose members inherit it.
func roleGrants(_ resource: Resource, users: [String], groups: [String], entitlement: String) throws -> [Grant] {
    var grants = try users.map {
        try Grant.make(resource: resource, entitlementName: entitlement, principal: ResourceID("user", $0))
    }
    grants += try groups.map { groupID in
        let principal = ResourceID("group", groupID)
        return try Grant.make(
            resource: resource, entitlementName: entitlement, principal: principal,
            options: [.expandable([BatonID.entitlementID(resource: principal, slug: GroupSyncer.member)])])
    }
    return grants
}
