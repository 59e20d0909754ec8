import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension OktaMock {
    func addAppRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.get("/api/v1/apps") { request, _ in try self.listApps(request) }
        routes.get("/api/v1/apps/{id}") { _, context in try self.getApp(id: context.pathParameter("id")) }
        routes.get("/api/v1/apps/{id}/users") { request, context in
            try self.listAppUsers(request, id: context.pathParameter("id"))
        }
        routes.post("/api/v1/apps/{id}/users") { request, context in
            try self.assignAppUser(app: context.pathParameter("id"), body: try await self.jsonBody(request))
        }
        routes.get("/api/v1/apps/{id}/users/{userId}") { _, context in
            try self.getAppUser(app: context.pathParameter("id"), user: context.pathParameter("userId"))
        }
        routes.delete("/api/v1/apps/{id}/users/{userId}") { _, context in
            try self.unassignAppUser(app: context.pathParameter("id"), user: context.pathParameter("userId"))
        }
        routes.get("/api/v1/apps/{id}/groups") { request, context in
            try self.listAppGroups(request, id: context.pathParameter("id"))
        }
        routes.get("/api/v1/apps/{id}/groups/{groupId}") { _, context in
            try self.getAppGroup(app: context.pathParameter("id"), group: context.pathParameter("groupId"))
        }
        routes.put("/api/v1/apps/{id}/groups/{groupId}") { request, context in
            _ = try await self.jsonBody(request)
            return try self.assignAppGroup(app: context.pathParameter("id"), group: context.pathParameter("groupId"))
        }
        routes.delete("/api/v1/apps/{id}/groups/{groupId}") { _, context in
            try self.unassignAppGroup(app: context.pathParameter("id"), group: context.pathParameter("groupId"))
        }
    }

    func listApps(_ request: Request) throws -> Response {
        let query = request.queryItems
        let (baseURL, pageCap) = requestSettings()
        let limit = try OktaPaging.limit(query["limit"], standard: 20, maximum: 200, cap: pageCap)
        var onlyActive: Bool?
        switch query["filter"] {
        case nil, "": break
        case "status eq \"ACTIVE\"": onlyActive = true
        case "status eq \"INACTIVE\"": onlyActive = false
        default: throw OktaAPIError.invalidSearch
        }
        let prefix = query["q"]?.lowercased()
        let (body, nextAfter) = try tenant.withLock { tenant throws(OktaAPIError) -> ([UInt8], String?) in
            let after = try OktaPaging.cursor(query["after"], in: tenant.appByID)
            var json = JSONWriter(capacity: limit * 900)
            json.beginArray()
            let last = OktaPaging.scan(
                after: after, count: tenant.apps.count, limit: limit,
                include: { slot in
                    let app = tenant.apps[slot]
                    return !app.deleted && onlyActive.map { $0 == app.active } ?? true
                        && prefix.map { app.label.lowercased().hasPrefix($0) || app.name.hasPrefix($0) } ?? true
                },
                write: { tenant.writeApp(Int32($0), into: &json, baseURL: baseURL) })
            json.endArray()
            return (json.bytes, last.map { tenant.apps[$0].id })
        }
        return .json(body, headers: OktaPaging.links(request, baseURL: baseURL, nextAfter: nextAfter))
    }

    func getApp(id: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let index = tenant.liveApp(id) else { throw OktaAPIError.notFound(id, "AppInstance") }
                var json = JSONWriter()
                tenant.writeApp(index, into: &json, baseURL: baseURL)
                return json.bytes
            })
    }

    /// Direct assignments (`scope: USER`) and users reached through assigned groups (`scope: GROUP`).
    func listAppUsers(_ request: Request, id: String) throws -> Response {
        let query = request.queryItems
        let (baseURL, pageCap) = requestSettings()
        let limit = try OktaPaging.limit(query["limit"], standard: 50, maximum: 500, cap: pageCap)
        let (body, nextAfter) = try tenant.withLock { tenant throws(OktaAPIError) -> ([UInt8], String?) in
            guard let app = tenant.liveApp(id) else { throw OktaAPIError.notFound(id, "AppInstance") }
            let entries = tenant.appUsers(app)
            let after = try OktaPaging.cursor(query["after"], in: tenant.userByID)
            let start = after.map { position in entries.partitioningIndex { $0.user > position } } ?? 0
            let end = min(entries.count, start + limit)
            var json = JSONWriter(capacity: (end - start) * 600)
            json.array { json in
                for entry in entries[start..<end] {
                    tenant.writeAppUser(app, entry, into: &json, baseURL: baseURL)
                }
            }
            return (json.bytes, end < entries.count ? tenant.users[Int(entries[end - 1].user)].id : nil)
        }
        return .json(body, headers: OktaPaging.links(request, baseURL: baseURL, nextAfter: nextAfter))
    }

    func getAppUser(app appID: String, user userID: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let app = tenant.liveApp(appID) else { throw OktaAPIError.notFound(appID, "AppInstance") }
                guard let user = tenant.liveUser(userID),
                    let entry = tenant.appUsers(app).first(where: { $0.user == user })
                else { throw OktaAPIError.notFound(userID, "AppUser") }
                var json = JSONWriter()
                tenant.writeAppUser(app, entry, into: &json, baseURL: baseURL)
                return json.bytes
            })
    }

    /// `POST /apps/{id}/users` `{"id":"00u…","scope":"USER","credentials":{"userName":…}}`: assigns
    /// (or updates) a direct assignment.
    func assignAppUser(app appID: String, body: JSONValue) throws -> Response {
        let baseURL = requestSettings().baseURL
        guard let userID = body["id"]?.stringValue else {
            throw OktaAPIError.validation("id", cause: "The field cannot be left blank.")
        }
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let app = tenant.liveApp(appID) else { throw OktaAPIError.notFound(appID, "AppInstance") }
                guard let user = tenant.liveUser(userID) else { throw OktaAPIError.notFound(userID, "User") }
                let profile = tenant.users[Int(user)].profile
                let userName = body["credentials"]?["userName"]?.stringValue ?? profile.email ?? profile.login
                let now = Timestamp.now()
                tenant.apps[Int(app)].directUsers.sortedInsert(user)
                let created = tenant.apps[Int(app)].userAssignments[user]?.created ?? now
                tenant.apps[Int(app)].userAssignments[user] = OktaAppUserAssignment(
                    created: created, userName: userName)
                tenant.touch()
                var json = JSONWriter()
                tenant.writeAppUser(app, OktaAppUserEntry(user: user, direct: true), into: &json, baseURL: baseURL)
                return json.bytes
            })
    }

    /// Removes a direct assignment (204). A user assigned only through a group cannot be removed here.
    func unassignAppUser(app appID: String, user userID: String) throws -> Response {
        try tenant.withLock { tenant throws(OktaAPIError) in
            guard let app = tenant.liveApp(appID) else { throw OktaAPIError.notFound(appID, "AppInstance") }
            guard let user = tenant.liveUser(userID) else { throw OktaAPIError.notFound(userID, "User") }
            guard tenant.apps[Int(app)].directUsers.sortedRemove(user) else {
                if tenant.appUsers(app).contains(where: { $0.user == user }) {
                    throw OktaAPIError.lifecycle("Cannot remove a user that is assigned to the app through a group")
                }
                throw OktaAPIError.notFound(userID, "AppUser")
            }
            tenant.apps[Int(app)].userAssignments[user] = nil
            tenant.touch()
        }
        return Response(status: .noContent)
    }

    func listAppGroups(_ request: Request, id: String) throws -> Response {
        let query = request.queryItems
        let (baseURL, pageCap) = requestSettings()
        let limit = try OktaPaging.limit(query["limit"], standard: 20, maximum: 200, cap: pageCap)
        let (body, nextAfter) = try tenant.withLock { tenant throws(OktaAPIError) -> ([UInt8], String?) in
            guard let app = tenant.liveApp(id) else { throw OktaAPIError.notFound(id, "AppInstance") }
            let after = try OktaPaging.cursor(query["after"], in: tenant.groupByID)
            let (page, more) = OktaPaging.slice(tenant.apps[Int(app)].groups, after: after, limit: limit)
            var json = JSONWriter()
            json.array { json in
                for group in page { tenant.writeAppGroup(app, group, into: &json, baseURL: baseURL) }
            }
            return (json.bytes, more ? page.last.map { tenant.groups[Int($0)].id } : nil)
        }
        return .json(body, headers: OktaPaging.links(request, baseURL: baseURL, nextAfter: nextAfter))
    }

    func getAppGroup(app appID: String, group groupID: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let app = tenant.liveApp(appID) else { throw OktaAPIError.notFound(appID, "AppInstance") }
                guard let group = tenant.liveGroup(groupID), tenant.apps[Int(app)].groups.sortedContains(group) else {
                    throw OktaAPIError.notFound(groupID, "ApplicationGroupAssignment")
                }
                var json = JSONWriter()
                tenant.writeAppGroup(app, group, into: &json, baseURL: baseURL)
                return json.bytes
            })
    }

    /// `PUT /apps/{id}/groups/{gid}` `{}`: assigns (idempotent) and returns the assignment.
    func assignAppGroup(app appID: String, group groupID: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let app = tenant.liveApp(appID) else { throw OktaAPIError.notFound(appID, "AppInstance") }
                guard let group = tenant.liveGroup(groupID) else { throw OktaAPIError.notFound(groupID, "UserGroup") }
                if tenant.apps[Int(app)].groups.sortedInsert(group) {
                    let priority = tenant.apps[Int(app)].groups.count - 1
                    tenant.apps[Int(app)].groupAssignments[group] = OktaAppGroupAssignment(
                        priority: priority, lastUpdated: .now())
                    tenant.touch()
                }
                var json = JSONWriter()
                tenant.writeAppGroup(app, group, into: &json, baseURL: baseURL)
                return json.bytes
            })
    }

    func unassignAppGroup(app appID: String, group groupID: String) throws -> Response {
        try tenant.withLock { tenant throws(OktaAPIError) in
            guard let app = tenant.liveApp(appID) else { throw OktaAPIError.notFound(appID, "AppInstance") }
            guard let group = tenant.liveGroup(groupID), tenant.apps[Int(app)].groups.sortedRemove(group) else {
                throw OktaAPIError.notFound(groupID, "ApplicationGroupAssignment")
            }
            tenant.apps[Int(app)].groupAssignments[group] = nil
            tenant.touch()
        }
        return Response(status: .noContent)
    }
}

extension Array where Element == OktaAppUserEntry {
    /// The index of the first entry for which `belongsAfter` holds (entries are sorted by user).
    func partitioningIndex(where belongsAfter: (OktaAppUserEntry) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsAfter(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
