import BatonHTTP
import BatonSDK
import Foundation

/// A Jira error response, with the messages of its `{"errorMessages","errors"}` body kept for the
/// callers that decide on them (already a member, not a member).
struct JiraAPIFailure: Error, Sendable {
    var status: Int
    var messages: [String]
    var error: BatonError

    init(_ response: HTTPResponse, what: String) {
        let body =
            response.hasJSONContentType ? try? JSONDecoder().decode(JiraErrorBody.self, from: response.body) : nil
        status = response.status
        messages = (body?.errorMessages ?? []) + (body?.errors ?? [:]).sorted { $0.key < $1.key }.map(\.value)
        let detail = messages.isEmpty ? response.reason : messages.joined(separator: "; ")
        error = BatonError(
            HTTPStatusMapping.code(for: response.status),
            "jira: \(what): HTTP \(response.status) \(detail.replacingOccurrences(of: "\n", with: " "))",
            httpStatus: response.status, rateLimit: response.rateLimit)
    }

    /// Whether one of the messages contains `text` (how the reference recognises Jira's answers).
    func says(_ text: String) -> Bool { messages.contains { $0.contains(text) } }
}

/// The Jira Cloud REST calls the connector makes, and nothing else: URLs, query parameters, offset paging
/// and the mapping of Jira's error bodies. Retries, rate limits and authorization are the
/// ``BatonHTTPClient``'s.
struct JiraClient: Sendable {
    let http: BatonHTTPClient
    /// `https://acme.atlassian.net` (no trailing slash; may carry a path for scoped tokens).
    let baseURL: URL

    /// The page size asked for on enveloped lists (Jira's maximum there). Jira may answer with fewer;
    /// paging never relies on it.
    static let pageSize = 50
    /// The page size asked for on the bare-array user searches, whose maximum is 1000: twenty times fewer
    /// calls than the reference's 50 on a large site.
    static let userPageSize = 1000

    /// Jira's client errors come back as responses so their messages can be read; 429 is left to the
    /// HTTP client, which waits for `Retry-After` and retries.
    private static let errorStatuses = Set(400..<500).subtracting([429])

    func url(_ path: String) -> URL {
        URL(string: baseURL.absoluteString + path) ?? baseURL
    }

    // MARK: Transport

    /// Sends a request; a Jira error response is returned as a failure, anything else thrown.
    func attempt(_ request: HTTPRequest) async throws -> Result<HTTPResponse, JiraAPIFailure> {
        var request = request
        request.acceptedStatuses = Self.errorStatuses
        request.headers["Accept"] = "application/json"
        // Jira's XSRF check is skipped for API clients that say so.
        request.headers["X-Atlassian-Token"] = "nocheck"
        let response = try await http.send(request)
        if response.isSuccess { return .success(response) }
        return .failure(JiraAPIFailure(response, what: "\(request.method) \(request.url.path)"))
    }

    /// Sends a request and throws the mapped `BatonError` for a Jira error.
    @discardableResult
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch try await attempt(request) {
        case .success(let response): return response
        case .failure(let failure): throw failure.error
        }
    }

    func get<T: Decodable>(_ type: T.Type, _ path: String, query: [(String, String)] = []) async throws -> T {
        try await send(HTTPRequest(.get, url: url(path), query: query)).decodeJSON(T.self)
    }

    /// `GET path`, or nil when Jira answers 404.
    func find<T: Decodable>(_ type: T.Type, _ path: String) async throws -> T? {
        switch try await attempt(HTTPRequest(.get, url: url(path))) {
        case .success(let response): return try response.decodeJSON(T.self)
        case .failure(let failure) where failure.status == 404: return nil
        case .failure(let failure): throw failure.error
        }
    }

    private func pageQuery(_ startAt: Int, size: Int = pageSize) -> [(String, String)] {
        [("startAt", String(startAt)), ("maxResults", String(size))]
    }

    // MARK: Users

    /// One page of every account (bare array).
    func users(startAt: Int) async throws -> [JiraUser] {
        try await get([JiraUser].self, "/rest/api/3/users/search", query: pageQuery(startAt, size: Self.userPageSize))
    }

    /// `GET /rest/api/2/user/search?query=`: the reference's credential check, and the email lookup.
    func searchUsers(_ query: String) async throws -> [JiraUser] {
        try await get([JiraUser].self, "/rest/api/2/user/search", query: [("query", query)])
    }

    /// The users who may browse a project (bare array).
    func projectViewers(projectKey: String, startAt: Int) async throws -> [JiraUser] {
        try await get(
            [JiraUser].self, "/rest/api/2/user/viewissue/search",
            query: [("query", "."), ("projectKey", projectKey)] + pageQuery(startAt, size: Self.userPageSize))
    }

    /// `POST /rest/api/2/user`; nil when an account with that email already exists.
    func createUser(email: String, products: [String]) async throws -> JiraUser? {
        struct Body: Encodable, Sendable {
            var emailAddress: String
            var products: [String]
        }
        let request = HTTPRequest(
            .post, url: url("/rest/api/2/user"), body: .json(Body(emailAddress: email, products: products)))
        switch try await attempt(request) {
        case .success(let response): return try response.decodeJSON(JiraUser.self)
        case .failure(let failure) where failure.status == 400 && failure.says("already exists"): return nil
        case .failure(let failure): throw failure.error
        }
    }

    // MARK: Groups

    func groups(startAt: Int) async throws -> JiraPaged<JiraGroup> {
        try await get(JiraPaged<JiraGroup>.self, "/rest/api/3/group/bulk", query: pageQuery(startAt))
    }

    /// One page of a group's members, inactive accounts included (unlike the reference, which misses them).
    func groupMembers(groupID: String, startAt: Int) async throws -> JiraPaged<JiraUser> {
        try await get(
            JiraPaged<JiraUser>.self, "/rest/api/3/group/member",
            query: [("groupId", groupID), ("includeInactiveUsers", "true")] + pageQuery(startAt))
    }

    /// Adds a member; false when the user already was one.
    func addGroupMember(groupID: String, accountID: String) async throws -> Bool {
        let request = HTTPRequest(
            .post, url: url("/rest/api/3/group/user"), query: [("groupId", groupID)],
            body: .json(["accountId": accountID]))
        switch try await attempt(request) {
        case .success: return true
        case .failure(let failure) where failure.says("User is already a member of"): return false
        case .failure(let failure): throw failure.error
        }
    }

    /// Removes a member; false when the user was not one.
    func removeGroupMember(groupID: String, accountID: String) async throws -> Bool {
        let request = HTTPRequest(
            .delete, url: url("/rest/api/3/group/user"), query: [("groupId", groupID), ("accountId", accountID)])
        switch try await attempt(request) {
        case .success: return true
        case .failure(let failure) where failure.says("not a member of"): return false
        case .failure(let failure): throw failure.error
        }
    }

    // MARK: Projects and roles

    /// One page of projects; `keys` limits the search to those projects.
    func projects(startAt: Int, keys: [String]) async throws -> JiraPaged<JiraProjectSummary> {
        try await get(
            JiraPaged<JiraProjectSummary>.self, "/rest/api/2/project/search",
            query: pageQuery(startAt) + keys.map { ("keys", $0) })
    }

    func project(_ id: String) async throws -> JiraProject? {
        try await find(JiraProject.self, "/rest/api/2/project/\(Self.segment(id))")
    }

    func role(_ id: String) async throws -> JiraRole? {
        try await find(JiraRole.self, "/rest/api/3/role/\(Self.segment(id))")
    }

    /// A role in a project, with its actors; nil when the project or role is gone.
    func projectRole(projectID: String, roleID: String) async throws -> JiraRole? {
        try await find(JiraRole.self, rolePath(projectID, roleID))
    }

    /// Who holds a project role: a user (`accountId`) or a group (`groupId`).
    enum Actor: Sendable {
        case user(String)
        case group(String)
    }

    /// Adds an actor; false when it already held the role.
    func addRoleActor(projectID: String, roleID: String, _ actor: Actor) async throws -> Bool {
        let body: [String: [String]] =
            switch actor {
            case .user(let id): ["user": [id]]
            case .group(let id): ["groupId": [id]]
            }
        let request = HTTPRequest(.post, url: url(rolePath(projectID, roleID)), body: .json(body))
        switch try await attempt(request) {
        case .success: return true
        case .failure(let failure) where failure.says("already a member of the project role."): return false
        case .failure(let failure): throw failure.error
        }
    }

    /// Removes an actor; false when it did not hold the role.
    func removeRoleActor(projectID: String, roleID: String, _ actor: Actor) async throws -> Bool {
        let query: [(String, String)] =
            switch actor {
            case .user(let id): [("user", id)]
            case .group(let id): [("groupId", id)]
            }
        let request = HTTPRequest(.delete, url: url(rolePath(projectID, roleID)), query: query)
        switch try await attempt(request) {
        case .success: return true
        case .failure(let failure) where failure.says("is not a member of the project role"): return false
        case .failure(let failure): throw failure.error
        }
    }

    private func rolePath(_ projectID: String, _ roleID: String) -> String {
        "/rest/api/3/project/\(Self.segment(projectID))/role/\(Self.segment(roleID))"
    }

    /// One id as a path segment.
    static func segment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? id
    }
}

/// Offset paging that follows what Jira says rather than the page size it was asked for: a server that
/// caps `maxResults` below the request still gets paged to the end.
enum JiraPaging {
    /// The next page token after a page at `startAt` that returned `received` items. `isLast` decides when
    /// given, else `total`; a bare array (neither) ends only on an empty page.
    static func next(startAt: Int, received: Int, isLast: Bool? = nil, total: Int? = nil) -> String {
        let next = startAt + received
        if received == 0 { return "" }
        if let isLast { return isLast ? "" : String(next) }
        if let total { return next >= total ? "" : String(next) }
        return String(next)
    }

    /// The offset a page token stands for.
    static func startAt(_ request: PageRequest) throws -> Int {
        guard !request.pageToken.isEmpty else { return 0 }
        guard let offset = Int(request.pageToken), offset >= 0 else {
            throw BatonError(.invalidArgument, "jira: page token corrupt: \"\(request.pageToken.prefix(40))\"")
        }
        return offset
    }
}
