package import BatonHTTP

/// Every GitHub REST body the connector decodes, as its client decodes it.
///
/// The fuzzer (`make fuzz`, target `github-page`) and its corpus replay test reach the connector's private shapes
/// through this list; a sync never uses it.
package enum GitHubPageDecoders {
    package static let all = [
        JSONBodyDecoder("accounts", [GitHubAccount].self),
        JSONBodyDecoder("account", GitHubAccount.self),
        JSONBodyDecoder("orgs", [GitHubOrgSummary].self),
        JSONBodyDecoder("organization", GitHubOrganization.self),
        JSONBodyDecoder("membership", GitHubMembership.self),
        JSONBodyDecoder("collaborators", [GitHubCollaborator].self),
        JSONBodyDecoder("invitations", [GitHubInvitationRecord].self),
        JSONBodyDecoder("teams", [GitHubTeamRecord].self),
        JSONBodyDecoder("repositories", [GitHubRepository].self),
        JSONBodyDecoder("org-roles", GitHubOrgRoleList.self),
        JSONBodyDecoder("saml", GitHubSAMLResponse.self),
        JSONBodyDecoder("access-token", GitHubAccessToken.self),
    ]
}
