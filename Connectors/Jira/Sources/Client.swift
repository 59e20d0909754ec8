import BatonHTTP
import BatonSDK
import Foundation

/// The Jira Cloud REST calls the connector makes, and nothing else: paths, query parameters and the Jira
/// messages some calls answer with. Retries, rate limits, authorization and error bodies (``JiraError``) are
/// the ``BatonHTTPClient``'s; offset paging is ``OffsetPaging``'s.
struct JiraClient: Sendable {
    let http: BatonHTTPClient

    /// The page size asked for on enveloped lists (Jira's maximum there). Jira may answer with fewer;
    /// paging never relies on it.
    static let pageSize = 50
    /// The page size asked for on the bare-array user searches, whose maximum is 1000: twenty times fewer
    /// calls than the reference's 50 on a large site.
    static let userPageSize = 1000

    /// - Parameter baseURL: `https://acme.atlassian.net` (no trailing slash; may carry a path for scoped tokens).
    init(baseURL: URL, http configuration: BatonHTTPClient.Configuration, authenticator: any Authenticator) {
        var configuration = configuration
        configuration.baseURL = baseURL
        // Jira's XSRF check is skipped for API clients that say so.
        configuration.defaultHeaders = ["Accept": "application/json", "X-Atlassian-Token": "nocheck"]
        configuration.errorResponse = JiraError.batonError
        http = BatonHTTPClient(configuration: configuration, authenticator: authenticator)
    }

    private func pageQuery(_ startAt: Int, size: Int = pageSize) -> [(String, String)] {
        [("startAt", String(startAt)), ("maxResults", String(size))]
    }

    // MARK: Users

    /// One page of every account (bare array).
    func users(startAt: Int) async throws -> [JiraUser] {
        try await http.get(
            [JiraUser].self, "/rest/api/3/users/search", query: pageQuery(startAt, size: Self.userPageSize))
    }

    /// `GET /rest/api/2/user/search?query=`: the reference's credential check, and the email lookup.
    func searchUsers(_ query: String) async throws -> [JiraUser] {
        try await http.get([JiraUser].self, "/rest/api/2/user/search", query: [("query", query)])
    }

    /// The users who may browse a project (bare array).
    func projectViewers(projectKey: String, startAt: Int) async throws -> [JiraUser] {
        try await http.get(
            [JiraUser].self, "/rest/api/2/user/viewissue/search",
            query: [("query", "."), ("projectKey", projectKey)] + pageQuery(startAt, size: Self.userPageSize))
    }

    /// `POST /rest/api/2/user`; nil when an account with that email already exists.
    func createUser(email: String, products: [String]) async throws -> JiraUser? {
        struct Body: Encodable, Sendable {
            var emailAddress: String
            var products: [String]
        }
        let response = try await http.send(
            .post, "/rest/api/2/user", body: .json(Body(emailAddress: email, products: products))
        ) { $0.status == 400 && JiraError.says("already exists")($0) }
        return response.isSuccess ? try response.decodeJSON(JiraUser.self) : nil
    }

    // MARK: Groups

    func groups(startAt: Int) async throws -> JiraPaged<JiraGroup> {
        try await http.get(JiraPaged<JiraGroup>.self, "/rest/api/3/group/bulk", query: pageQuery(startAt))
    }

    /// One page of a group's members, inactive accounts included (unlike the reference, which misses them).
    func groupMembers(groupID: String, startAt: Int) async throws -> JiraPaged<JiraUser> {
        try await http.get(
            JiraPaged<JiraUser>.self, "/rest/api/3/group/member",
            query: [("groupId", groupID), ("includeInactiveUsers", "true")] + pageQuery(startAt))
    }

    /// Adds a member; false when the user already was one.
    func addGroupMember(groupID: String, accountID: String) async throws -> Bool {
        try await http.send(
            .post, "/rest/api/3/group/user", query: [("groupId", groupID)], body: .json(["accountId": accountID]),
            answering: JiraError.says("User is already a member of")
        ).isSuccess
    }

    /// Removes a member; false when the user was not one.
    func removeGroupMember(groupID: String, accountID: String) async throws -> Bool {
        try await http.send(
            .delete, "/rest/api/3/group/user", query: [("groupId", groupID), ("accountId", accountID)],
            answering: JiraError.says("not a member of")
        ).isSuccess
    }

    // MARK: Projects and roles

    /// One page of projects; `keys` limits the search to those projects.
    func projects(startAt: Int, keys: [String]) async throws -> JiraPaged<JiraProjectSummary> {
        try await http.get(
            JiraPaged<JiraProjectSummary>.self, "/rest/api/2/project/search",
            query: pageQuery(startAt) + keys.map { ("keys", $0) })
    }

    func project(_ id: String) async throws -> JiraProject? {
        try await http.find(JiraProject.self, "/rest/api/2/project/\(segment: id)")
    }

    func role(_ id: String) async throws -> JiraRole? {
        try await http.find(JiraRole.self, "/rest/api/3/role/\(segment: id)")
    }

    /// A role in a project, with its actors; nil when the project or role is gone.
    func projectRole(projectID: String, roleID: String) async throws -> JiraRole? {
        try await http.find(JiraRole.self, rolePath(projectID, roleID))
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
        return try await http.send(
            .post, rolePath(projectID, roleID), body: .json(body),
            answering: JiraError.says("already a member of the project role.")
        ).isSuccess
    }

    /// Removes an actor; false when it did not hold the role.
    func removeRoleActor(projectID: String, roleID: String, _ actor: Actor) async throws -> Bool {
        let query: [(String, String)] =
            switch actor {
            case .user(let id): [("user", id)]
            case .group(let id): [("groupId", id)]
            }
        return try await http.send(
            .delete, rolePath(projectID, roleID), query: query,
            answering: JiraError.says("is not a member of the project role")
        ).isSuccess
    }

    private func rolePath(_ projectID: String, _ roleID: String) -> String {
        "/rest/api/3/project/\(segment: projectID)/role/\(segment: roleID)"
    }
}
