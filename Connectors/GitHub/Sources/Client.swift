import BatonHTTP
import BatonSDK
import Foundation

/// The GitHub REST and GraphQL calls the connector makes, and nothing else: URLs, query parameters and
/// `Link` paging through ``PaginationBag``. Retries, rate limits (primary 403, secondary 403/429 with
/// `Retry-After`) and authorization are the ``BatonHTTPClient``'s.
struct GitHubClient: Sendable {
    let http: BatonHTTPClient
    /// `https://api.github.com` or `https://ghes.example.com/api/v3` (no trailing slash).
    let restBase: URL
    /// `https://api.github.com/graphql` or `https://ghes.example.com/api/graphql`.
    let graphqlURL: URL

    /// The page size the connector asks for (GitHub's maximum).
    static let pageSize = 100

    func url(_ path: String) -> URL {
        URL(string: restBase.absoluteString + path) ?? restBase
    }

    /// One path segment (logins, slugs and repository names are URL-safe, but be strict anyway).
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    // MARK: Transport

    private static let headers: HTTPHeaderFields = [
        "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
    ]

    /// Sends a request; statuses in `accepted` come back as responses, other failures are thrown as the
    /// mapped `BatonError` (404 → notFound, 403 → permissionDenied, 401 → unauthenticated).
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, query: [(String, String)] = [], body: HTTPRequest.Body = .none,
        accepted: Set<Int> = [], fresh: Bool = false
    ) async throws -> HTTPResponse {
        var request = HTTPRequest(
            method, url: url(path), query: query, headers: Self.headers, body: body, noCache: fresh,
            acceptedStatuses: accepted)
        request.headers["Accept"] = "application/vnd.github+json"
        return try await http.send(request)
    }

    func get<T: Decodable>(_ type: T.Type, _ path: String, query: [(String, String)] = []) async throws -> T {
        try await send(.get, path, query: query).decodeJSON(T.self)
    }

    /// `GET path`, or nil when GitHub answers 404.
    func find<T: Decodable>(_ type: T.Type, _ path: String, fresh: Bool = false) async throws -> T? {
        let response = try await send(.get, path, accepted: [404], fresh: fresh)
        return response.status == 404 ? nil : try response.decodeJSON(T.self)
    }

    /// One page of a `Link`-paged list. The bag's current token is the `next` URL of the previous page
    /// (empty for the first); the returned token is the bag after this page.
    func page<T: Decodable>(
        _ type: [T].Type, _ path: String, query: [(String, String)] = [], bag: inout PaginationBag
    ) async throws -> (items: [T], next: String) {
        let isFirst = bag.pageToken.isEmpty
        let request = HTTPRequest(
            .get, url: try bag.pageURL(orFirst: url(path)),
            query: isFirst ? query + [("per_page", String(Self.pageSize))] : [], headers: Self.headers)
        let response = try await http.send(request)
        return (try response.decodeJSON([T].self), try bag.nextToken(fromLinkHeaderOf: response))
    }

    // MARK: Orgs and users

    func viewerOrgsPage(bag: inout PaginationBag) async throws -> (items: [GitHubOrgSummary], next: String) {
        try await page([GitHubOrgSummary].self, "/user/orgs", bag: &bag)
    }

    /// The viewer's membership in `org`, or nil when GitHub answers 404 (not a member).
    func viewerMembership(org: String) async throws -> GitHubMembership? {
        try await find(GitHubMembership.self, "/user/memberships/orgs/\(Self.segment(org))")
    }

    func organization(login: String) async throws -> GitHubOrganization? {
        try await find(GitHubOrganization.self, "/orgs/\(Self.segment(login))")
    }

    func organization(id: String) async throws -> GitHubOrganization? {
        try await find(GitHubOrganization.self, "/organizations/\(Self.segment(id))")
    }

    func user(id: String) async throws -> GitHubAccount? {
        try await find(GitHubAccount.self, "/user/\(Self.segment(id))")
    }

    func membership(org: String, login: String) async throws -> GitHubMembership? {
        try await find(
            GitHubMembership.self, "/orgs/\(Self.segment(org))/memberships/\(Self.segment(login))", fresh: true)
    }

    func setMembership(org: String, login: String, role: String) async throws {
        try await send(
            .put, "/orgs/\(Self.segment(org))/memberships/\(Self.segment(login))", body: .json(["role": role]))
    }

    /// Removes a member (or cancels a pending one); false when GitHub answers 404.
    func removeMembership(org: String, login: String) async throws -> Bool {
        let response = try await send(
            .delete, "/orgs/\(Self.segment(org))/memberships/\(Self.segment(login))", accepted: [404])
        return response.status != 404
    }

    func membersPage(org: String, role: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubAccount], next: String)
    {
        try await page(
            [GitHubAccount].self, "/orgs/\(Self.segment(org))/members", query: [("role", role)], bag: &bag)
    }

    func outsideCollaboratorsPage(org: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubAccount], next: String)
    {
        try await page([GitHubAccount].self, "/orgs/\(Self.segment(org))/outside_collaborators", bag: &bag)
    }

    // MARK: Invitations

    func invitationsPage(org: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubInvitationRecord], next: String)
    {
        try await page([GitHubInvitationRecord].self, "/orgs/\(Self.segment(org))/invitations", bag: &bag)
    }

    /// Invites by account id or email; the answer is the pending invitation.
    func invite(org: String, inviteeID: Int? = nil, email: String? = nil, role: String) async throws
        -> GitHubInvitationRecord
    {
        struct Body: Encodable, Sendable {
            var inviteeID: Int?
            var email: String?
            var role: String
            enum CodingKeys: String, CodingKey {
                case email, role
                case inviteeID = "invitee_id"
            }
        }
        return try await send(
            .post, "/orgs/\(Self.segment(org))/invitations",
            body: .json(Body(inviteeID: inviteeID, email: email, role: role))
        ).decodeJSON(GitHubInvitationRecord.self)
    }

    /// Cancels an invitation; false when GitHub answers 404.
    func cancelInvitation(org: String, id: String) async throws -> Bool {
        let response = try await send(
            .delete, "/orgs/\(Self.segment(org))/invitations/\(Self.segment(id))", accepted: [404])
        return response.status != 404
    }

    // MARK: Teams

    func teamsPage(org: String, bag: inout PaginationBag) async throws -> (items: [GitHubTeamRecord], next: String) {
        try await page([GitHubTeamRecord].self, "/orgs/\(Self.segment(org))/teams", bag: &bag)
    }

    func team(orgID: String, teamID: String) async throws -> GitHubTeamRecord? {
        try await find(GitHubTeamRecord.self, teamPath(orgID, teamID))
    }

    func teamMembersPage(orgID: String, teamID: String, role: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubAccount], next: String)
    {
        try await page([GitHubAccount].self, teamPath(orgID, teamID) + "/members", query: [("role", role)], bag: &bag)
    }

    func setTeamMembership(orgID: String, teamID: String, login: String, role: String) async throws {
        try await send(
            .put, teamPath(orgID, teamID) + "/memberships/\(Self.segment(login))", body: .json(["role": role]))
    }

    /// The user's role in the team (`member`/`maintainer`), or nil when not a member.
    func teamMembership(orgID: String, teamID: String, login: String) async throws -> GitHubMembership? {
        try await find(
            GitHubMembership.self, teamPath(orgID, teamID) + "/memberships/\(Self.segment(login))", fresh: true)
    }

    /// Removes a team member; false when GitHub answers 404.
    func removeTeamMembership(orgID: String, teamID: String, login: String) async throws -> Bool {
        let response = try await send(
            .delete, teamPath(orgID, teamID) + "/memberships/\(Self.segment(login))", accepted: [404])
        return response.status != 404
    }

    private func teamPath(_ orgID: String, _ teamID: String) -> String {
        "/organizations/\(Self.segment(orgID))/team/\(Self.segment(teamID))"
    }

    // MARK: Repositories

    func reposPage(org: String, bag: inout PaginationBag) async throws -> (items: [GitHubRepository], next: String) {
        try await page([GitHubRepository].self, "/orgs/\(Self.segment(org))/repos", query: [("type", "all")], bag: &bag)
    }

    func repository(id: String) async throws -> GitHubRepository? {
        try await find(GitHubRepository.self, "/repositories/\(Self.segment(id))")
    }

    func collaboratorsPage(owner: String, repo: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubCollaborator], next: String)
    {
        try await page(
            [GitHubCollaborator].self, "\(repoPath(owner, repo))/collaborators", query: [("affiliation", "all")],
            bag: &bag)
    }

    func repoTeamsPage(owner: String, repo: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubTeamRecord], next: String)
    {
        try await page([GitHubTeamRecord].self, "\(repoPath(owner, repo))/teams", bag: &bag)
    }

    func addCollaborator(owner: String, repo: String, login: String, permission: String) async throws {
        try await send(
            .put, "\(repoPath(owner, repo))/collaborators/\(Self.segment(login))",
            body: .json(["permission": permission]))
    }

    func removeCollaborator(owner: String, repo: String, login: String) async throws {
        try await send(.delete, "\(repoPath(owner, repo))/collaborators/\(Self.segment(login))")
    }

    func setTeamRepoPermission(org: String, slug: String, owner: String, repo: String, permission: String?)
        async throws
    {
        let path =
            "/orgs/\(Self.segment(org))/teams/\(Self.segment(slug))/repos/\(Self.segment(owner))/"
            + Self.segment(repo)
        if let permission {
            try await send(.put, path, body: .json(["permission": permission]))
        } else {
            try await send(.delete, path)
        }
    }

    private func repoPath(_ owner: String, _ repo: String) -> String {
        "/repos/\(Self.segment(owner))/\(Self.segment(repo))"
    }

    // MARK: Org roles

    func orgRoles(org: String) async throws -> [GitHubOrgRoleRecord] {
        try await get(GitHubOrgRoleList.self, "/orgs/\(Self.segment(org))/organization-roles").roles
    }

    func orgRole(org: String, id: String) async throws -> GitHubOrgRoleRecord? {
        try await find(GitHubOrgRoleRecord.self, "/orgs/\(Self.segment(org))/organization-roles/\(Self.segment(id))")
    }

    func orgRoleUsersPage(org: String, roleID: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubAccount], next: String)
    {
        try await page(
            [GitHubAccount].self, "/orgs/\(Self.segment(org))/organization-roles/\(Self.segment(roleID))/users",
            bag: &bag)
    }

    func orgRoleTeamsPage(org: String, roleID: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubTeamRecord], next: String)
    {
        try await page(
            [GitHubTeamRecord].self, "/orgs/\(Self.segment(org))/organization-roles/\(Self.segment(roleID))/teams",
            bag: &bag)
    }

    func setOrgRole(org: String, login: String, roleID: String, assigned: Bool) async throws {
        try await send(
            assigned ? .put : .delete,
            "/orgs/\(Self.segment(org))/organization-roles/users/\(Self.segment(login))/\(Self.segment(roleID))")
    }

    // MARK: GraphQL

    /// The user's SAML identity emails (name id first), or [] when the org has no SAML or no identity.
    func samlEmails(org: String, login: String) async throws -> [String] {
        let query =
            "query($orgLoginName:String!$userName:String!){organization(login: $orgLoginName){samlIdentityProvider{"
            + "ssoUrl,externalIdentities(first: 1, login: $userName){edges{node{samlIdentity{nameId,emails{value}},"
            + "user{login}}}}}},rateLimit{limit,cost,remaining,resetAt}}"
        let answer = try await graphQL(query, variables: ["orgLoginName": org, "userName": login])
        guard
            let identity = answer.data?.organization?.samlIdentityProvider?.externalIdentities?.edges.first?.node
                .samlIdentity
        else { return [] }
        var emails: [String] = []
        for email in [identity.nameId].compactMap({ $0 }) + (identity.emails ?? []).map(\.value)
        where email.contains("@") && !emails.contains(email) {
            emails.append(email)
        }
        return emails
    }

    /// Whether the org has a SAML identity provider.
    func hasSAML(org: String) async throws -> Bool {
        let query = "query($orgLoginName:String!){organization(login: $orgLoginName){samlIdentityProvider{id}}}"
        let answer = try await graphQL(query, variables: ["orgLoginName": org])
        return !(answer.data?.organization?.samlIdentityProvider?.id ?? "").isEmpty
    }

    private func graphQL(_ query: String, variables: [String: String]) async throws -> GitHubSAMLResponse {
        struct Body: Encodable, Sendable {
            var query: String
            var variables: [String: String]
        }
        let request = HTTPRequest(
            .post, url: graphqlURL, body: .json(Body(query: query, variables: variables)), isIdempotent: true)
        return try await http.send(request).decodeJSON(GitHubSAMLResponse.self)
    }
}
