import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension GitHubMock {
    func addRepoRoutes(to routes: RouterGroup<MockRequestContext>) {
        route(routes, .get, "/orgs/{org}/repos") { request, context in
            try self.pagedList(request) { tenant throws(GitHubAPIError) in
                tenant.repos(of: try tenant.org(context.pathParameter("org")))
            } write: { tenant, repo, json, urls in
                tenant.writeRepo(repo, into: &json, urls: urls, full: false)
            }
        }
        route(routes, .get, "/repositories/{id}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                guard let repo = tenant.repoByID[Int(context.pathParameter("id")) ?? -1] else {
                    throw GitHubAPIError.notFound
                }
                tenant.writeRepo(repo, into: &json, urls: urls, full: true)
            }
        }
        route(routes, .get, "/repos/{owner}/{repo}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                tenant.writeRepo(try tenant.repo(context), into: &json, urls: urls, full: true)
            }
        }
        route(routes, .get, "/repos/{owner}/{repo}/collaborators") { request, context in
            let affiliation = request.queryItems["affiliation"] ?? "all"
            guard ["all", "direct", "outside"].contains(affiliation) else {
                throw GitHubAPIError.validation("Invalid value for affiliation: \(affiliation)")
            }
            return try self.pagedList(request) { tenant throws(GitHubAPIError) in
                let repo = try tenant.repo(context)
                let org = tenant.repos[Int(repo)].org
                let direct = tenant.repos[Int(repo)].collaborators
                    .filter { !tenant.users[Int($0.key)].deleted }
                    .map { (user: $0.key, permission: $0.value) }.sorted { $0.user < $1.user }
                return switch affiliation {
                case "direct": direct
                case "outside": direct.filter { !tenant.isMember($0.user, of: org) }
                default: tenant.collaborators(of: repo)
                }
            } write: { tenant, entry, json, urls in
                tenant.writeSimpleUser(entry.user, into: &json, urls: urls, close: false)
                tenant.writePermissions(entry.permission, into: &json)
                json.field("role_name", entry.permission.roleName)
                json.endObject()
            }
        }
        route(routes, .get, "/repos/{owner}/{repo}/teams") { request, context in
            try self.pagedList(request) { tenant throws(GitHubAPIError) in
                let repo = try tenant.repo(context)
                return tenant.repos[Int(repo)].teams.filter { !tenant.teams[Int($0.key)].deleted }
                    .sorted { $0.key < $1.key }.map { (team: $0.key, permission: $0.value) }
            } write: { tenant, entry, json, urls in
                tenant.writeTeam(entry.team, into: &json, urls: urls, full: false, permission: entry.permission)
            }
        }
        route(routes, .put, "/repos/{owner}/{repo}/collaborators/{username}") { request, context in
            let text = try await self.jsonBody(request)["permission"]?.stringValue ?? "push"
            guard let permission = GitHubPermission(parsing: text) else {
                throw GitHubAPIError.validation("Invalid permission: \(text)")
            }
            // GitHub invites outside collaborators (201); the mock adds them at once but answers the same way.
            let created = try self.tenant.withLock { tenant throws(GitHubAPIError) in
                let repo = try tenant.repo(context)
                let user = try tenant.user(login: context.pathParameter("username"))
                let known =
                    tenant.repos[Int(repo)].collaborators[user] != nil
                    || tenant.isMember(user, of: tenant.repos[Int(repo)].org)
                tenant.repos[Int(repo)].collaborators[user] = permission
                tenant.touch()
                return !known
            }
            return Response(status: created ? .created : .noContent)
        }
        route(routes, .delete, "/repos/{owner}/{repo}/collaborators/{username}") { _, context in
            try self.tenant.withLock { tenant throws(GitHubAPIError) in
                let repo = try tenant.repo(context)
                let user = try tenant.user(login: context.pathParameter("username"))
                tenant.repos[Int(repo)].collaborators[user] = nil
                tenant.touch()
            }
            return Response(status: .noContent)
        }
    }
}
