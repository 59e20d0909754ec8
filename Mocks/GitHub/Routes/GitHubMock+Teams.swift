import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension GitHubMock {
    func addTeamRoutes(to routes: RouterGroup<MockRequestContext>) {
        route(routes, .get, "/orgs/{org}/teams") { request, context in
            try self.pagedList(request) { tenant throws(GitHubAPIError) in
                tenant.teams(of: try tenant.org(context.pathParameter("org")))
            } write: { tenant, team, json, urls in
                tenant.writeTeam(team, into: &json, urls: urls, full: false)
            }
        }
        route(routes, .get, "/orgs/{org}/teams/{slug}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                let team = try tenant.team(TeamRef(context, bySlug: true))
                tenant.writeTeam(team, into: &json, urls: urls, full: true)
            }
        }
        route(routes, .get, "/organizations/{org_id}/team/{team_id}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                tenant.writeTeam(try tenant.team(TeamRef(context)), into: &json, urls: urls, full: true)
            }
        }
        route(routes, .get, "/organizations/{org_id}/team/{team_id}/members") { request, context in
            let role = request.queryItems["role"] ?? "all"
            guard ["all", "member", "maintainer"].contains(role) else {
                throw GitHubAPIError.validation("Invalid value for role: \(role)")
            }
            return try self.pagedList(request) { tenant throws(GitHubAPIError) in
                let team = tenant.teams[Int(try tenant.team(TeamRef(context)))]
                return switch role {
                case "member": team.members.filter { !team.maintainers.contains($0) }
                case "maintainer": team.members.filter(team.maintainers.contains)
                default: team.members
                }
            } write: { tenant, user, json, urls in
                tenant.writeSimpleUser(user, into: &json, urls: urls)
            }
        }
        for prefix in ["/organizations/{org_id}/team/{team_id}", "/orgs/{org}/teams/{slug}"] {
            let bySlug = prefix.hasPrefix("/orgs/")
            route(routes, .get, prefix + "/memberships/{username}") { request, context in
                try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                    let team = try tenant.team(TeamRef(context, bySlug: bySlug))
                    let user = try tenant.user(login: context.pathParameter("username"))
                    guard tenant.teams[Int(team)].members.sortedContains(user) else { throw GitHubAPIError.notFound }
                    tenant.writeTeamMembership(team, user, into: &json, urls: urls)
                }
            }
            route(routes, .put, prefix + "/memberships/{username}") { request, context in
                let role = try await self.jsonBody(request)["role"]?.stringValue ?? "member"
                guard role == "member" || role == "maintainer" else {
                    throw GitHubAPIError.validation("Invalid role: \(role)")
                }
                return try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                    let team = try tenant.team(TeamRef(context, bySlug: bySlug))
                    let user = try tenant.user(login: context.pathParameter("username"))
                    // Outside the org the membership would wait for an invitation; the mock asks for members.
                    guard tenant.isMember(user, of: tenant.teams[Int(team)].org) else {
                        throw GitHubAPIError.validation("User must be a member of the organization")
                    }
                    tenant.teams[Int(team)].members.sortedInsert(user)
                    if role == "maintainer" {
                        tenant.teams[Int(team)].maintainers.insert(user)
                    } else {
                        tenant.teams[Int(team)].maintainers.remove(user)
                    }
                    tenant.touch()
                    tenant.writeTeamMembership(team, user, into: &json, urls: urls)
                }
            }
            route(routes, .delete, prefix + "/memberships/{username}") { _, context in
                try self.tenant.withLock { tenant throws(GitHubAPIError) in
                    let team = try tenant.team(TeamRef(context, bySlug: bySlug))
                    let user = try tenant.user(login: context.pathParameter("username"))
                    guard tenant.teams[Int(team)].members.sortedRemove(user) else { throw GitHubAPIError.notFound }
                    tenant.teams[Int(team)].maintainers.remove(user)
                    tenant.touch()
                }
                return Response(status: .noContent)
            }
        }
        route(routes, .put, "/orgs/{org}/teams/{slug}/repos/{owner}/{repo}") { request, context in
            let text = try await self.jsonBody(request)["permission"]?.stringValue ?? "push"
            guard let permission = GitHubPermission(parsing: text) else {
                throw GitHubAPIError.validation("Invalid permission: \(text)")
            }
            try self.tenant.withLock { tenant throws(GitHubAPIError) in
                let team = try tenant.team(TeamRef(context, bySlug: true))
                let repo = try tenant.repo(context)
                tenant.repos[Int(repo)].teams[team] = permission
                tenant.teams[Int(team)].repos.insert(repo)
                tenant.touch()
            }
            return Response(status: .noContent)
        }
        route(routes, .delete, "/orgs/{org}/teams/{slug}/repos/{owner}/{repo}") { _, context in
            try self.tenant.withLock { tenant throws(GitHubAPIError) in
                let team = try tenant.team(TeamRef(context, bySlug: true))
                let repo = try tenant.repo(context)
                tenant.repos[Int(repo)].teams[team] = nil
                tenant.teams[Int(team)].repos.remove(repo)
                tenant.touch()
            }
            return Response(status: .noContent)
        }
    }
}

/// A team named by `/organizations/{org_id}/team/{team_id}` or by `/orgs/{org}/teams/{slug}`.
struct TeamRef {
    var orgID: Int?
    var teamID: Int?
    var orgLogin: String?
    var slug: String?

    init(_ context: MockRequestContext, bySlug: Bool = false) {
        if bySlug {
            orgLogin = context.pathParameter("org")
            slug = context.pathParameter("slug")
        } else {
            orgID = Int(context.pathParameter("org_id"))
            teamID = Int(context.pathParameter("team_id"))
        }
    }
}

extension GitHubTenant {
    func team(_ ref: TeamRef) throws(GitHubAPIError) -> Int32 {
        if let login = ref.orgLogin, let slug = ref.slug {
            guard let org = org(login: login), let team = team(slug: slug, org: org) else {
                throw GitHubAPIError.notFound
            }
            return team
        }
        guard let orgID = ref.orgID, let org = org(id: orgID), let teamID = ref.teamID,
            let team = liveTeam(id: teamID, org: org)
        else { throw GitHubAPIError.notFound }
        return team
    }

    /// The repository named by `{owner}/{repo}` in the path.
    func repo(_ context: MockRequestContext) throws(GitHubAPIError) -> Int32 {
        guard let org = org(login: context.pathParameter("owner")),
            let repo = repo(name: context.pathParameter("repo"), org: org)
        else { throw GitHubAPIError.notFound }
        return repo
    }

    func writeTeamMembership(_ team: Int32, _ user: Int32, into json: inout JSONWriter, urls: GitHubURLs) {
        let record = teams[Int(team)]
        json.object { json in
            json.field(
                "url",
                "\(urls.api)/organizations/\(orgs[Int(record.org)].id)/team/\(record.id)/memberships/"
                    + users[Int(user)].login)
            json.field("role", record.maintainers.contains(user) ? "maintainer" : "member")
            json.field("state", "active")
        }
    }
}
