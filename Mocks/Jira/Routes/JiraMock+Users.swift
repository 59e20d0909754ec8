import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension JiraMock {
    func addUserRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.get("/_edge/tenant_info") { _, _ in
            let cloudID = self.tenant.withLock { $0.cloudID }
            var json = JSONWriter()
            json.object { $0.field("cloudId", cloudID) }
            return Response.json(json.bytes)
        }
        for version in ["2", "3"] {
            routes.get("/rest/api/\(version)/users/search") { request, _ in try self.listAllUsers(request) }
            routes.get("/rest/api/\(version)/users") { request, _ in try self.listAllUsers(request) }
            routes.get("/rest/api/\(version)/user/search") { request, _ in try self.searchUsers(request) }
            routes.get("/rest/api/\(version)/user/viewissue/search") { request, _ in
                try self.searchViewers(request)
            }
            routes.get("/rest/api/\(version)/user") { request, _ in try self.getUser(request) }
            routes.post("/rest/api/\(version)/user") { request, _ in
                try self.createUser(body: try await self.jsonBody(request))
            }
        }
    }

    /// A bare JSON array of the users at `indexes` that the page covers.
    private func userArray(_ indexes: [Int32], page: JiraPage, tenant: JiraTenant, baseURL: String) -> [UInt8] {
        let range = page.range(count: indexes.count)
        var json = JSONWriter(capacity: range.count * 500)
        json.array { json in
            for position in range { tenant.writeUser(indexes[position], into: &json, baseURL: baseURL) }
        }
        return json.bytes
    }

    /// `GET /users/search`: every account (active or not, of any type), a bare array.
    func listAllUsers(_ request: Request) throws -> Response {
        let (baseURL, pageCap) = requestSettings()
        let page = try JiraPage(request.queryItems, maximum: 1000, cap: pageCap)
        let body = tenant.withLock { tenant in
            let range = page.range(count: tenant.users.count)
            var json = JSONWriter(capacity: range.count * 500)
            json.array { json in
                for index in range { tenant.writeUser(Int32(index), into: &json, baseURL: baseURL) }
            }
            return json.bytes
        }
        return .json(body)
    }

    /// Whether a user matches a search string: a prefix of a word of the display name or of the email.
    static func matches(_ user: JiraUser, query: String) -> Bool {
        let needle = query.lowercased()
        if needle.isEmpty || needle == "." { return true }
        let words = user.displayName.lowercased().split(separator: " ")
        return words.contains { $0.hasPrefix(needle) } || user.displayName.lowercased().hasPrefix(needle)
            || (user.emailAddress?.lowercased().hasPrefix(needle) ?? false)
    }

    /// `GET /user/search?query=`: active users matching the query (inactive ones too with
    /// `includeInactive=true`).
    func searchUsers(_ request: Request) throws -> Response {
        let query = request.queryItems
        let (baseURL, pageCap) = requestSettings()
        let page = try JiraPage(query, maximum: 1000, cap: pageCap)
        let includeInactive = query["includeInactive"] == "true"
        if let accountID = query["accountId"] {
            return .json(
                tenant.withLock { tenant in
                    userArray(tenant.user(accountID).map { [$0] } ?? [], page: page, tenant: tenant, baseURL: baseURL)
                })
        }
        guard let text = query["query"] ?? query["username"] else {
            throw JiraAPIError.badRequest("The query parameter 'query' is required.")
        }
        return .json(
            tenant.withLock { tenant in
                let found = tenant.users.indices.filter { index in
                    (includeInactive || tenant.users[index].active) && Self.matches(tenant.users[index], query: text)
                }.map { Int32($0) }
                return userArray(found, page: page, tenant: tenant, baseURL: baseURL)
            })
    }

    /// `GET /user/viewissue/search?projectKey=`: the users who may browse the project's issues.
    func searchViewers(_ request: Request) throws -> Response {
        let query = request.queryItems
        let (baseURL, pageCap) = requestSettings()
        let page = try JiraPage(query, maximum: 1000, cap: pageCap)
        guard let key = query["projectKey"], !key.isEmpty else {
            throw JiraAPIError.badRequest("At least one of 'issueKey' or 'projectKey' must be specified.")
        }
        return .json(
            try tenant.withLock { tenant throws(JiraAPIError) in
                guard let project = tenant.project(key) else { throw JiraAPIError.projectNotFound(key) }
                let text = query["query"] ?? ""
                let found = tenant.participants(project).filter { Self.matches(tenant.users[Int($0)], query: text) }
                return userArray(found, page: page, tenant: tenant, baseURL: baseURL)
            })
    }

    func getUser(_ request: Request) throws -> Response {
        let accountID = request.queryItems["accountId"] ?? ""
        let baseURL = requestSettings().baseURL
        return .json(
            try tenant.withLock { tenant throws(JiraAPIError) in
                guard let index = tenant.user(accountID) else { throw JiraAPIError.userNotFound }
                var json = JSONWriter()
                tenant.writeUser(index, into: &json, baseURL: baseURL)
                return json.bytes
            })
    }

    /// The product keys `POST /user` accepts.
    static let products: Set<String> = [
        "jira-software", "jira-servicedesk", "jira-core", "jira-product-discovery",
    ]

    /// `POST /user {"emailAddress","products"}`: 201 with the new account.
    func createUser(body: JSONValue) throws -> Response {
        let baseURL = requestSettings().baseURL
        guard let email = body["emailAddress"]?.stringValue, email.contains("@") else {
            throw JiraAPIError(.badRequest, [], fieldErrors: [("emailAddress", "You must specify an email address.")])
        }
        let products = body["products"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if let unknown = products.first(where: { !Self.products.contains($0) }) {
            throw JiraAPIError(.badRequest, [], fieldErrors: [("products", "Product '\(unknown)' is not valid.")])
        }
        let bytes = try tenant.withLock { tenant throws(JiraAPIError) in
            let taken = tenant.users.contains { $0.emailAddress?.lowercased() == email.lowercased() }
            guard !taken else {
                throw JiraAPIError(
                    .badRequest, [], fieldErrors: [("email", "A user with that email address already exists.")])
            }
            let local = email.split(separator: "@").first.map(String.init) ?? email
            let user = JiraUser(
                accountID: tenant.newAccountID(app: false), accountType: .atlassian, displayName: local,
                emailAddress: email, active: true, timeZone: "UTC", locale: "en_US", products: products)
            let index = tenant.appendUser(user)
            var json = JSONWriter()
            tenant.writeUser(index, into: &json, baseURL: baseURL)
            return json.bytes
        }
        return .json(bytes, status: .created)
    }
}
