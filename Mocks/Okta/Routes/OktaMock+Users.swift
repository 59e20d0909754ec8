import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension OktaMock {
    func addUserRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.get("/api/v1/users") { request, _ in try self.listUsers(request) }
        routes.post("/api/v1/users") { request, _ in
            try self.createUser(request, body: try await self.jsonBody(request))
        }
        routes.get("/api/v1/users/{id}") { request, context in
            try self.getUser(request, idOrLogin: context.pathParameter("id"))
        }
        routes.post("/api/v1/users/{id}") { request, context in
            try self.updateUser(request, id: context.pathParameter("id"), body: try await self.jsonBody(request))
        }
        routes.delete("/api/v1/users/{id}") { _, context in
            try self.deleteUser(id: context.pathParameter("id"))
        }
        routes.post("/api/v1/users/{id}/lifecycle/{operation}") { request, context in
            try self.lifecycle(
                request, id: context.pathParameter("id"), operation: context.pathParameter("operation"))
        }
    }

    /// Parses a JSON request body, answering Okta's `E0000003` when it is not JSON.
    func jsonBody(_ request: Request) async throws -> JSONValue {
        let bytes = try await request.collectBody()
        if bytes.isEmpty { return .object([:]) }
        do {
            return try JSONValue(parsing: bytes)
        } catch {
            throw OktaAPIError.malformedBody
        }
    }

    /// Okta leaves `credentials` out when the request's content type asks for `omitCredentials`.
    func omitsCredentials(_ request: Request) -> Bool {
        (request.headers[.contentType] ?? "").contains("omitCredentials")
    }

    // MARK: Reading

    func listUsers(_ request: Request) throws -> Response {
        let query = request.queryItems
        let (baseURL, pageCap) = requestSettings()
        let limit = try OktaPaging.limit(query["limit"], standard: 200, maximum: 1000, cap: pageCap)
        let filter = try OktaUserQuery(search: query["search"], filter: query["filter"], q: query["q"])
        let omitCredentials = omitsCredentials(request)
        let (body, nextAfter) = try tenant.withLock { tenant throws(OktaAPIError) -> ([UInt8], String?) in
            let after = try OktaPaging.cursor(query["after"], in: tenant.userByID)
            var json = JSONWriter(capacity: limit * 900)
            json.beginArray()
            let last = OktaPaging.scan(
                after: after, count: tenant.users.count, limit: limit,
                include: { !tenant.users[$0].deleted && filter.matches(tenant.users[$0]) },
                write: { tenant.writeUser(Int32($0), into: &json, baseURL: baseURL, omitCredentials: omitCredentials) })
            json.endArray()
            return (json.bytes, last.map { tenant.users[$0].id })
        }
        return .json(body, headers: OktaPaging.links(request, baseURL: baseURL, nextAfter: nextAfter))
    }

    func getUser(_ request: Request, idOrLogin: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        let omitCredentials = omitsCredentials(request)
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let index = tenant.userIndex(idOrLogin: idOrLogin) else {
                    throw OktaAPIError.notFound(idOrLogin, "User")
                }
                return tenant.userJSON(index, baseURL: baseURL, omitCredentials: omitCredentials)
            })
    }

    // MARK: Writing

    /// `POST /api/v1/users?activate=true|false&provider=true&nextLogin=changePassword`.
    func createUser(_ request: Request, body: JSONValue) throws -> Response {
        let query = request.queryItems
        let baseURL = requestSettings().baseURL
        guard let fields = body["profile"]?.objectValue else {
            throw OktaAPIError.validation("profile", cause: "The field cannot be left blank.")
        }
        let profile = try Self.profile(from: fields, base: nil)
        for required in ["firstName", "lastName", "email", "login"] where fields[required]?.stringValue == nil {
            throw OktaAPIError.validation(required, cause: "The field cannot be left blank.")
        }
        let activate = query["activate"] != "false"
        let federated = query["provider"] == "true" || body["credentials"]?["provider"] != nil
        let hasPassword = body["credentials"]?["password"]?["value"]?.stringValue != nil
        let now = Timestamp.now()
        let status: OktaUserStatus =
            if !activate { .staged } else if federated { .active } else if !hasPassword {
                .provisioned
            } else if query["nextLogin"] == "changePassword" { .passwordExpired } else { .active }
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard tenant.userByLogin[profile.login.lowercased()] == nil else {
                    throw OktaAPIError.validation(
                        "login", cause: "An object with this field already exists in the current organization")
                }
                var user = OktaUser(
                    id: tenant.newID(prefix: "00u"), status: status, created: now,
                    activated: activate ? now : nil, statusChanged: activate ? now : nil, lastLogin: nil,
                    lastUpdated: now, passwordChanged: hasPassword ? now : nil, profile: profile)
                user.federated = federated
                let index = tenant.appendUser(user)
                tenant.groups[Int(tenant.everyone)].members.append(index)
                tenant.touch(user: index)
                return tenant.userJSON(index, baseURL: baseURL, omitCredentials: false)
            })
    }

    /// `POST /api/v1/users/{id}` with `{"profile":{…}}`: a partial update.
    func updateUser(_ request: Request, id: String, body: JSONValue) throws -> Response {
        let baseURL = requestSettings().baseURL
        let fields = body["profile"]?.objectValue ?? [:]
        return .json(
            try tenant.withLock { tenant throws(OktaAPIError) in
                guard let index = tenant.userIndex(idOrLogin: id) else { throw OktaAPIError.notFound(id, "User") }
                let old = tenant.users[Int(index)].profile
                let updated = try Self.profile(from: fields, base: old)
                if updated.login.lowercased() != old.login.lowercased() {
                    guard tenant.userByLogin[updated.login.lowercased()] == nil else {
                        throw OktaAPIError.validation(
                            "login", cause: "An object with this field already exists in the current organization")
                    }
                    tenant.userByLogin[old.login.lowercased()] = nil
                    tenant.userByLogin[updated.login.lowercased()] = index
                }
                tenant.users[Int(index)].profile = updated
                tenant.users[Int(index)].lastUpdated = .now()
                tenant.touch(user: index)
                return tenant.userJSON(index, baseURL: baseURL, omitCredentials: false)
            })
    }

    /// The first `DELETE` of a user that is not DEPROVISIONED deactivates it; the next deletes it.
    func deleteUser(id: String) throws -> Response {
        try tenant.withLock { tenant throws(OktaAPIError) in
            guard let index = tenant.liveUser(id) else { throw OktaAPIError.notFound(id, "User") }
            if tenant.users[Int(index)].status == .deprovisioned {
                tenant.deleteUser(index)
            } else {
                tenant.setStatus(index, .deprovisioned)
            }
        }
        return Response(status: .noContent)
    }

    /// `POST /api/v1/users/{id}/lifecycle/{activate|deactivate|reactivate|suspend|unsuspend|unlock}`.
    func lifecycle(_ request: Request, id: String, operation: String) throws -> Response {
        let baseURL = requestSettings().baseURL
        let sendEmail = request.queryItems["sendEmail"] != "false"
        return try tenant.withLock { tenant throws(OktaAPIError) -> Response in
            guard let index = tenant.liveUser(id) else { throw OktaAPIError.notFound(id, "User") }
            let user = tenant.users[Int(index)]
            switch operation {
            case "activate", "reactivate":
                guard [.staged, .deprovisioned, .provisioned].contains(user.status) else {
                    throw OktaAPIError.alreadyActive
                }
                tenant.setStatus(index, user.passwordChanged != nil || user.federated ? .active : .provisioned)
                if tenant.users[Int(index)].activated == nil { tenant.users[Int(index)].activated = .now() }
                guard !sendEmail else { return .json(Array("{}".utf8)) }
                let token = tenant.idRandom.alphanumeric(20)
                var json = JSONWriter()
                json.object { json in
                    json.field("activationUrl", "\(baseURL)/welcome/\(token)")
                    json.field("activationToken", token)
                }
                return .json(json.bytes)
            case "deactivate":
                if user.status != .deprovisioned { tenant.setStatus(index, .deprovisioned) }
            case "suspend":
                guard user.status == .active else {
                    throw OktaAPIError.lifecycle("Cannot suspend a user that is not active")
                }
                tenant.setStatus(index, .suspended)
            case "unsuspend":
                guard user.status == .suspended else {
                    throw OktaAPIError.lifecycle("Cannot unsuspend a user that is not suspended")
                }
                tenant.setStatus(index, .active)
            case "unlock":
                guard user.status == .lockedOut else {
                    throw OktaAPIError.lifecycle("Cannot unlock a user that is not locked out")
                }
                tenant.setStatus(index, .active)
            default:
                throw OktaAPIError.notFound(operation, "Lifecycle operation")
            }
            return .json(Array("{}".utf8))
        }
    }

    /// A profile from request JSON over `base` (nil: a new user). Unknown attributes are kept as
    /// given; `null` clears an attribute.
    static func profile(from fields: [String: JSONValue], base: OktaProfile?) throws(OktaAPIError) -> OktaProfile {
        var profile = base ?? OktaProfile(login: "")
        for (key, value) in fields {
            if !value.isNull, value.stringValue == nil, key != "extra", Self.knownProfileKeys.contains(key) {
                throw OktaAPIError.validation(key, cause: "The value must be a string.")
            }
            let text = value.stringValue
            switch key {
            case "firstName": profile.firstName = text
            case "lastName": profile.lastName = text
            case "displayName": profile.displayName = text
            case "email": profile.email = text
            case "secondEmail": profile.secondEmail = text
            case "login":
                guard let text, !text.isEmpty else {
                    throw OktaAPIError.validation("login", cause: "The field cannot be left blank.")
                }
                profile.login = text
            case "mobilePhone": profile.mobilePhone = text
            case "employeeNumber": profile.employeeNumber = text
            case "department": profile.department = text
            case "title": profile.title = text
            case "userType": profile.userType = text
            default: profile.extra[key] = value.isNull ? nil : value
            }
        }
        return profile
    }

    private static let knownProfileKeys: Set<String> = [
        "firstName", "lastName", "displayName", "email", "secondEmail", "login", "mobilePhone", "employeeNumber",
        "department", "title", "userType",
    ]
}

extension OktaTenant {
    /// One complete user object.
    mutating func userJSON(_ index: Int32, baseURL: String, omitCredentials: Bool) -> [UInt8] {
        var json = JSONWriter(capacity: 1024)
        writeUser(index, into: &json, baseURL: baseURL, omitCredentials: omitCredentials)
        return json.bytes
    }

    mutating func setStatus(_ index: Int32, _ status: OktaUserStatus) {
        let now = Timestamp.now()
        users[Int(index)].status = status
        users[Int(index)].statusChanged = now
        users[Int(index)].lastUpdated = now
        touch(user: index)
    }
}
