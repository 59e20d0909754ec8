import BatonHTTP
import BatonSDK
import Foundation

/// An Okta API error response, with Okta's own error code (`E0000007`) kept for the callers that
/// decide on it (not found, already assigned, no permission).
struct OktaAPIFailure: Error, Sendable {
    var status: Int
    var errorCode: String
    var summary: String
    var causes: [String]
    var error: BatonError

    init(_ response: HTTPResponse, what: String) {
        let body = try? JSONDecoder().decode(OktaErrorBody.self, from: response.body)
        status = response.status
        errorCode = body?.errorCode ?? ""
        summary = body?.errorSummary ?? response.reason
        causes = body?.errorCauses?.compactMap(\.errorSummary) ?? []
        let code: BatonError.Code =
            switch errorCode {
            case "E0000007", "E0000008": .notFound
            case "E0000006": .permissionDenied
            case "E0000011": .unauthenticated
            default: HTTPStatusMapping.code(for: response.status)
            }
        let detail = errorCode.isEmpty ? summary : "\(errorCode) \(summary)"
        error = BatonError(
            code, "okta: \(what): HTTP \(response.status) \(detail)", httpStatus: response.status,
            rateLimit: response.rateLimit)
    }

    var isNotFound: Bool { errorCode == "E0000007" || errorCode == "E0000008" || status == 404 }
}

/// The Okta Management API calls the connector makes, and nothing else: URLs, query parameters,
/// `Link` paging through ``PaginationBag`` and the mapping of Okta's error bodies. Retries, rate
/// limits and authorization are the ``BatonHTTPClient``'s.
struct OktaClient: Sendable {
    let http: BatonHTTPClient
    /// `https://acme.okta.com` (no trailing slash).
    let baseURL: URL

    /// The page size the reference asks for; Okta clamps it per endpoint.
    static let defaultPageSize = 1000

    /// Okta's error statuses that come back as responses so their `errorCode` can be read; 429 is
    /// left to the HTTP client, which waits for the rate-limit reset and retries.
    private static let errorStatuses = Set(400..<500).subtracting([429])

    /// The content type the reference sends on user reads: leave credentials out of the answer.
    private static let userContentType =
        #"application/json; okta-response="omitCredentials,omitCredentialsLinks,omitTransitioningToStatus""#

    func url(_ path: String) -> URL {
        URL(string: baseURL.absoluteString + path) ?? baseURL
    }

    /// One id as a path segment (logins may hold `@` and `+`).
    static func segment(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    // MARK: Transport

    /// Sends a request; an Okta error response is returned as a failure, anything else thrown.
    func attempt(_ request: HTTPRequest) async throws -> Result<HTTPResponse, OktaAPIFailure> {
        var request = request
        request.acceptedStatuses = Self.errorStatuses
        if request.headers["Accept"] == nil { request.headers["Accept"] = "application/json" }
        let response = try await http.send(request)
        if response.isSuccess { return .success(response) }
        return .failure(OktaAPIFailure(response, what: "\(request.method) \(request.url.path)"))
    }

    /// Sends a request and throws the mapped `BatonError` for an Okta error.
    @discardableResult
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch try await attempt(request) {
        case .success(let response): return response
        case .failure(let failure): throw failure.error
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: HTTPRequest) async throws -> (T, HTTPResponse) {
        let response = try await send(request)
        return (try response.decodeJSON(T.self), response)
    }

    /// `GET path`, or nil when Okta answers not found.
    func find<T: Decodable>(_ type: T.Type, _ path: String, headers: HTTPHeaderFields = [:]) async throws -> T? {
        let request = HTTPRequest(.get, url: url(path), headers: headers, noCache: true)
        switch try await attempt(request) {
        case .success(let response): return try response.decodeJSON(T.self)
        case .failure(let failure) where failure.isNotFound: return nil
        case .failure(let failure): throw failure.error
        }
    }

    /// One page of a `Link`-paged list. The bag's current token is the `next` URL of the previous
    /// page (empty for the first); the returned token is the bag after this page.
    func page<T: Decodable>(
        _ type: [T].Type, _ path: String, query: [(String, String)] = [], headers: HTTPHeaderFields = [:],
        bag: inout PaginationBag
    ) async throws -> (items: [T], next: String) {
        let first = url(path)
        let isFirst = bag.pageToken.isEmpty
        let request = HTTPRequest(
            .get, url: try bag.pageURL(orFirst: first),
            query: isFirst ? [("limit", String(Self.defaultPageSize))] + query : [], headers: headers)
        let (items, response) = try await decode([T].self, request)
        return (items, try bag.nextToken(fromLinkHeaderOf: response))
    }

    // MARK: Org

    /// `GET /api/v1/org`: the token check.
    func org() async throws {
        try await send(HTTPRequest(.get, url: url("/api/v1/org"), noCache: true))
    }

    // MARK: Users

    func usersPage(bag: inout PaginationBag) async throws -> (items: [OktaUser], next: String) {
        // `status pr` includes DEPROVISIONED users, which a plain list leaves out.
        try await page(
            [OktaUser].self, "/api/v1/users", query: [("search", "status pr")],
            headers: ["Content-Type": Self.userContentType], bag: &bag)
    }

    func user(_ idOrLogin: String) async throws -> OktaUser? {
        try await find(
            OktaUser.self, "/api/v1/users/\(Self.segment(idOrLogin))", headers: ["Content-Type": Self.userContentType])
    }

    /// `POST /api/v1/users?activate=true`: a user without a password, whom Okta sends an activation
    /// email. Returns nil when Okta refuses because the login is taken.
    func createUser(profile: [String: String]) async throws -> OktaUser? {
        let request = HTTPRequest(
            .post, url: url("/api/v1/users"), query: [("activate", "true")], body: .json(["profile": profile]))
        switch try await attempt(request) {
        case .success(let response): return try response.decodeJSON(OktaUser.self)
        case .failure(let failure)
        where failure.errorCode == "E0000001" && failure.causes.contains(where: { $0.contains("already exists") }):
            return nil
        case .failure(let failure): throw failure.error
        }
    }

    /// `DELETE /api/v1/users/{id}`: Okta deactivates an active user on the first call and deletes a
    /// deactivated one on the second.
    func deleteUser(_ id: String) async throws {
        try await send(HTTPRequest(.delete, url: url("/api/v1/users/\(Self.segment(id))")))
    }

    // MARK: Groups

    func groupsPage(bag: inout PaginationBag) async throws -> (items: [OktaGroup], next: String) {
        try await page([OktaGroup].self, "/api/v1/groups", query: [("expand", "stats")], bag: &bag)
    }

    func group(_ id: String) async throws -> OktaGroup? {
        try await find(OktaGroup.self, "/api/v1/groups/\(Self.segment(id))?expand=stats")
    }

    func groupMembersPage(_ groupID: String, bag: inout PaginationBag) async throws
        -> (items: [OktaMember], next: String)
    {
        try await page([OktaMember].self, "/api/v1/groups/\(Self.segment(groupID))/users", bag: &bag)
    }

    /// The group's role assignments, or nil when the token may not read them (`E0000006`).
    func groupRoles(_ groupID: String) async throws -> [OktaRoleAssignment]? {
        let request = HTTPRequest(.get, url: url("/api/v1/groups/\(Self.segment(groupID))/roles"))
        switch try await attempt(request) {
        case .success(let response): return try response.decodeJSON([OktaRoleAssignment].self)
        case .failure(let failure) where failure.errorCode == "E0000006": return nil
        case .failure(let failure): throw failure.error
        }
    }

    func addGroupMember(groupID: String, userID: String) async throws {
        try await send(HTTPRequest(.put, url: url(membershipPath(groupID, userID))))
    }

    func removeGroupMember(groupID: String, userID: String) async throws {
        try await send(HTTPRequest(.delete, url: url(membershipPath(groupID, userID))))
    }

    private func membershipPath(_ groupID: String, _ userID: String) -> String {
        "/api/v1/groups/\(Self.segment(groupID))/users/\(Self.segment(userID))"
    }

    // MARK: Roles

    func roleAssigneesPage(bag: inout PaginationBag) async throws -> (items: [String], next: String) {
        let first = url("/api/v1/iam/assignees/users")
        let isFirst = bag.pageToken.isEmpty
        let request = HTTPRequest(
            .get, url: try bag.pageURL(orFirst: first),
            query: isFirst ? [("limit", String(Self.defaultPageSize))] : [])
        let (body, response) = try await decode(OktaRoleAssignees.self, request)
        return (body.value.map(\.id), try bag.nextToken(fromLinkHeaderOf: response))
    }

    /// The roles of a principal (`users` or `groups`), read fresh (provisioning decides on them).
    func roles(of principal: RolePrincipal, _ id: String, fresh: Bool = false) async throws
        -> [OktaRoleAssignment]
    {
        let request = HTTPRequest(
            .get, url: url("/api/v1/\(principal.rawValue)/\(Self.segment(id))/roles"), noCache: fresh)
        return try await decode([OktaRoleAssignment].self, request).0
    }

    /// Assigns a standard admin role; false when the principal already holds it (`E0000090`).
    func assignRole(_ type: String, to principal: RolePrincipal, _ id: String) async throws -> Bool {
        let request = HTTPRequest(
            .post, url: url("/api/v1/\(principal.rawValue)/\(Self.segment(id))/roles"),
            body: .json(["type": type]))
        switch try await attempt(request) {
        case .success: return true
        case .failure(let failure) where failure.errorCode == "E0000090": return false
        case .failure(let failure): throw failure.error
        }
    }

    func removeRole(assignmentID: String, from principal: RolePrincipal, _ id: String) async throws {
        let path = "/api/v1/\(principal.rawValue)/\(Self.segment(id))/roles/\(Self.segment(assignmentID))"
        try await send(HTTPRequest(.delete, url: url(path)))
    }

    enum RolePrincipal: String, Sendable {
        case users, groups
    }

    // MARK: Apps

    func appsPage(activeOnly: Bool, bag: inout PaginationBag) async throws -> (items: [OktaApp], next: String) {
        let filter: [(String, String)] = activeOnly ? [("filter", #"status eq "ACTIVE""#)] : []
        return try await page([OktaApp].self, "/api/v1/apps", query: filter, bag: &bag)
    }

    func app(_ id: String) async throws -> OktaApp? {
        try await find(OktaApp.self, "/api/v1/apps/\(Self.segment(id))")
    }

    func appGroupsPage(_ appID: String, bag: inout PaginationBag) async throws
        -> (items: [OktaAppGroup], next: String)
    {
        try await page([OktaAppGroup].self, "/api/v1/apps/\(Self.segment(appID))/groups", bag: &bag)
    }

    func appUsersPage(_ appID: String, bag: inout PaginationBag) async throws
        -> (items: [OktaAppUser], next: String)
    {
        try await page([OktaAppUser].self, "/api/v1/apps/\(Self.segment(appID))/users", bag: &bag)
    }

    func appUser(appID: String, userID: String) async throws -> OktaAppUser? {
        try await find(OktaAppUser.self, appUserPath(appID, userID))
    }

    func assignAppUser(appID: String, userID: String, userName: String) async throws {
        struct Body: Encodable, Sendable {
            struct Credentials: Encodable, Sendable { var userName: String }
            var id: String
            var scope = "USER"
            var credentials: Credentials
        }
        let body = Body(id: userID, credentials: .init(userName: userName))
        try await send(
            HTTPRequest(.post, url: url("/api/v1/apps/\(Self.segment(appID))/users"), body: .json(body)))
    }

    func removeAppUser(appID: String, userID: String) async throws {
        try await send(HTTPRequest(.delete, url: url(appUserPath(appID, userID))))
    }

    func appGroup(appID: String, groupID: String) async throws -> OktaAppGroup? {
        try await find(OktaAppGroup.self, appGroupPath(appID, groupID))
    }

    func assignAppGroup(appID: String, groupID: String) async throws {
        try await send(
            HTTPRequest(.put, url: url(appGroupPath(appID, groupID)), body: .json([String: String]())))
    }

    func removeAppGroup(appID: String, groupID: String) async throws {
        try await send(HTTPRequest(.delete, url: url(appGroupPath(appID, groupID))))
    }

    private func appUserPath(_ appID: String, _ userID: String) -> String {
        "/api/v1/apps/\(Self.segment(appID))/users/\(Self.segment(userID))"
    }

    private func appGroupPath(_ appID: String, _ groupID: String) -> String {
        "/api/v1/apps/\(Self.segment(appID))/groups/\(Self.segment(groupID))"
    }
}
