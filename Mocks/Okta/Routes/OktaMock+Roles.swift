import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension OktaMock {
    func addRoleRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.get("/api/v1/users/{id}/roles") { _, context in try self.listUserRoles(id: context.pathParameter("id")) }
        routes.post("/api/v1/users/{id}/roles") { request, context in
            try self.assignRole(
                to: .user(context.pathParameter("id")), body: try await self.jsonBody(request))
        }
        routes.delete("/api/v1/users/{id}/roles/{roleId}") { _, context in
            try self.unassignRole(from: .user(context.pathParameter("id")), id: context.pathParameter("roleId"))
        }
        routes.get("/api/v1/groups/{id}/roles") { _, context in
            try self.listGroupRoles(id: context.pathParameter("id"))
        }
        routes.post("/api/v1/groups/{id}/roles") { request, context in
            try self.assignRole(
                to: .group(context.pathParameter("id")), body: try await self.jsonBody(request))
        }
        routes.delete("/api/v1/groups/{id}/roles/{roleId}") { _, context in
            try self.unassignRole(from: .group(context.pathParameter("id")), id: context.pathParameter("roleId"))
        }
        routes.get("/api/v1/iam/assignees/users") { request, _ in try self.listRoleAssignees(request) }
        // No custom roles or resource sets are generated; the lists exist so that a connector
        // configured to sync them sees Okta's (empty) shapes.
        routes.get("/api/v1/iam/roles") { _, _ in Response.json(Array(#"{"roles":[],"_links":{}}"#.utf8)) }
        routes.get("/api/v1/iam/resource-sets") { _, _ in
            Response.json(Array(#"{"resource-sets":[],"_links":{}}"#.utf8))
        }
    }

    enum RoleHolder {
        case user(String)
        case group(String)
    }

    /// Direct assignments (`assignmentType: USER`) and those the user inherits from groups (`GROUP`).
    func listUserRoles(id: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let user = tenant.liveUser(id) else { throw OktaAPIError.notFound(id, "User") }
                var json = JSONWriter()
                json.array { json in
                    for (role, group) in tenant.rolesListedForUser(user) {
                        let assignee = group.map { "groups/\(tenant.groups[Int($0)].id)" } ?? "users/\(id)"
                        tenant.writeRoleAssignment(
                            role, viaGroup: group != nil, assignee: assignee, into: &json, baseURL: baseURL)
                    }
                }
                return json.bytes
            })
    }

    func listGroupRoles(id: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let group = tenant.liveGroup(id) else { throw OktaAPIError.notFound(id, "UserGroup") }
                var json = JSONWriter()
                json.array { json in
                    for role in tenant.groupRoles[group] ?? [] {
                        tenant.writeRoleAssignment(
                            role, viaGroup: true, assignee: "groups/\(id)", into: &json, baseURL: baseURL)
                    }
                }
                return json.bytes
            })
    }

    /// `POST …/roles` `{"type":"ORG_ADMIN"}`: 201 with the assignment; 409 `E0000090` when held already.
    func assignRole(to holder: RoleHolder, body: JSONValue) throws -> Response {
        let baseURL = requestSettings().baseURL
        guard let typeName = body["type"]?.stringValue, let type = OktaRoleType(rawValue: typeName) else {
            throw OktaAPIError.validation("type", cause: "Invalid role type.")
        }
        let bytes = try tenant.withLock { tenant throws(OktaAPIError) -> [UInt8] in
            let holder = try Self.resolve(holder, in: tenant)
            guard !(tenant[keyPath: holder.roles][holder.index] ?? []).contains(where: { $0.type == type }) else {
                throw OktaAPIError.duplicateRole
            }
            let assignment = tenant.newRoleAssignment(type, at: .now())
            tenant[keyPath: holder.roles][holder.index, default: []].append(assignment)
            tenant.touch()
            var json = JSONWriter()
            tenant.writeRoleAssignment(
                assignment, viaGroup: holder.isGroup, assignee: holder.assignee, into: &json, baseURL: baseURL)
            return json.bytes
        }
        return .json(bytes, status: .created)
    }

    func unassignRole(from holder: RoleHolder, id roleID: String) throws -> Response {
        try tenant.withLock { tenant throws(OktaAPIError) in
            let holder = try Self.resolve(holder, in: tenant)
            var roles = tenant[keyPath: holder.roles][holder.index] ?? []
            guard let position = roles.firstIndex(where: { $0.id == roleID }) else {
                throw OktaAPIError.notFound(roleID, "Role")
            }
            roles.remove(at: position)
            tenant[keyPath: holder.roles][holder.index] = roles.isEmpty ? nil : roles
            tenant.roleAssignmentIDs.remove(roleID)
            tenant.touch()
        }
        return Response(status: .noContent)
    }

    /// Where a holder's roles are kept, its index, and its API path (`users/00u…`, `groups/00g…`).
    private static func resolve(_ holder: RoleHolder, in tenant: OktaTenant) throws(OktaAPIError) -> (
        roles: WritableKeyPath<OktaTenant, [Int32: [OktaRoleAssignment]]>, index: Int32, assignee: String,
        isGroup: Bool
    ) {
        switch holder {
        case .user(let id):
            guard let user = tenant.liveUser(id) else { throw OktaAPIError.notFound(id, "User") }
            return (\.userRoles, user, "users/\(id)", false)
        case .group(let id):
            guard let group = tenant.liveGroup(id) else { throw OktaAPIError.notFound(id, "UserGroup") }
            return (\.groupRoles, group, "groups/\(id)", true)
        }
    }

    /// `GET /api/v1/iam/assignees/users`: users holding a role directly, as
    /// `{"value":[{id,orn,_links}],"_links":{"next"?}}` plus Link lines (see
    /// ``OktaMockConfiguration/iamNextLinks``).
    func listRoleAssignees(_ request: Request) throws -> Response {
        let query = request.queryItems
        let (baseURL, pageCap) = requestSettings()
        let limit = try OktaPaging.limit(query["limit"], standard: 100, maximum: 1000, cap: pageCap)
        let (body, nextAfter) = try tenant.withLock { tenant throws(OktaAPIError) -> ([UInt8], String?) in
            let after = try OktaPaging.cursor(query["after"], in: tenant.userByID)
            let (page, more) = OktaPaging.slice(tenant.adminUsers(), after: after, limit: limit)
            let nextAfter = more ? page.last.map { tenant.users[Int($0)].id } : nil
            var json = JSONWriter()
            json.object { json in
                json.key("value")
                json.array { json in
                    for user in page {
                        let id = tenant.users[Int(user)].id
                        json.object { json in
                            json.field("id", id)
                            json.field("orn", "orn:okta:directory:\(tenant.org.id):users:\(id)")
                            json.key("_links")
                            json.object { json in
                                json.link("self", href: "\(baseURL)/api/v1/users/\(id)")
                                json.link("roles", href: "\(baseURL)/api/v1/users/\(id)/roles")
                            }
                        }
                    }
                }
                json.key("_links")
                json.object { json in
                    if let nextAfter, self.configuration.iamNextLinks != .headerOnly {
                        json.link("next", href: OktaPaging.nextHref(request, baseURL: baseURL, nextAfter: nextAfter))
                    }
                }
            }
            return (json.bytes, nextAfter)
        }
        let headerNext = configuration.iamNextLinks == .bodyOnly ? nil : nextAfter
        return .json(body, headers: OktaPaging.links(request, baseURL: baseURL, nextAfter: headerNext))
    }

    func addOrgRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.get("/api/v1/org") { _, _ in
            let baseURL = self.requestSettings().baseURL
            return Response.json(
                self.tenant.withLock { tenant in
                    var json = JSONWriter()
                    tenant.writeOrg(into: &json, baseURL: baseURL)
                    return json.bytes
                })
        }
    }
}
