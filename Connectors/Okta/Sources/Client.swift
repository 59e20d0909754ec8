import BatonHTTP
import BatonSDK
import Foundation

/// The Okta Management API calls the connector makes, and nothing else: paths, query parameters and the
/// Okta error codes some calls answer with. Paging, retries, rate limits, authorization and error bodies
/// (``OktaError``) are the ``BatonHTTPClient``'s.
struct OktaClient: Sendable {
    let http: BatonHTTPClient

    /// The page size the reference asks for; Okta clamps it per endpoint.
    static let pageLimit = [("limit", "1000")]

    /// The content type the reference sends on user reads: leave credentials out of the answer.
    private static let userHeaders: HTTPHeaderFields = [
        "Content-Type":
            #"application/json; okta-response="omitCredentials,omitCredentialsLinks,omitTransitioningToStatus""#
    ]

    /// Where Okta's IAM lists put their next link: the body, which Okta documents, not always a `Link` header.
    private static let iamNextLink = ["_links", "next", "href"]

    /// - Parameter baseURL: `https://acme.okta.com` (no trailing slash).
    init(baseURL: URL, http configuration: BatonHTTPClient.Configuration, authenticator: any Authenticator) {
        var configuration = configuration
        configuration.baseURL = baseURL
        configuration.defaultHeaders = ["Accept": "application/json"]
        configuration.errorResponse = OktaError.batonError
        http = BatonHTTPClient(configuration: configuration, authenticator: authenticator)
    }

    // MARK: Org

    /// `GET /api/v1/org`: the token check.
    func org() async throws {
        try await http.send(.get, "/api/v1/org", noCache: true)
    }

    // MARK: Users

    func usersPage(bag: inout PaginationBag) async throws -> (items: [OktaUser], next: String) {
        // `status pr` includes DEPROVISIONED users, which a plain list leaves out.
        try await http.page(
            [OktaUser].self, "/api/v1/users", query: Self.pageLimit + [("search", "status pr")],
            headers: Self.userHeaders, bag: &bag)
    }

    func user(_ idOrLogin: String) async throws -> OktaUser? {
        try await http.find(
            OktaUser.self, "/api/v1/users/\(segment: idOrLogin)", headers: Self.userHeaders, noCache: true,
            isMissing: OktaError.isMissing)
    }

    /// `POST /api/v1/users?activate=true`: a user without a password, whom Okta sends an activation
    /// email. Returns nil when Okta refuses because the login is taken.
    func createUser(profile: [String: String]) async throws -> OktaUser? {
        let response = try await http.send(
            .post, "/api/v1/users", query: [("activate", "true")], body: .json(["profile": profile])
        ) { refusal in
            let body = OktaError.body(refusal)
            return body.errorCode == "E0000001"
                && (body.errorCauses ?? []).contains { $0.errorSummary?.contains("already exists") ?? false }
        }
        return response.isSuccess ? try response.decodeJSON(OktaUser.self) : nil
    }

    /// `DELETE /api/v1/users/{id}`: Okta deactivates an active user on the first call and deletes a
    /// deactivated one on the second.
    func deleteUser(_ id: String) async throws {
        try await http.send(.delete, "/api/v1/users/\(segment: id)")
    }

    // MARK: Groups

    func groupsPage(bag: inout PaginationBag) async throws -> (items: [OktaGroup], next: String) {
        try await http.page(
            [OktaGroup].self, "/api/v1/groups", query: Self.pageLimit + [("expand", "stats")], bag: &bag)
    }

    func group(_ id: String) async throws -> OktaGroup? {
        try await http.find(
            OktaGroup.self, "/api/v1/groups/\(segment: id)?expand=stats", noCache: true, isMissing: OktaError.isMissing)
    }

    func groupMembersPage(_ groupID: String, bag: inout PaginationBag) async throws
        -> (items: [OktaMember], next: String)
    {
        try await http.page(
            [OktaMember].self, "/api/v1/groups/\(segment: groupID)/users", query: Self.pageLimit, bag: &bag)
    }

    /// The group's role assignments, or nil when the token may not read them (`E0000006`).
    func groupRoles(_ groupID: String) async throws -> [OktaRoleAssignment]? {
        let response = try await http.send(
            .get, "/api/v1/groups/\(segment: groupID)/roles", answering: OktaError.says("E0000006"))
        return response.isSuccess ? try response.decodeJSON([OktaRoleAssignment].self) : nil
    }

    func addGroupMember(groupID: String, userID: String) async throws {
        try await http.send(.put, "/api/v1/groups/\(segment: groupID)/users/\(segment: userID)")
    }

    func removeGroupMember(groupID: String, userID: String) async throws {
        try await http.send(.delete, "/api/v1/groups/\(segment: groupID)/users/\(segment: userID)")
    }

    // MARK: Roles

    /// The users holding any admin role directly.
    func roleAssigneesPage(bag: inout PaginationBag) async throws -> (items: [String], next: String) {
        let (body, next) = try await http.page(
            OktaRoleAssignees.self, "/api/v1/iam/assignees/users", query: Self.pageLimit, bodyLink: Self.iamNextLink,
            bag: &bag)
        return (body.value.map(\.id), next)
    }

    /// The roles of a principal (`users` or `groups`), read fresh (provisioning decides on them).
    func roles(of principal: RolePrincipal, _ id: String, fresh: Bool = false) async throws
        -> [OktaRoleAssignment]
    {
        try await http.get(
            [OktaRoleAssignment].self, "/api/v1/\(principal.rawValue)/\(segment: id)/roles", noCache: fresh)
    }

    /// Assigns a standard admin role; false when the principal already holds it (`E0000090`).
    func assignRole(_ type: String, to principal: RolePrincipal, _ id: String) async throws -> Bool {
        try await http.send(
            .post, "/api/v1/\(principal.rawValue)/\(segment: id)/roles", body: .json(["type": type]),
            answering: OktaError.says("E0000090")
        ).isSuccess
    }

    func removeRole(assignmentID: String, from principal: RolePrincipal, _ id: String) async throws {
        try await http.send(.delete, "/api/v1/\(principal.rawValue)/\(segment: id)/roles/\(segment: assignmentID)")
    }

    enum RolePrincipal: String, Sendable {
        case users, groups
    }

    // MARK: Apps

    func appsPage(activeOnly: Bool, bag: inout PaginationBag) async throws -> (items: [OktaApp], next: String) {
        let filter: [(String, String)] = activeOnly ? [("filter", #"status eq "ACTIVE""#)] : []
        return try await http.page([OktaApp].self, "/api/v1/apps", query: Self.pageLimit + filter, bag: &bag)
    }

    func app(_ id: String) async throws -> OktaApp? {
        try await http.find(OktaApp.self, "/api/v1/apps/\(segment: id)", noCache: true, isMissing: OktaError.isMissing)
    }

    func appGroupsPage(_ appID: String, bag: inout PaginationBag) async throws
        -> (items: [OktaAppGroup], next: String)
    {
        try await http.page(
            [OktaAppGroup].self, "/api/v1/apps/\(segment: appID)/groups", query: Self.pageLimit, bag: &bag)
    }

    func appUsersPage(_ appID: String, bag: inout PaginationBag) async throws
        -> (items: [OktaAppUser], next: String)
    {
        try await http.page(
            [OktaAppUser].self, "/api/v1/apps/\(segment: appID)/users", query: Self.pageLimit, bag: &bag)
    }

    func appUser(appID: String, userID: String) async throws -> OktaAppUser? {
        try await http.find(
            OktaAppUser.self, "/api/v1/apps/\(segment: appID)/users/\(segment: userID)", noCache: true,
            isMissing: OktaError.isMissing)
    }

    func assignAppUser(appID: String, userID: String, userName: String) async throws {
        struct Body: Encodable, Sendable {
            struct Credentials: Encodable, Sendable { var userName: String }
            var id: String
            var scope = "USER"
            var credentials: Credentials
        }
        let body = Body(id: userID, credentials: .init(userName: userName))
        try await http.send(.post, "/api/v1/apps/\(segment: appID)/users", body: .json(body))
    }

    func removeAppUser(appID: String, userID: String) async throws {
        try await http.send(.delete, "/api/v1/apps/\(segment: appID)/users/\(segment: userID)")
    }

    func appGroup(appID: String, groupID: String) async throws -> OktaAppGroup? {
        try await http.find(
            OktaAppGroup.self, "/api/v1/apps/\(segment: appID)/groups/\(segment: groupID)", noCache: true,
            isMissing: OktaError.isMissing)
    }

    func assignAppGroup(appID: String, groupID: String) async throws {
        try await http.send(
            .put, "/api/v1/apps/\(segment: appID)/groups/\(segment: groupID)", body: .json([String: String]()))
    }

    func removeAppGroup(appID: String, groupID: String) async throws {
        try await http.send(.delete, "/api/v1/apps/\(segment: appID)/groups/\(segment: groupID)")
    }
}
