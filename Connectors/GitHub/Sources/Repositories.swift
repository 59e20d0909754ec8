import BatonSDK
import Foundation
import Logging

/// Repositories: `pull`, `triage`, `push`, `maintain` and `admin` held by users and by teams; a team's
/// grants expand to the team's members and maintainers.
struct RepositorySyncer: ResourceProvisioner, ResourceTargetedSyncer {
    let context: GitHubContext
    var resourceType: ResourceType { GitHubResourceTypes.repository }
    static let levels = ["pull", "triage", "push", "maintain", "admin"]

    private enum Phase {
        static let users = "user"
        static let teams = "team"
    }

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        guard let parent, parent.resourceType == GitHubResourceTypes.org.id else { return Page() }
        let org = try await context.orgLogin(parent.resource)
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil { bag.push(.init(resourceTypeID: resourceType.id)) }
        let (repos, next) = try await context.client.reposPage(org: org, bag: &bag)
        let kept = repos.filter { !(context.settings.omitArchivedRepositories && $0.archived == true) }
        return Page(try kept.map { try resource($0, orgID: parent.resource, org: org) }, nextPageToken: next)
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        guard let repo = try await context.client.repository(id: id.resource),
            !(context.settings.omitArchivedRepositories && repo.archived == true),
            let org = repo.organization ?? repo.owner
        else { return nil }
        return try resource(repo, orgID: String(org.id), org: org.login)
    }

    func resource(_ repo: GitHubRepository, orgID: String, org: String) throws -> Resource {
        var options: [ResourceOption] = [
            .parent(ResourceID(GitHubResourceTypes.org.id, orgID)),
            .annotations(V1Identifier("repo:\(repo.id)")),
            .profile([
                "owner": .init(stringValue: org),
                "full_name": .init(stringValue: repo.fullName ?? "\(org)/\(repo.name)"),
                "archived": .init(boolValue: repo.archived ?? false),
                "private": .init(boolValue: repo.isPrivate ?? false),
            ]),
        ]
        if let url = repo.htmlURL { options.append(.externalLink(url)) }
        return try Resource.make(name: repo.name, type: resourceType, id: String(repo.id), options: options)
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        let name = resource.displayName
        return Page(
            try Self.levels.map { level in
                try GitHubEntitlements.make(
                    resource, slug: level, grantableTo: [GitHubResourceTypes.user, GitHubResourceTypes.team],
                    displayName: "\(name) Repo \(level.capitalized)",
                    description: "Access to \(name) repository in GitHub",
                    v1: "repo:\(resource.id.resource):role:\(level)")
            })
    }

    /// Two phases: collaborators (`affiliation=all`), then teams; one grant per permission marked true.
    /// A 403 on a phase skips it with a warning, as the reference does.
    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let owner = try await owner(of: resource)
        let repo = resource.displayName
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil {
            bag.push(.init(resourceTypeID: Phase.teams))
            bag.push(.init(resourceTypeID: Phase.users))
        }
        let phase = bag.resourceTypeID
        do {
            if phase == Phase.users {
                let (collaborators, next) = try await context.client.collaboratorsPage(
                    owner: owner, repo: repo, bag: &bag)
                let grants = try collaborators.flatMap { collaborator in
                    try (collaborator.permissions?.granted ?? []).map { level in
                        try grant(
                            resource, level, principal: ResourceID(GitHubResourceTypes.user.id, String(collaborator.id))
                        )
                    }
                }
                return Page(grants, nextPageToken: next)
            }
            let (teams, next) = try await context.client.repoTeamsPage(owner: owner, repo: repo, bag: &bag)
            let grants = try teams.flatMap { team in
                try (team.permissions?.granted ?? []).map { level in
                    try grant(
                        resource, level, principal: ResourceID(GitHubResourceTypes.team.id, String(team.id)),
                        extra: [GitHubEntitlements.teamExpansion(teamID: String(team.id))])
                }
            }
            return Page(grants, nextPageToken: next)
        } catch let error as BatonError where error.code == .permissionDenied {
            context.logger.warning("github: skipping \(phase) grants of \(owner)/\(repo): \(error.message)")
            _ = bag.pop()
            return Page([], nextPageToken: bag.current == nil ? "" : bag.marshal())
        }
    }

    func grant(_ repo: Resource, _ level: String, principal: ResourceID, extra: [GrantOption] = []) throws -> Grant {
        try Grant.make(
            resource: repo, entitlementName: level, principal: principal,
            options: [
                .annotations(
                    V1Identifier.grant("repo:\(repo.id.resource):role:\(level)", principal: principal.resource))
            ] + extra)
    }

    private func owner(of repo: Resource) async throws -> String {
        if let owner = repo.effectiveProfile?.fields["owner"]?.stringValue, !owner.isEmpty { return owner }
        return try await context.orgLogin(parentOf: repo)
    }

    // MARK: Provisioning

    /// Users become collaborators with the level; teams get the level on the repository.
    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let level = try GitHubProvisioning.slug(entitlement.id)
        guard Self.levels.contains(level) else {
            throw BatonError(.invalidArgument, "github: unknown repository permission \(level)")
        }
        guard let repo = try await context.client.repository(id: entitlement.resource.id.resource),
            let org = repo.organization ?? repo.owner
        else { throw BatonError(.notFound, "github: repository \(entitlement.resource.id.resource) not found") }
        switch principal.id.resourceType {
        case GitHubResourceTypes.user.id:
            let user = try await GitHubProvisioning.account(principal, context: context, what: "repository permission")
            try await context.client.addCollaborator(
                owner: org.login, repo: repo.name, login: user.login, permission: level)
            return ProvisionResult(grants: [try grant(entitlement.resource, level, principal: principal.id)])
        case GitHubResourceTypes.team.id:
            let team = try await teamSlug(orgID: String(org.id), teamID: principal.id.resource)
            try await context.client.setTeamRepoPermission(
                org: org.login, slug: team, owner: org.login, repo: repo.name, permission: level)
            return ProvisionResult(grants: [
                try grant(
                    entitlement.resource, level, principal: principal.id,
                    extra: [GitHubEntitlements.teamExpansion(teamID: principal.id.resource)])
            ])
        default:
            throw BatonError(
                .invalidArgument,
                "github: a repository permission goes to a user or a team, not a \(principal.id.resourceType)")
        }
    }

    func revoke(_ grant: Grant) async throws -> Annotations {
        guard let repo = try await context.client.repository(id: grant.entitlement.resource.id.resource),
            let org = repo.organization ?? repo.owner
        else { return try .alreadyRevoked() }
        switch grant.principal.id.resourceType {
        case GitHubResourceTypes.user.id:
            let user = try await GitHubProvisioning.account(
                grant.principal, context: context, what: "repository permission")
            try await context.client.removeCollaborator(owner: org.login, repo: repo.name, login: user.login)
        case GitHubResourceTypes.team.id:
            let team = try await teamSlug(orgID: String(org.id), teamID: grant.principal.id.resource)
            try await context.client.setTeamRepoPermission(
                org: org.login, slug: team, owner: org.login, repo: repo.name, permission: nil)
        default:
            throw BatonError(.invalidArgument, "github: cannot revoke from a \(grant.principal.id.resourceType)")
        }
        return []
    }

    private func teamSlug(orgID: String, teamID: String) async throws -> String {
        guard let team = try await context.client.team(orgID: orgID, teamID: teamID) else {
            throw BatonError(.notFound, "github: team \(teamID) not found")
        }
        return team.slug
    }
}
