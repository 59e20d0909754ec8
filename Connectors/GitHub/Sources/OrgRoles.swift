import BatonSDK
import Foundation
import Logging

/// Organization roles (predefined and custom): an `assigned` entitlement held by users directly and by
/// teams, whose members inherit it.
struct OrgRoleSyncer: ResourceProvisioner, ResourceTargetedSyncer {
    let context: GitHubContext
    var resourceType: ResourceType { GitHubResourceTypes.orgRole }
    static let assigned = "assigned"

    private enum Phase {
        static let users = "user"
        static let teams = "team"
    }

    /// All roles in one page; a 403 or 404 (no access to custom roles) lists none.
    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        guard let parent, parent.resourceType == GitHubResourceTypes.org.id else { return Page() }
        let org = try await context.orgLogin(parent.resource)
        do {
            return Page(try await context.client.orgRoles(org: org).map { try resource($0, orgID: parent.resource) })
        } catch let error as BatonError where error.code == .permissionDenied || error.code == .notFound {
            context.logger.warning("github: skipping organization roles of \(org): \(error.message)")
            return Page()
        }
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        guard let parent,
            let role = try await context.client.orgRole(
                org: try await context.orgLogin(parent.resource), id: id.resource)
        else { return nil }
        return try resource(role, orgID: parent.resource)
    }

    func resource(_ role: GitHubOrgRoleRecord, orgID: String) throws -> Resource {
        try Resource.role(
            name: role.name, type: resourceType, id: String(role.id),
            traits: [.profile(["description": .init(stringValue: role.description ?? "")])],
            options: [
                .parent(ResourceID(GitHubResourceTypes.org.id, orgID)),
                .annotations(V1Identifier("org_role:\(role.id)")),
            ])
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        Page([
            try GitHubEntitlements.make(
                resource, slug: Self.assigned, assignment: true,
                grantableTo: [GitHubResourceTypes.user, GitHubResourceTypes.team], displayName: resource.displayName,
                description: "Assignment to \(resource.displayName) role in GitHub",
                v1: "org_role:\(resource.id.resource)")
        ])
    }

    /// Two phases: users, then teams (expandable to their members); a 403 or 404 skips the phase.
    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let org = try await context.orgLogin(parentOf: resource)
        let roleID = resource.id.resource
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil {
            bag.push(.init(resourceTypeID: Phase.teams))
            bag.push(.init(resourceTypeID: Phase.users))
        }
        let phase = bag.resourceTypeID
        do {
            if phase == Phase.users {
                let (users, next) = try await context.client.orgRoleUsersPage(org: org, roleID: roleID, bag: &bag)
                return Page(
                    try users.map {
                        try grant(resource, principal: ResourceID(GitHubResourceTypes.user.id, String($0.id)))
                    },
                    nextPageToken: next)
            }
            let (teams, next) = try await context.client.orgRoleTeamsPage(org: org, roleID: roleID, bag: &bag)
            return Page(
                try teams.map {
                    try grant(
                        resource, principal: ResourceID(GitHubResourceTypes.team.id, String($0.id)),
                        extra: [GitHubEntitlements.teamExpansion(teamID: String($0.id))])
                }, nextPageToken: next)
        } catch let error as BatonError where error.code == .permissionDenied || error.code == .notFound {
            context.logger.warning("github: skipping \(phase) holders of org role \(roleID): \(error.message)")
            _ = bag.pop()
            return Page([], nextPageToken: bag.current == nil ? "" : bag.marshal())
        }
    }

    func grant(_ role: Resource, principal: ResourceID, extra: [GrantOption] = []) throws -> Grant {
        try Grant.make(
            resource: role, entitlementName: Self.assigned, principal: principal,
            options: [.annotations(V1Identifier.grant("org_role:\(role.id.resource)", principal: principal.resource))]
                + extra)
    }

    // MARK: Provisioning

    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let user = try await GitHubProvisioning.account(principal, context: context, what: "an organization role")
        let org = try await context.orgLogin(parentOf: entitlement.resource)
        let roleID = entitlement.resource.id.resource
        guard try await context.client.orgRole(org: org, id: roleID) != nil else {
            throw BatonError(.notFound, "github: organization role \(roleID) not found in \(org)")
        }
        try await context.client.setOrgRole(org: org, login: user.login, roleID: roleID, assigned: true)
        return ProvisionResult(grants: [try grant(entitlement.resource, principal: principal.id)])
    }

    func revoke(_ grant: Grant) async throws -> Annotations {
        let user = try await GitHubProvisioning.account(grant.principal, context: context, what: "an organization role")
        let org = try await context.orgLogin(parentOf: grant.entitlement.resource)
        try await context.client.setOrgRole(
            org: org, login: user.login, roleID: grant.entitlement.resource.id.resource, assigned: false)
        return []
    }
}
