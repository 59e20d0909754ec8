import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension GitHubMock {
    func addRoleRoutes(to routes: RouterGroup<MockRequestContext>) {
        route(routes, .get, "/orgs/{org}/organization-roles") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                let org = try tenant.org(context.pathParameter("org"), admin: true)
                let roles = tenant.roles.indices.filter { tenant.roles[$0].org == org }
                json.object { json in
                    json.field("total_count", roles.count)
                    json.key("roles")
                    json.array { json in
                        for role in roles { tenant.writeRole(Int32(role), into: &json, urls: urls) }
                    }
                }
            }
        }
        route(routes, .get, "/orgs/{org}/organization-roles/{role_id}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                tenant.writeRole(try tenant.role(context), into: &json, urls: urls)
            }
        }
        route(routes, .get, "/orgs/{org}/organization-roles/{role_id}/users") { request, context in
            try self.pagedList(request) { tenant throws(GitHubAPIError) in
                tenant.roles[Int(try tenant.role(context))].users
            } write: { tenant, user, json, urls in
                tenant.writeSimpleUser(user, into: &json, urls: urls, close: false)
                json.field("assignment", "direct")
                json.endObject()
            }
        }
        route(routes, .get, "/orgs/{org}/organization-roles/{role_id}/teams") { request, context in
            try self.pagedList(request) { tenant throws(GitHubAPIError) in
                tenant.roles[Int(try tenant.role(context))].teams
            } write: { tenant, team, json, urls in
                tenant.writeTeam(team, into: &json, urls: urls, full: false)
            }
        }
        for assign in [true, false] {
            route(routes, assign ? .put : .delete, "/orgs/{org}/organization-roles/users/{username}/{role_id}") {
                _, context in
                try self.tenant.withLock { tenant throws(GitHubAPIError) in
                    let role = try tenant.role(context)
                    let user = try tenant.user(login: context.pathParameter("username"))
                    guard tenant.isMember(user, of: tenant.roles[Int(role)].org) else {
                        throw GitHubAPIError.validation("User is not a member of the organization")
                    }
                    if assign {
                        tenant.roles[Int(role)].users.sortedInsert(user)
                    } else {
                        tenant.roles[Int(role)].users.sortedRemove(user)
                    }
                    tenant.touch()
                }
                return Response(status: .noContent)
            }
            route(routes, assign ? .put : .delete, "/orgs/{org}/organization-roles/teams/{slug}/{role_id}") {
                _, context in
                try self.tenant.withLock { tenant throws(GitHubAPIError) in
                    let role = try tenant.role(context)
                    let team = try tenant.team(TeamRef(context, bySlug: true))
                    if assign {
                        tenant.roles[Int(role)].teams.sortedInsert(team)
                    } else {
                        tenant.roles[Int(role)].teams.sortedRemove(team)
                    }
                    tenant.touch()
                }
                return Response(status: .noContent)
            }
        }
    }
}

extension GitHubTenant {
    /// The org role named by `{org}` and `{role_id}` (the viewer must own the org).
    func role(_ context: MockRequestContext) throws(GitHubAPIError) -> Int32 {
        let org = try org(context.pathParameter("org"), admin: true)
        guard let role = role(id: Int(context.pathParameter("role_id")) ?? -1, org: org) else {
            throw GitHubAPIError.notFound
        }
        return role
    }
}
