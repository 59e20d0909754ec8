import BatonSDK
import Foundation

/// Groups: a `member` entitlement held by users. A group's grants also carry the admin roles the
/// group holds (as grants on the role, expandable to the group's members).
struct GroupSyncer: ResourceProvisioner, ResourceTargetedSyncer {
    let context: OktaContext
    var resourceType: ResourceType { OktaResourceTypes.group }
    static let member = "member"

    /// The two grant phases, stored as the resource type of the bag's states.
    private enum Phase {
        static let users = "user"
        static let roles = "role"
    }

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil { bag.push(.init(resourceTypeID: resourceType.id)) }
        let (groups, next) = try await context.client.groupsPage(bag: &bag)
        let kept = groups.filter { !(context.settings.skipAppGroups && $0.type == "APP_GROUP") }
        return Page(try kept.map(resource), nextPageToken: next)
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        guard let group = try await context.client.group(id.resource),
            !(context.settings.skipAppGroups && group.type == "APP_GROUP")
        else { return nil }
        return try resource(group)
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        // Nobody can change who is in a BUILT_IN group (Everyone).
        let isBuiltIn = resource.profile.fields["type"]?.stringValue == "BUILT_IN"
        return try OktaEntitlement.page(
            resource, slug: Self.member, grantableTo: [OktaResourceTypes.user],
            displayName: "\(resource.displayName) Group Member",
            description: "Member of \(resource.displayName) group in Okta", v1: "membership:\(resource.id.resource)",
            annotations: isBuiltIn ? [C1_Connector_V2_EntitlementImmutable()] : [])
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let groupID = resource.id.resource
        // An empty group has no members to list and nobody to expand its roles to.
        let isEmpty = resource.profile.fields["users_count"]?.numberValue == 0
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil {
            bag.push(.init(resourceTypeID: Phase.roles, resourceID: groupID))
            if !isEmpty { bag.push(.init(resourceTypeID: Phase.users, resourceID: groupID)) }
        }
        if bag.resourceTypeID == Phase.users {
            let (members, next) = try await context.client.groupMembersPage(groupID, bag: &bag)
            let grants = try members.filter { context.emailFilter.allows($0.addresses) }.map {
                try memberGrant(resource, userID: $0.id)
            }
            return Page(grants, nextPageToken: next)
        }
        let grants = try await roleGrants(resource, isEmpty: isEmpty)
        return Page(grants, nextPageToken: try bag.nextToken(""))
    }

    /// The standard admin roles the group holds, as `role:<TYPE>:assigned` grants to the group.
    private func roleGrants(_ group: Resource, isEmpty: Bool) async throws -> [Grant] {
        // A token that may not read the group's roles (E0000006) skips this part, as the reference does.
        guard let assignments = try await context.client.groupRoles(group.id.resource) else { return [] }
        let memberEntitlement = BatonID.entitlementID(resource: group.id, slug: Self.member)
        return try assignments.compactMap { assignment in
            guard assignment.isActive(assignedAs: "GROUP"), let type = assignment.type,
                OktaRoles.byType[type] != nil
            else { return nil }
            var options: [GrantOption] = [
                .annotations(V1Identifier.grant("role:\(type)", principal: group.id.resource))
            ]
            if !isEmpty { options.append(.expandable([memberEntitlement], shallow: true)) }
            return try Grant.make(
                resource: try OktaRoles.resource(type: type), entitlementName: RoleSyncer.assigned,
                principal: group.id, options: options)
        }
    }

    func memberGrant(_ group: Resource, userID: String) throws -> Grant {
        try Grant.make(
            resource: group, entitlementName: Self.member, principal: ResourceID(OktaResourceTypes.user.id, userID),
            options: [.annotations(V1Identifier.grant("membership:\(group.id.resource)", principal: userID))])
    }

    // MARK: Provisioning

    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let userID = try OktaProvisioning.userID(principal, what: "group membership")
        let groupID = entitlement.resource.id.resource
        // Okta's PUT is idempotent and says nothing about an existing membership.
        try await context.client.addGroupMember(groupID: groupID, userID: userID)
        return ProvisionResult(grants: [try memberGrant(entitlement.resource, userID: userID)])
    }

    func revoke(_ grant: Grant) async throws -> Annotations {
        let userID = try OktaProvisioning.userID(grant.principal, what: "group membership")
        try await context.client.removeGroupMember(groupID: grant.entitlement.resource.id.resource, userID: userID)
        return []
    }

    // MARK: Records

    static func sourceType(_ type: String?) -> GroupTraitOption.SourceType {
        switch type {
        case "BUILT_IN": .builtIn
        case "APP_GROUP": .appImported
        default: .native
        }
    }

    func resource(_ group: OktaGroup) throws -> Resource {
        let name = group.profile?.name ?? group.id
        var profile: Profile = [
            "name": .init(stringValue: name),
            "description": .init(stringValue: group.profile?.description ?? ""),
            "type": .init(stringValue: group.type ?? ""),
        ]
        if let stats = group.embedded?.stats {
            if let users = stats.usersCount { profile["users_count"] = .init(numberValue: Double(users)) }
            if let apps = stats.appsCount { profile["apps_count"] = .init(numberValue: Double(apps)) }
        }
        return try Resource.group(
            name: name, type: resourceType, id: group.id,
            traits: [.profile(profile), .sourceType(Self.sourceType(group.type)), .rawSourceType(group.type ?? "")],
            options: [.annotations(V1Identifier(group.id))])
    }
}

/// Checks shared by the provisioners.
enum OktaProvisioning {
    /// The principal's Okta user id.
    /// - Throws: `BatonError` `invalidArgument` when the principal is not a user.
    static func userID(_ principal: Resource, what: String) throws -> String {
        guard principal.id.resourceType == OktaResourceTypes.user.id else {
            throw BatonError(
                .invalidArgument, "okta: \(what) can only be granted to a user, not a \(principal.id.resourceType)")
        }
        return principal.id.resource
    }
}
