import BatonSDK
import Foundation

/// Teams (nested teams flattened): `member` and `maintainer` entitlements held by users.
struct TeamSyncer: ResourceProvisioner, ResourceTargetedSyncer {
    let context: GitHubContext
    var resourceType: ResourceType { GitHubResourceTypes.team }
    static let member = "member"
    static let maintainer = "maintainer"

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        guard let parent, parent.resourceType == GitHubResourceTypes.org.id else { return Page() }
        let org = try await context.orgLogin(parent.resource)
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil { bag.push(.init(resourceTypeID: resourceType.id)) }
        let (teams, next) = try await context.client.teamsPage(org: org, bag: &bag)
        return Page(try teams.map { try resource($0, orgID: parent.resource) }, nextPageToken: next)
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        guard let parent, let team = try await context.client.team(orgID: parent.resource, teamID: id.resource)
        else { return nil }
        return try resource(team, orgID: parent.resource)
    }

    func resource(_ team: GitHubTeamRecord, orgID: String) throws -> Resource {
        var profile: Profile = [
            "orgID": .init(stringValue: orgID), "slug": .init(stringValue: team.slug),
            "description": .init(stringValue: team.description ?? ""),
        ]
        if let parent = team.parent { profile["parent_id"] = .init(stringValue: String(parent.id)) }
        if let count = team.membersCount { profile["members_count"] = .init(numberValue: Double(count)) }
        if let count = team.reposCount { profile["repos_count"] = .init(numberValue: Double(count)) }
        var options: [ResourceOption] = [
            .parent(ResourceID(GitHubResourceTypes.org.id, orgID)),
            .annotations(V1Identifier("team:\(team.id)")),
        ]
        if let url = team.url { options.append(.externalLink(url)) }
        return try Resource.group(
            name: team.name, type: resourceType, id: String(team.id), traits: [.profile(profile)], options: options)
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        let name = resource.displayName
        let id = resource.id.resource
        return Page(
            try [Self.member, Self.maintainer].map { slug in
                try GitHubEntitlements.make(
                    resource, slug: slug, grantableTo: [GitHubResourceTypes.user],
                    displayName: "\(name) Team \(slug.capitalized)", description: "Access to \(name) team in GitHub",
                    v1: "team:\(id):role:\(slug)")
            })
    }

    /// Two phases: `role=member`, then `role=maintainer`; the grant slug is the phase's role.
    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let orgID = resource.parentResourceID.resource
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil {
            bag.push(.init(resourceTypeID: Self.maintainer))
            bag.push(.init(resourceTypeID: Self.member))
        }
        let role = bag.resourceTypeID
        let (members, next) = try await context.client.teamMembersPage(
            orgID: orgID, teamID: resource.id.resource, role: role, bag: &bag)
        return Page(try members.map { try grant(resource, role, userID: String($0.id)) }, nextPageToken: next)
    }

    func grant(_ team: Resource, _ slug: String, userID: String) throws -> Grant {
        try Grant.make(
            resource: team, entitlementName: slug, principal: ResourceID(GitHubResourceTypes.user.id, userID),
            options: [.annotations(V1Identifier.grant("team:\(team.id.resource):role:\(slug)", principal: userID))])
    }

    // MARK: Provisioning

    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let slug = try GitHubProvisioning.slug(entitlement.id)
        guard slug == Self.member || slug == Self.maintainer else {
            throw BatonError(.invalidArgument, "github: unknown team entitlement \(slug)")
        }
        let user = try await GitHubProvisioning.account(principal, context: context, what: "team membership")
        let (orgID, teamID) = try ids(entitlement.resource)
        if try await context.client.teamMembership(orgID: orgID, teamID: teamID, login: user.login)?.role == slug {
            return try .alreadyExists()
        }
        try await context.client.setTeamMembership(orgID: orgID, teamID: teamID, login: user.login, role: slug)
        return ProvisionResult(grants: [try grant(entitlement.resource, slug, userID: String(user.id))])
    }

    func revoke(_ grant: Grant) async throws -> Annotations {
        let user = try await GitHubProvisioning.account(grant.principal, context: context, what: "team membership")
        let (orgID, teamID) = try ids(grant.entitlement.resource)
        guard try await context.client.removeTeamMembership(orgID: orgID, teamID: teamID, login: user.login) else {
            return try .alreadyRevoked()
        }
        return []
    }

    /// The org id (the parent, else the profile's `orgID`) and the team id.
    private func ids(_ team: Resource) throws -> (String, String) {
        let orgID =
            team.hasParentResourceID
            ? team.parentResourceID.resource : team.effectiveProfile?.fields["orgID"]?.stringValue ?? ""
        guard !orgID.isEmpty else {
            throw BatonError(.invalidArgument, "github: team \(team.id.resource) has no organization")
        }
        return (orgID, team.id.resource)
    }
}
