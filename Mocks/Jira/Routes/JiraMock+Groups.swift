import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension JiraMock {
    func addGroupRoutes(to routes: RouterGroup<MockRequestContext>) {
        for version in ["2", "3"] {
            routes.get("/rest/api/\(version)/group/bulk") { request, _ in try self.listGroups(request) }
            routes.get("/rest/api/\(version)/group/member") { request, _ in try self.listGroupMembers(request) }
            routes.post("/rest/api/\(version)/group/user") { request, _ in
                try self.addGroupMember(request, body: try await self.jsonBody(request))
            }
            routes.delete("/rest/api/\(version)/group/user") { request, _ in try self.removeGroupMember(request) }
        }
    }

    /// `GET /group/bulk`: paged `{… isLast, total, values:[{name, groupId}]}`, at most 50 a page.
    func listGroups(_ request: Request) throws -> Response {
        let (baseURL, pageCap) = requestSettings()
        let page = try JiraPage(request.queryItems, maximum: 50, cap: pageCap)
        return .json(
            tenant.withLock { tenant in
                var json = JSONWriter(capacity: page.maxResults * 100 + 300)
                page.writeEnvelope(request, baseURL: baseURL, total: tenant.groups.count, into: &json) { index, json in
                    tenant.writeGroup(Int32(index), into: &json, baseURL: baseURL)
                }
                return json.bytes
            })
    }

    private func groupIndex(_ query: [String: String], in tenant: JiraTenant) throws(JiraAPIError) -> Int32 {
        guard query["groupId"] != nil || query["groupname"] != nil else {
            throw JiraAPIError.badRequest("You must specify a group name or group id.")
        }
        guard let group = tenant.group(id: query["groupId"], name: query["groupname"]) else {
            throw JiraAPIError.groupNotFound
        }
        return group
    }

    /// `GET /group/member?groupId=`: paged members, at most 50 a page; inactive ones only with
    /// `includeInactiveUsers=true`.
    func listGroupMembers(_ request: Request) throws -> Response {
        let query = request.queryItems
        let (baseURL, pageCap) = requestSettings()
        let page = try JiraPage(query, maximum: 50, cap: pageCap)
        let includeInactive = query["includeInactiveUsers"] == "true"
        return .json(
            try tenant.withLock { tenant throws(JiraAPIError) in
                let group = try groupIndex(query, in: tenant)
                var members = tenant.groups[Int(group)].members
                if !includeInactive { members.removeAll { !tenant.users[Int($0)].active } }
                var json = JSONWriter(capacity: page.maxResults * 500 + 300)
                page.writeEnvelope(request, baseURL: baseURL, total: members.count, into: &json) { index, json in
                    tenant.writeUser(members[index], into: &json, baseURL: baseURL)
                }
                return json.bytes
            })
    }

    /// `POST /group/user?groupId= {"accountId"}`: 201 with the group; Jira's 400 when already a member.
    func addGroupMember(_ request: Request, body: JSONValue) throws -> Response {
        let query = request.queryItems
        let baseURL = requestSettings().baseURL
        guard let accountID = body["accountId"]?.stringValue, !accountID.isEmpty else {
            throw JiraAPIError.badRequest("You must specify an accountId.")
        }
        let bytes = try tenant.withLock { tenant throws(JiraAPIError) in
            let group = try groupIndex(query, in: tenant)
            guard let user = tenant.user(accountID) else { throw JiraAPIError.userNotFound }
            guard tenant.groups[Int(group)].members.sortedInsert(user) else {
                throw JiraAPIError.badRequest("User is already a member of '\(tenant.groups[Int(group)].name)'.")
            }
            var json = JSONWriter()
            tenant.writeGroup(group, into: &json, baseURL: baseURL, withSelf: true)
            return json.bytes
        }
        return .json(bytes, status: .created)
    }

    /// `DELETE /group/user?groupId=&accountId=`: 200; Jira's 400 when not a member.
    func removeGroupMember(_ request: Request) throws -> Response {
        let query = request.queryItems
        guard let accountID = query["accountId"], !accountID.isEmpty else {
            throw JiraAPIError.badRequest("You must specify an accountId.")
        }
        try tenant.withLock { tenant throws(JiraAPIError) in
            let group = try groupIndex(query, in: tenant)
            guard let user = tenant.user(accountID) else { throw JiraAPIError.userNotFound }
            guard tenant.groups[Int(group)].members.sortedRemove(user) else {
                throw JiraAPIError.badRequest(
                    "User '\(accountID)' is not a member of group '\(tenant.groups[Int(group)].name)'.")
            }
        }
        return Response(status: .ok)
    }
}
