import BatonHTTP
import BatonSDK
import Foundation

/// The GitHub REST and GraphQL calls the connector makes, and nothing else: URLs, query parameters and
/// `Link` paging through ``PaginationBag``. Retries, rate limits (primary 403, secondary 403/429 with
/// `Retry-After`) and authorization are the ``BatonHTTPClient``'s.
/// The GitHub REST and GraphQL calls the connector makes, and nothing else: paths and query parameters.
/// Paging, retries, rate limits (primary 403, secondary 403/429 with `Retry-After`) and authorization are the
/// ``BatonHTTPClient``'s.
struct GitHubClient: Sendable {
    let http: BatonHTTPClient
    /// `https://api.github.com/graphql` or `https://ghes.example.com/api/graphql`.
    let graphqlURL: URL

    /// The page size the connector asks for (GitHub's maximum).
    static let pageSize = [("per_page", "100")]

    /// - Parameter restBase: `https://api.github.com` or `https://ghes.example.com/api/v3` (no trailing slash).
    init(
        restBase: URL, graphqlURL: URL, http configuration: BatonHTTPClient.Configuration,
        authenticator: any Authenticator
    ) {
        var configuration = configuration
        configuration.baseURL = restBase
        configuration.defaultHeaders = [
            "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
        ]
        http = BatonHTTPClient(configuration: configuration, authenticator: authenticator)
        self.graphqlURL = graphqlURL
    }

    /// A refusal that answers "no such object".
    private static func isMissing(_ response: HTTPResponse) -> Bool { response.status == 404 }

    // MARK: Orgs and users

    func viewerOrgsPage(bag: inout PaginationBag) async throws -> (items: [GitHubOrgSummary], next: String) {
        try await http.page([GitHubOrgSummary].self, "/user/orgs", query: Self.pageSize, bag: &bag)
    }

    /// The viewer's membership in `org`, or nil when GitHub answers 404 (not a member).
    func viewerMembership(org: String) async throws -> GitHubMembership? {
        try await http.find(GitHubMembership.self, "/user/memberships/orgs/\(segment: org)")
    }

    func organization(login: String) async throws -> GitHubOrganization? {
        try await http.find(GitHubOrganization.self, "/orgs/\(segment: login)")
    }

    func organization(id: String) async throws -> GitHubOrganization? {
        try await http.find(GitHubOrganization.self, "/organizations/\(segment: id)")
    }

    func user(id: String) async throws -> GitHubAccount? {
        try await http.find(GitHubAccount.self, "/user/\(segment: id)")
    }

    func membership(org: String, login: String) async throws -> GitHubMembership? {
        try await http.find(
            GitHubMembership.self, "/orgs/\(segment: org)/memberships/\(segment: login)", noCache: true)
    }

    func setMembership(org: String, login: String, role: String) async throws {
        try await http.send(
            .put, "/orgs/\(segment: org)/memberships/\(segment: login)", body: .json(["role": role]))
    }

    /// Removes a member (or cancels a pending one); false when GitHub answers 404.
    func removeMembership(org: String, login: String) async throws -> Bool {
        let response = try await http.send(
            .delete, "/orgs/\(segment: org)/memberships/\(segment: login)", answering: Self.isMissing)
        return response.status != 404
    }

    func membersPage(org: String, role: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubAccount], next: String)
    {
        try await http.page(
            [GitHubAccount].self, "/orgs/\(segment: org)/members", query: [("role", role)] + Self.pageSize, bag: &bag)
    }

    func outsideCollaboratorsPage(org: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubAccount], next: String)
    {
        try await http.page(
            [GitHubAccount].self, "/orgs/\(segment: org)/outside_collaborators", query: Self.pageSize, bag: &bag)
    }

    // MARK: Invitations

    func invitationsPage(org: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubInvitationRecord], next: String)
    {
        try await http.page(
            [GitHubInvitationRecord].self, "/orgs/\(segment: org)/invitations", query: Self.pageSize, bag: &bag)
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
        return try await http.send(
            .post, "/orgs/\(segment: org)/invitations",
            body: .json(Body(inviteeID: inviteeID, email: email, role: role))
        ).decodeJSON(GitHubInvitationRecord.self)
    }

    /// Cancels an invitation; false when GitHub answers 404.
    func cancelInvitation(org: String, id: String) async throws -> Bool {
        let response = try await http.send(
            .delete, "/orgs/\(segment: org)/invitations/\(segment: id)", answering: Self.isMissing)
        return response.status != 404
    }

    // MARK: Teams

    func teamsPage(org: String, bag: inout PaginationBag) async throws -> (items: [GitHubTeamRecord], next: String) {
        try await http.page([GitHubTeamRecord].self, "/orgs/\(segment: org)/teams", query: Self.pageSize, bag: &bag)
    }

    func team(orgID: String, teamID: String) async throws -> GitHubTeamRecord? {
        try await http.find(GitHubTeamRecord.self, teamPath(orgID, teamID))
    }

    func teamMembersPage(orgID: String, teamID: String, role: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubAccount], next: String)
    {
        try await http.page(
            [GitHubAccount].self, teamPath(orgID, teamID) + "/members", query: [("role", role)] + Self.pageSize,
            bag: &bag)
    }

    func setTeamMembership(orgID: String, teamID: String, login: String, role: String) async throws {
        try await http.send(
            .put, teamPath(orgID, teamID) + "/memberships/\(segment: login)", body: .json(["role": role]))
    }

    /// The user's role in the team (`member`/`maintainer`), or nil when not a member.
    func teamMembership(orgID: String, teamID: String, login: String) async throws -> GitHubMembership? {
        try await http.find(
            GitHubMembership.self, teamPath(orgID, teamID) + "/memberships/\(segment: login)", noCache: true)
    }

    /// Removes a team member; false when GitHub answers 404.
    func removeTeamMembership(orgID: String, teamID: String, login: String) async throws -> Bool {
        let response = try await http.send(
            .delete, teamPath(orgID, teamID) + "/memberships/\(segment: login)", answering: Self.isMissing)
        return response.status != 404
    }

    private func teamPath(_ orgID: String, _ teamID: String) -> String {
        "/organizations/\(segment: orgID)/team/\(segment: teamID)"
    }

    // MARK: Repositories

    func reposPage(org: String, bag: inout PaginationBag) async throws -> (items: [GitHubRepository], next: String) {
        try await http.page(
            [GitHubRepository].self, "/orgs/\(segment: org)/repos", query: [("type", "all")] + Self.pageSize, bag: &bag)
    }

    func repository(id: String) async throws -> GitHubRepository? {
        try await http.find(GitHubRepository.self, "/repositories/\(segment: id)")
    }

    func collaboratorsPage(owner: String, repo: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubCollaborator], next: String)
    {
        try await http.page(
            [GitHubCollaborator].self, "\(repoPath(owner, repo))/collaborators",
            query: [("affiliation", "all")] + Self.pageSize,
            bag: &bag)
    }

    func repoTeamsPage(owner: String, repo: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubTeamRecord], next: String)
    {
        try await http.page([GitHubTeamRecord].self, "\(repoPath(owner, repo))/teams", query: Self.pageSize, bag: &bag)
    }

    func addCollaborator(owner: String, repo: String, login: String, permission: String) async throws {
        try await http.send(
            .put, "\(repoPath(owner, repo))/collaborators/\(segment: login)",
            body: .json(["permission": permission]))
    }

    func removeCollaborator(owner: String, repo: String, login: String) async throws {
        try await http.send(.delete, "\(repoPath(owner, repo))/collaborators/\(segment: login)")
    }

    func setTeamRepoPermission(org: String, slug: String, owner: String, repo: String, permission: String?)
        async throws
    {
        let path =
            "/orgs/\(segment: org)/teams/\(segment: slug)/repos/\(segment: owner)/\(segment: repo)"
        if let permission {
            try await http.send(.put, path, body: .json(["permission": permission]))
        } else {
            try await http.send(.delete, path)
        }
    }

    private func repoPath(_ owner: String, _ repo: String) -> String {
        "/repos/\(segment: owner)/\(segment: repo)"
    }

    // MARK: Org roles

    func orgRoles(org: String) async throws -> [GitHubOrgRoleRecord] {
        try await http.get(GitHubOrgRoleList.self, "/orgs/\(segment: org)/organization-roles").roles
    }

    func orgRole(org: String, id: String) async throws -> GitHubOrgRoleRecord? {
        try await http.find(GitHubOrgRoleRecord.self, "/orgs/\(segment: org)/organization-roles/\(segment: id)")
    }

    func orgRoleUsersPage(org: String, roleID: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubAccount], next: String)
    {
        try await http.page(
            [GitHubAccount].self, "/orgs/\(segment: org)/organization-roles/\(segment: roleID)/users",
            query: Self.pageSize, bag: &bag)
    }

    func orgRoleTeamsPage(org: String, roleID: String, bag: inout PaginationBag) async throws
        -> (items: [GitHubTeamRecord], next: String)
    {
        try await http.page(
            [GitHubTeamRecord].self, "/orgs/\(segment: org)/organization-roles/\(segment: roleID)/teams",
            query: Self.pageSize, bag: &bag)
    }

    func setOrgRole(org: String, login: String, roleID: String, assigned: Bool) async throws {
        try await http.send(
            assigned ? .put : .delete,
            "/orgs/\(segment: org)/organization-roles/users/\(segment: login)/\(segment: roleID)")
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
