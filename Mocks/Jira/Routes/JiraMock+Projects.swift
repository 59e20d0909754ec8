import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension JiraMock {
    func addProjectRoutes(to routes: RouterGroup<MockRequestContext>) {
        for version in ["2", "3"] {
            let base = "/rest/api/\(version)"
            routes.get("\(base)/project/search") { request, _ in try self.searchProjects(request) }
            routes.get("\(base)/project/{project}") { _, context in
                try self.getProject(context.pathParameter("project"))
            }
            routes.get("\(base)/role/{role}") { _, context in try self.getRole(context.pathParameter("role")) }
            routes.get("\(base)/project/{project}/role/{role}") { _, context in
                try self.getProjectRole(context.pathParameter("project"), context.pathParameter("role"))
            }
            routes.post("\(base)/project/{project}/role/{role}") { request, context in
                try self.addActors(
                    context.pathParameter("project"), context.pathParameter("role"),
                    body: try await self.jsonBody(request))
            }
            routes.delete("\(base)/project/{project}/role/{role}") { request, context in
                try self.removeActor(context.pathParameter("project"), context.pathParameter("role"), request)
            }
        }
    }

    /// `GET /project/search`: paged, at most 50 a page; `keys` (repeated or comma-separated) and
    /// `query` (a substring of the key or name) filter.
    func searchProjects(_ request: Request) throws -> Response {
        let (baseURL, pageCap) = requestSettings()
        let page = try JiraPage(request.queryItems, maximum: 50, cap: pageCap)
        let pairs = QueryString.parse(Substring(request.uri.query ?? ""))
        let keys = Set(
            pairs.filter { $0.name == "keys" }.flatMap { $0.value.split(separator: ",") }.map { $0.uppercased() })
        let text = (request.queryItems["query"] ?? "").lowercased()
        return .json(
            tenant.withLock { tenant in
                let listed = tenant.projects.indices.filter { index in
                    let project = tenant.projects[index]
                    return (keys.isEmpty || keys.contains(project.key))
                        && (text.isEmpty || project.key.lowercased().contains(text)
                            || project.name.lowercased().contains(text))
                }
                var json = JSONWriter(capacity: page.maxResults * 600 + 300)
                page.writeEnvelope(request, baseURL: baseURL, total: listed.count, into: &json) { index, json in
                    tenant.writeProjectSummary(Int32(listed[index]), into: &json, baseURL: baseURL)
                }
                return json.bytes
            })
    }

    func getProject(_ idOrKey: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        return .json(
            try tenant.withLock { tenant throws(JiraAPIError) in
                guard let project = tenant.project(idOrKey) else { throw JiraAPIError.projectNotFound(idOrKey) }
                var json = JSONWriter(capacity: 2048)
                tenant.writeProject(project, into: &json, baseURL: baseURL)
                return json.bytes
            })
    }

    func getRole(_ id: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        return .json(
            try tenant.withLock { tenant throws(JiraAPIError) in
                guard let role = Int(id).flatMap(tenant.role(id:)) else { throw JiraAPIError.roleNotFound(id) }
                var json = JSONWriter()
                tenant.writeRole(role, project: nil, into: &json, baseURL: baseURL)
                return json.bytes
            })
    }

    /// The project and the role of a `/project/{p}/role/{r}` path; the role must be one the project uses.
    private func projectRole(_ projectID: String, _ roleID: String, in tenant: JiraTenant)
        throws(JiraAPIError) -> (project: Int32, role: Int)
    {
        guard let project = tenant.project(projectID) else { throw JiraAPIError.projectNotFound(projectID) }
        guard let role = Int(roleID).flatMap(tenant.role(id:)), tenant.projects[Int(project)].roles[role] != nil
        else { throw JiraAPIError.roleNotFound(roleID) }
        return (project, role)
    }

    func getProjectRole(_ projectID: String, _ roleID: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        return .json(
            try tenant.withLock { tenant throws(JiraAPIError) in
                let (project, role) = try projectRole(projectID, roleID, in: tenant)
                var json = JSONWriter(capacity: 4096)
                tenant.writeRole(role, project: project, into: &json, baseURL: baseURL)
                return json.bytes
            })
    }

    /// `POST /project/{p}/role/{r}` with `{"user":[accountId…]}`, `{"group":[name…]}` or
    /// `{"groupId":[id…]}`: all or nothing; Jira's 400 when an actor already holds the role.
    func addActors(_ projectID: String, _ roleID: String, body: JSONValue) throws -> Response {
        let baseURL = requestSettings().baseURL
        let accountIDs = body["user"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let groupNames = body["group"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let groupIDs = body["groupId"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !(accountIDs.isEmpty && groupNames.isEmpty && groupIDs.isEmpty) else {
            throw JiraAPIError.badRequest("You must specify at least one user or group to add.")
        }
        return .json(
            try tenant.withLock { tenant throws(JiraAPIError) in
                let (project, role) = try projectRole(projectID, roleID, in: tenant)
                var users: [Int32] = []
                for accountID in accountIDs {
                    guard let user = tenant.user(accountID) else { throw JiraAPIError.userNotFound }
                    users.append(user)
                }
                var groups: [Int32] = []
                for name in groupNames {
                    guard let group = tenant.group(id: nil, name: name) else { throw JiraAPIError.groupNotFound }
                    groups.append(group)
                }
                for id in groupIDs {
                    guard let group = tenant.group(id: id, name: nil) else { throw JiraAPIError.groupNotFound }
                    groups.append(group)
                }
                let actors = tenant.projects[Int(project)].roles[role] ?? JiraRoleActors()
                if let user = users.first(where: actors.users.sortedContains) {
                    throw JiraAPIError.badRequest(
                        "'\(tenant.users[Int(user)].displayName)' is already a member of the project role.")
                }
                if let group = groups.first(where: actors.groups.sortedContains) {
                    throw JiraAPIError.badRequest(
                        "'\(tenant.groups[Int(group)].name)' is already a member of the project role.")
                }
                for user in users { tenant.projects[Int(project)].roles[role]?.users.sortedInsert(user) }
                for group in groups { tenant.projects[Int(project)].roles[role]?.groups.sortedInsert(group) }
                var json = JSONWriter(capacity: 4096)
                tenant.writeRole(role, project: project, into: &json, baseURL: baseURL)
                return json.bytes
            })
    }

    /// `DELETE /project/{p}/role/{r}?user=` (or `group=`, `groupId=`): 204; 404 when not an actor.
    func removeActor(_ projectID: String, _ roleID: String, _ request: Request) throws -> Response {
        let query = request.queryItems
        try tenant.withLock { tenant throws(JiraAPIError) in
            let (project, role) = try projectRole(projectID, roleID, in: tenant)
            if let accountID = query["user"] {
                guard let user = tenant.user(accountID) else { throw JiraAPIError.userNotFound }
                guard tenant.projects[Int(project)].roles[role]?.users.sortedRemove(user) == true else {
                    throw JiraAPIError.notFound("'\(accountID)' is not a member of the project role.")
                }
            } else if query["group"] != nil || query["groupId"] != nil {
                guard let group = tenant.group(id: query["groupId"], name: query["group"]) else {
                    throw JiraAPIError.groupNotFound
                }
                guard tenant.projects[Int(project)].roles[role]?.groups.sortedRemove(group) == true else {
                    throw JiraAPIError.notFound(
                        "'\(tenant.groups[Int(group)].name)' is not a member of the project role.")
                }
            } else {
                throw JiraAPIError.badRequest("You must specify a user or a group to remove.")
            }
        }
        return Response(status: .noContent)
    }
}
