import Foundation

// The GitHub JSON shapes the connector reads. Only the keys it uses are declared; everything else in a
// response is ignored, so new upstream fields never break a sync.

struct GitHubAccount: Decodable, Sendable {
    var login: String
    var id: Int
    var name: String?
    var email: String?
    var avatarURL: String?
    var htmlURL: String?
    var twoFactorAuthentication: Bool?
    var type: String?

    enum CodingKeys: String, CodingKey {
        case login, id, name, email, type
        case avatarURL = "avatar_url"
        case htmlURL = "html_url"
        case twoFactorAuthentication = "two_factor_authentication"
    }
}

struct GitHubOrgSummary: Decodable, Sendable {
    var login: String
    var id: Int
}

struct GitHubOrganization: Decodable, Sendable {
    var login: String
    var id: Int
    var name: String?
    var description: String?
    var htmlURL: String?

    enum CodingKeys: String, CodingKey {
        case login, id, name, description
        case htmlURL = "html_url"
    }
}

struct GitHubMembership: Decodable, Sendable {
    var state: String
    var role: String
}

/// The `permissions` map of collaborators, teams and repositories.
struct GitHubPermissions: Decodable, Sendable {
    var admin: Bool?
    var maintain: Bool?
    var push: Bool?
    var triage: Bool?
    var pull: Bool?

    /// The levels marked true, lowest first.
    var granted: [String] {
        [("pull", pull), ("triage", triage), ("push", push), ("maintain", maintain), ("admin", admin)]
            .filter { $0.1 == true }.map(\.0)
    }
}

struct GitHubCollaborator: Decodable, Sendable {
    var login: String
    var id: Int
    var permissions: GitHubPermissions?
}

struct GitHubTeamRecord: Decodable, Sendable {
    var id: Int
    var name: String
    var slug: String
    var description: String?
    var url: String?
    var htmlURL: String?
    var permissions: GitHubPermissions?
    var membersCount: Int?
    var reposCount: Int?
    var parent: Parent?
    var organization: GitHubOrgSummary?

    struct Parent: Decodable, Sendable {
        var id: Int
    }

    enum CodingKeys: String, CodingKey {
        case id, name, slug, description, url, permissions, parent, organization
        case htmlURL = "html_url"
        case membersCount = "members_count"
        case reposCount = "repos_count"
    }
}

struct GitHubRepository: Decodable, Sendable {
    var id: Int
    var name: String
    var fullName: String?
    var isPrivate: Bool?
    var archived: Bool?
    var htmlURL: String?
    var owner: GitHubOrgSummary?
    var organization: GitHubOrgSummary?

    enum CodingKeys: String, CodingKey {
        case id, name, archived, owner, organization
        case fullName = "full_name"
        case isPrivate = "private"
        case htmlURL = "html_url"
    }
}

struct GitHubOrgRoleRecord: Decodable, Sendable {
    var id: Int
    var name: String
    var description: String?
}

struct GitHubOrgRoleList: Decodable, Sendable {
    var roles: [GitHubOrgRoleRecord]
}

struct GitHubInvitationRecord: Decodable, Sendable {
    var id: Int
    var login: String?
    var email: String?
    var role: String?
    var inviter: GitHubOrgSummary?
}

struct GitHubInstallationRecord: Decodable, Sendable {
    var id: Int
}

struct GitHubAccessToken: Decodable, Sendable {
    var token: String
    var expiresAt: String

    enum CodingKeys: String, CodingKey {
        case token
        case expiresAt = "expires_at"
    }
}

/// The SAML answer of the GraphQL API.
struct GitHubSAMLResponse: Decodable, Sendable {
    struct DataField: Decodable, Sendable {
        var organization: Organization?
    }
    struct Organization: Decodable, Sendable {
        var samlIdentityProvider: Provider?
    }
    struct Provider: Decodable, Sendable {
        var id: String?
        var externalIdentities: Identities?
    }
    struct Identities: Decodable, Sendable {
        var edges: [Edge]
    }
    struct Edge: Decodable, Sendable {
        var node: Node
    }
    struct Node: Decodable, Sendable {
        var samlIdentity: Identity?
    }
    struct Identity: Decodable, Sendable {
        var nameId: String?
        var emails: [Email]?
    }
    struct Email: Decodable, Sendable {
        var value: String
    }

    var data: DataField?
}
