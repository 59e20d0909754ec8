// The files `baton-connector init` writes, as one prototype connector with its names as placeholders.
// Regenerate a prototype with `baton-connector init`, edit it, and copy it back here with the names
// replaced: keep what the generated connector shows in step with the SDK.

extension ScaffoldTemplates {
    /// `Mocks/{{Type}}/{{Type}}Mock.swift`.
    static let mock = ScaffoldTemplate(
        path: "Mocks/{{Type}}/{{Type}}Mock.swift",
        text: #"""
            import HTTPTypes
            public import Hummingbird
            public import MockKit
            import Synchronization

            /// A mocked {{Display}} REST API over a generated tenant: users, groups and group members, paged by
            /// a `next` link in the body, with membership writes.
            ///
            /// Accepts `Authorization: Bearer` with ``defaultToken``, or the secret of `MockOptions.credentials`.
            /// Faults, rate limits, latency, `/__mock/truth` and `/__mock/reset` come from the kit.
            ///
            /// ```swift
            /// let server = try await MockServer.start({{Type}}Mock(size: .tiny, seed: 7))
            /// ```
            public final class {{Type}}Mock: CommandLineMock {
                /// The token accepted when `MockOptions.credentials` is nil.
                public static let defaultToken = "mock-{{name}}-token"
                public static let commandName = "{{name}}"
                public static let abstract = "{{Display}} REST: users, groups, group members, membership provisioning."

                public let name = "{{name}}"
                /// The size of the generated tenant.
                public let size: TenantSize
                /// The seed of the generated tenant.
                public let seed: UInt64

                let tenant: Mutex<{{Type}}Tenant>
                let session = Mutex({{Type}}Session())

                /// Generates the tenant now (a `large` one takes a moment).
                public init(size: TenantSize = .small, seed: UInt64 = 1) {
                    self.size = size
                    self.seed = seed
                    tenant = Mutex({{Type}}Tenant.generate(seed: seed, counts: size.counts))
                }

                public func prepare(_ environment: MockEnvironment) {
                    session.withLock { session in
                        session.baseURL = environment.baseURL
                        session.token = environment.options.credentials?.secret ?? Self.defaultToken
                        session.pageCap = environment.options.pageCap
                    }
                }

                public func authenticate(_ request: Request, context: MockRequestContext) -> Response? {
                    let token = session.withLock { $0.token }
                    if request.headers[.authorization] == "Bearer \(token)" { return nil }
                    return {{Type}}MockError.unauthorized.response
                }

                public func rateLimitedResponse(_ status: RateLimitStatus, request: Request) -> Response {
                    var response = {{Type}}MockError.rateLimited.response
                    response.headers[.retryAfter] = String(status.retryAfterSeconds)
                    return response
                }

                public func errorResponse(for error: any Error, request: Request) -> Response {
                    (error as? {{Type}}MockError ?? .internalError).response
                }

                public func truth() -> ByteBuffer {
                    ByteBuffer(bytes: tenant.withLock { $0.truthJSON() })
                }

                public func reset() {
                    let fresh = {{Type}}Tenant.generate(seed: seed, counts: size.counts)
                    tenant.withLock { $0 = fresh }
                }

                public func credentialHelp() -> [String] {
                    ["Authorization: Bearer \(session.withLock { $0.token })"]
                }

                public var tenantSummary: String {
                    tenant.withLock { tenant in
                        "\(tenant.users.count) users, \(tenant.groups.count) groups, "
                            + "\(tenant.groups.reduce(0) { $0 + $1.members.count }) memberships"
                    }
                }
            }

            /// What the running mock knows beyond the tenant: where it is served and what it accepts.
            struct {{Type}}Session: Sendable {
                var baseURL = "http://127.0.0.1"
                var token = {{Type}}Mock.defaultToken
                var pageCap: Int?
            }

            /// The service's errors, rendered as `{"error": code, "message": text}`.
            struct {{Type}}MockError: Error, Sendable {
                var status: HTTPResponse.Status
                var code: String
                var message: String

                static let unauthorized = Self(status: .unauthorized, code: "unauthorized", message: "Invalid or missing token.")
                static let rateLimited = Self(status: .tooManyRequests, code: "rate_limited", message: "Too many requests.")
                static let internalError = Self(status: .internalServerError, code: "internal", message: "Internal error.")
                static let notFound = Self(status: .notFound, code: "not_found", message: "No such object.")
                static let alreadyMember = Self(status: .conflict, code: "already_member", message: "Already a member.")
                static let notMember = Self(status: .notFound, code: "not_member", message: "Not a member.")

                static func badRequest(_ message: String) -> Self {
                    Self(status: .badRequest, code: "bad_request", message: message)
                }

                var response: Response {
                    var json = JSONWriter()
                    json.object { json in
                        json.field("error", code)
                        json.field("message", message)
                    }
                    return .json(json.bytes, status: status)
                }
            }

            """#
    )

    /// `Mocks/{{Type}}/{{Type}}Mock+Routes.swift`.
    static let mockRoutes = ScaffoldTemplate(
        path: "Mocks/{{Type}}/{{Type}}Mock+Routes.swift",
        text: #"""
            import HTTPTypes
            public import Hummingbird
            public import MockKit
            import Synchronization

            extension {{Type}}Mock {
                public func addRoutes(to routes: RouterGroup<MockRequestContext>) {
                    routes.get("/api/v1/me") { _, _ in
                        self.tenant.withLock { tenant in
                            var json = JSONWriter()
                            tenant.writeUser(0, into: &json)
                            return Response.json(json.bytes)
                        }
                    }
                    routes.get("/api/v1/users") { request, _ in
                        try self.list(request) { tenant in
                            tenant.users.indices.map { $0 }
                        } write: { tenant, index, json in
                            tenant.writeUser(index, into: &json)
                        }
                    }
                    routes.get("/api/v1/groups") { request, _ in
                        try self.list(request) { tenant in
                            tenant.groups.indices.map { $0 }
                        } write: { tenant, index, json in
                            tenant.writeGroup(index, into: &json)
                        }
                    }
                    routes.get("/api/v1/groups/{id}/members") { request, context in
                        let id = context.pathParameter("id")
                        return try self.list(request) { tenant throws({{Type}}MockError) in
                            guard let group = tenant.groupIndex[id] else { throw .notFound }
                            return tenant.groups[group].members
                        } write: { tenant, index, json in
                            tenant.writeUser(index, into: &json)
                        }
                    }
                    routes.put("/api/v1/groups/{id}/members/{userID}") { _, context in
                        try self.changeMember(group: context.pathParameter("id"), user: context.pathParameter("userID"), add: true)
                    }
                    routes.delete("/api/v1/groups/{id}/members/{userID}") { _, context in
                        try self.changeMember(group: context.pathParameter("id"), user: context.pathParameter("userID"), add: false)
                    }
                }

                /// A page of `{"data": [...], "next": url|null}`: `limit` (default and maximum 100, and the mock's page
                /// cap) items from the opaque `cursor`, which is an offset here.
                func list(
                    _ request: Request, items: ({{Type}}Tenant) throws({{Type}}MockError) -> [Int],
                    write: ({{Type}}Tenant, Int, inout JSONWriter) -> Void
                ) throws({{Type}}MockError) -> Response {
                    let query = request.queryItems
                    let (baseURL, pageCap) = session.withLock { ($0.baseURL, $0.pageCap) }
                    guard let limit = Int(query["limit"] ?? "100"), limit > 0 else { throw .badRequest("limit must be positive") }
                    guard let start = Int(query["cursor"] ?? "0"), start >= 0 else { throw .badRequest("invalid cursor") }
                    let size = min(limit, 100, max(1, pageCap ?? 100))
                    let bytes = try tenant.withLock { tenant throws({{Type}}MockError) in
                        let all = try items(tenant)
                        let page = min(start, all.count)..<min(all.count, start + size)
                        var json = JSONWriter(capacity: page.count * 120 + 200)
                        json.object { json in
                            json.key("data")
                            json.array { json in
                                for index in page { write(tenant, all[index], &json) }
                            }
                            let rest = QueryString.replacing(
                                Substring(request.uri.query ?? ""), with: [("cursor", String(page.upperBound))])
                            json.field("next", page.upperBound < all.count ? "\(baseURL)\(request.uri.path)?\(rest)" : nil)
                        }
                        return json.bytes
                    }
                    return .json(bytes)
                }

                /// `PUT` adds (409 `already_member`), `DELETE` removes (404 `not_member`); 204 on a change.
                func changeMember(group id: String, user userID: String, add: Bool) throws({{Type}}MockError) -> Response {
                    try tenant.withLock { tenant throws({{Type}}MockError) in
                        guard let group = tenant.groupIndex[id], let user = tenant.userIndex[userID] else { throw .notFound }
                        var members = tenant.groups[group].members
                        let position = members.firstIndex { $0 >= user } ?? members.endIndex
                        let isMember = position < members.endIndex && members[position] == user
                        if add {
                            if isMember { throw .alreadyMember }
                            members.insert(user, at: position)
                        } else {
                            if !isMember { throw .notMember }
                            members.remove(at: position)
                        }
                        tenant.groups[group].members = members
                    }
                    return Response(status: .noContent)
                }
            }

            """#
    )

    /// `Mocks/{{Type}}/{{Type}}Tenant.swift`.
    static let mockTenant = ScaffoldTemplate(
        path: "Mocks/{{Type}}/{{Type}}Tenant.swift",
        text: #"""
            import MockKit

            /// The generated tenant: users and groups, each group's members as indices into `users`.
            struct {{Type}}Tenant: Sendable {
                struct User: Sendable {
                    var id: String
                    var email: String
                    var name: String
                    var active: Bool
                }

                struct Group: Sendable {
                    var id: String
                    var name: String
                    var description: String
                    /// Indices into `users`, ascending.
                    var members: [Int]
                }

                var users: [User] = []
                var groups: [Group] = []
                var userIndex: [String: Int] = [:]
                var groupIndex: [String: Int] = [:]

                /// A tenant with `counts.users` users (one in ten inactive), `counts.groups` groups and about
                /// `counts.memberships` memberships, the same for the same seed.
                static func generate(seed: UInt64, counts: TenantCounts) -> {{Type}}Tenant {
                    var rng = SplitMix64(seed: seed)
                    var tenant = {{Type}}Tenant()
                    for index in 0..<max(1, counts.users) {
                        let person = NameBank.person(&rng)
                        let id = "u\(10_000 + index)"
                        let email = "\(person.asciiFirst).\(person.asciiLast)\(index)@example.com".lowercased()
                        tenant.userIndex[id] = tenant.users.count
                        tenant.users.append(
                            User(id: id, email: email, name: "\(person.first) \(person.last)", active: index % 10 != 9))
                    }
                    for index in 0..<counts.groups {
                        let id = "g\(1_000 + index)"
                        let name = "\(rng.pick(NameBank.departments)) \(rng.pick(NameBank.groupQualifiers)) \(index)"
                        tenant.groupIndex[id] = tenant.groups.count
                        tenant.groups.append(Group(id: id, name: name, description: "The \(name) group", members: []))
                    }
                    guard !tenant.groups.isEmpty else { return tenant }
                    var members = Array(repeating: Set<Int>(), count: tenant.groups.count)
                    for _ in 0..<counts.memberships {
                        members[rng.int(below: members.count)].insert(rng.int(below: tenant.users.count))
                    }
                    for index in tenant.groups.indices { tenant.groups[index].members = members[index].sorted() }
                    return tenant
                }

                func writeUser(_ index: Int, into json: inout JSONWriter) {
                    let user = users[index]
                    json.object { json in
                        json.field("id", user.id)
                        json.field("email", user.email)
                        json.field("name", user.name)
                        json.field("active", user.active)
                    }
                }

                func writeGroup(_ index: Int, into json: inout JSONWriter) {
                    let group = groups[index]
                    json.object { json in
                        json.field("id", group.id)
                        json.field("name", group.name)
                        json.field("description", group.description)
                    }
                }

                /// `{"users": [{id, email, name, active}], "groups": [{id, name, members: [user ids]}]}`.
                func truthJSON() -> [UInt8] {
                    var json = JSONWriter(capacity: users.count * 120 + groups.count * 200)
                    json.object { json in
                        json.key("users")
                        json.array { json in
                            for index in users.indices { writeUser(index, into: &json) }
                        }
                        json.key("groups")
                        json.array { json in
                            for group in groups {
                                json.object { json in
                                    json.field("id", group.id)
                                    json.field("name", group.name)
                                    json.key("members")
                                    json.array { json in
                                        for member in group.members { json.string(users[member].id) }
                                    }
                                }
                            }
                        }
                    }
                    return json.bytes
                }
            }

            """#
    )
}
