import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension OktaMock {
    func addGroupRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.get("/api/v1/groups") { request, _ in try self.listGroups(request) }
        routes.post("/api/v1/groups") { request, _ in try self.createGroup(body: try await self.jsonBody(request)) }
        routes.get("/api/v1/groups/{id}") { request, context in
            try self.getGroup(request, id: context.pathParameter("id"))
        }
        routes.put("/api/v1/groups/{id}") { request, context in
            try self.updateGroup(id: context.pathParameter("id"), body: try await self.jsonBody(request))
        }
        routes.delete("/api/v1/groups/{id}") { _, context in try self.deleteGroup(id: context.pathParameter("id")) }
        routes.get("/api/v1/groups/{id}/users") { request, context in
            try self.listGroupUsers(request, id: context.pathParameter("id"))
        }
        routes.put("/api/v1/groups/{id}/users/{userId}") { _, context in
            try self.setMembership(
                group: context.pathParameter("id"), user: context.pathParameter("userId"), member: true)
        }
        routes.delete("/api/v1/groups/{id}/users/{userId}") { _, context in
            try self.setMembership(
                group: context.pathParameter("id"), user: context.pathParameter("userId"), member: false)
        }
    }

    func listGroups(_ request: Request) throws -> Response {
        let query = request.queryItems
        let (baseURL, pageCap) = requestSettings()
        let limit = try OktaPaging.limit(query["limit"], standard: 10_000, maximum: 10_000, cap: pageCap)
        let withStats = (query["expand"] ?? "").split(separator: ",").contains("stats")
        let typeFilter = try Self.groupTypeFilter(query["filter"] ?? query["search"])
        let prefix = query["q"]?.lowercased()
        let (body, nextAfter) = try tenant.withLock { tenant throws(OktaAPIError) -> ([UInt8], String?) in
            let after = try OktaPaging.cursor(query["after"], in: tenant.groupByID)
            let appCounts = withStats ? tenant.appCountsByGroup() : nil
            var json = JSONWriter(capacity: min(limit, tenant.groups.count) * 600)
            json.beginArray()
            let last = OktaPaging.scan(
                after: after, count: tenant.groups.count, limit: limit,
                include: { slot in
                    let group = tenant.groups[slot]
                    return !group.deleted && typeFilter.map { $0 == group.type } ?? true
                        && prefix.map { group.name.lowercased().hasPrefix($0) } ?? true
                },
                write: { tenant.writeGroup(Int32($0), into: &json, baseURL: baseURL, stats: appCounts) })
            json.endArray()
            return (json.bytes, last.map { tenant.groups[$0].id })
        }
        return .json(body, headers: OktaPaging.links(request, baseURL: baseURL, nextAfter: nextAfter))
    }

    /// `type eq "OKTA_GROUP"` (the one group filter the mock understands); nil for none.
    private static func groupTypeFilter(_ expression: String?) throws(OktaAPIError) -> OktaGroupType? {
        guard let expression, !expression.isEmpty else { return nil }
        let prefix = "type eq \""
        guard expression.hasPrefix(prefix), expression.hasSuffix("\""),
            let type = OktaGroupType(rawValue: String(expression.dropFirst(prefix.count).dropLast()))
        else { throw OktaAPIError.invalidSearch }
        return type
    }

    func getGroup(_ request: Request, id: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        let withStats = (request.queryItems["expand"] ?? "").split(separator: ",").contains("stats")
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let index = tenant.liveGroup(id) else { throw OktaAPIError.notFound(id, "UserGroup") }
                var json = JSONWriter()
                tenant.writeGroup(
                    index, into: &json, baseURL: baseURL, stats: withStats ? tenant.appCountsByGroup() : nil)
                return json.bytes
            })
    }

    func listGroupUsers(_ request: Request, id: String) throws -> Response {
        let query = request.queryItems
        let (baseURL, pageCap) = requestSettings()
        let limit = try OktaPaging.limit(query["limit"], standard: 1000, maximum: 1000, cap: pageCap)
        let omitCredentials = omitsCredentials(request)
        let (body, nextAfter) = try tenant.withLock { tenant throws(OktaAPIError) -> ([UInt8], String?) in
            guard let group = tenant.liveGroup(id) else { throw OktaAPIError.notFound(id, "UserGroup") }
            let after = try OktaPaging.cursor(query["after"], in: tenant.userByID)
            let (page, more) = OktaPaging.slice(tenant.groups[Int(group)].members, after: after, limit: limit)
            var json = JSONWriter(capacity: page.count * 900)
            json.array { json in
                for user in page {
                    tenant.writeUser(user, into: &json, baseURL: baseURL, omitCredentials: omitCredentials)
                }
            }
            return (json.bytes, more ? page.last.map { tenant.users[Int($0)].id } : nil)
        }
        return .json(body, headers: OktaPaging.links(request, baseURL: baseURL, nextAfter: nextAfter))
    }

    /// PUT/DELETE `/groups/{gid}/users/{uid}`: idempotent, 204. Only OKTA_GROUP memberships can be
    /// changed through the API; Everyone and app-imported groups answer 403 `E0000006`.
    func setMembership(group groupID: String, user userID: String, member: Bool) throws -> Response {
        try tenant.withLock { tenant throws(OktaAPIError) in
            guard let group = tenant.liveGroup(groupID) else { throw OktaAPIError.notFound(groupID, "UserGroup") }
            guard let user = tenant.liveUser(userID) else { throw OktaAPIError.notFound(userID, "User") }
            guard tenant.groups[Int(group)].type == .okta else { throw OktaAPIError.forbidden }
            let changed =
                member
                ? tenant.groups[Int(group)].members.sortedInsert(user)
                : tenant.groups[Int(group)].members.sortedRemove(user)
            if changed {
                tenant.groups[Int(group)].lastMembershipUpdated = .now()
                tenant.touch()
            }
        }
        return Response(status: .noContent)
    }

    func createGroup(body: JSONValue) throws -> Response {
        let baseURL = requestSettings().baseURL
        guard let name = body["profile"]?["name"]?.stringValue, !name.isEmpty else {
            throw OktaAPIError.validation("name", cause: "The field cannot be left blank.")
        }
        let description = body["profile"]?["description"]?.stringValue
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                let taken = tenant.groups.contains { !$0.deleted && $0.type == .okta && $0.name == name }
                guard !taken else {
                    throw OktaAPIError.validation(
                        "name", cause: "An object with this field already exists in the current organization")
                }
                let now = Timestamp.now()
                let index = tenant.appendGroup(
                    OktaGroup(
                        id: tenant.newID(prefix: "00g"), type: .okta, name: name, description: description,
                        created: now, lastUpdated: now, lastMembershipUpdated: now, members: []))
                tenant.touch()
                var json = JSONWriter()
                tenant.writeGroup(index, into: &json, baseURL: baseURL, stats: nil)
                return json.bytes
            })
    }

    func updateGroup(id: String, body: JSONValue) throws -> Response {
        let baseURL = requestSettings().baseURL
        guard let name = body["profile"]?["name"]?.stringValue, !name.isEmpty else {
            throw OktaAPIError.validation("name", cause: "The field cannot be left blank.")
        }
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let index = tenant.liveGroup(id) else { throw OktaAPIError.notFound(id, "UserGroup") }
                guard tenant.groups[Int(index)].type == .okta else { throw OktaAPIError.forbidden }
                tenant.groups[Int(index)].name = name
                tenant.groups[Int(index)].description = body["profile"]?["description"]?.stringValue
                tenant.groups[Int(index)].lastUpdated = .now()
                tenant.touch()
                var json = JSONWriter()
                tenant.writeGroup(index, into: &json, baseURL: baseURL, stats: nil)
                return json.bytes
            })
    }

    func deleteGroup(id: String) throws -> Response {
        try tenant.withLock { tenant throws(OktaAPIError) in
            guard let index = tenant.liveGroup(id) else { throw OktaAPIError.notFound(id, "UserGroup") }
            guard tenant.groups[Int(index)].type == .okta else { throw OktaAPIError.forbidden }
            tenant.deleteGroup(index)
        }
        return Response(status: .noContent)
    }
}
