import BatonSDK

/// Groups: a `member` entitlement grantable to users and to groups. A nested group's grant
/// carries `GrantExpandable`, so the sync engine derives grants for the nested group's members.
struct GroupSyncer: ResourceProvisioner, ResourceTargetedSyncer {
    let directory: DemoDirectory
    var resourceType: ResourceType { DemoResourceTypes.group }
    static let member = "member"

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        let offset = try OffsetPaging.offset(request.pageToken)
        let page = directory.groups(offset: offset, limit: DemoDirectory.pageSize)
        return Page(
            try page.items.map(resource),
            nextPageToken: OffsetPaging.nextToken(offset: offset, received: page.items.count, total: page.total))
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        try directory.group(id: id.resource).map(resource)
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        Page([
            try Entitlement.assignment(
                resource: resource, name: Self.member,
                options: [
                    .grantableTo(DemoResourceTypes.user, DemoResourceTypes.group),
                    .displayName("\(resource.displayName) Member"),
                    .description("Member of the \(resource.displayName) group"),
                ])
        ])
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        guard let group = directory.group(id: resource.id.resource) else {
            throw BatonError(.notFound, "demo: group \(resource.id.resource) does not exist")
        }
        var grants = try group.userMembers.map {
            try Grant.make(resource: resource, entitlementName: Self.member, principal: ResourceID("user", $0))
        }
        grants += try group.groupMembers.map { nested in
            let principal = ResourceID("group", nested)
            return try Grant.make(
                resource: resource, entitlementName: Self.member, principal: principal,
                options: [.expandable([BatonID.entitlementID(resource: principal, slug: Self.member)])])
        }
        return Page(grants)
    }

    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let kind = try Self.kind(of: principal.id)
        let groupID = entitlement.resource.id.resource
        if try !directory.addMember(groupID: groupID, memberID: principal.id.resource, kind: kind) {
            return try .alreadyExists()
        }
        let group = try resource(groupFor: groupID)
        return ProvisionResult(grants: [
            try Grant.make(resource: group, entitlementName: Self.member, principal: principal.id)
        ])
    }

    func revoke(_ grant: Grant) async throws -> Annotations {
        let kind = try Self.kind(of: grant.principal.id)
        let removed = try directory.removeMember(
            groupID: grant.entitlement.resource.id.resource, memberID: grant.principal.id.resource, kind: kind)
        return removed ? [] : try .alreadyRevoked()
    }

    private func resource(groupFor id: String) throws -> Resource {
        guard let group = directory.group(id: id) else {
            throw BatonError(.notFound, "demo: group \(id) does not exist")
        }
        return try resource(group)
    }

    private static func kind(of principal: ResourceID) throws -> DemoDirectory.MemberKind {
        switch principal.resourceType {
        case "user": return .user
        case "group": return .group
        default:
            throw BatonError(
                .invalidArgument, "demo: a group member must be a user or a group, not \(principal.resourceType)")
        }
    }

    private func resource(_ group: DemoDirectory.Group) throws -> Resource {
        try Resource.group(
            name: group.name, type: resourceType, id: group.id,
            traits: [
                .sourceType(.native),
                .profile([
                    "user_count": .init(numberValue: Double(group.userMembers.count)),
                    "group_count": .init(numberValue: Double(group.groupMembers.count)),
                ]),
            ])
    }
}
