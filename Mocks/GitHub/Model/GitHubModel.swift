import MockKit

/// A repository permission level, lowest first; holding one implies every lower one.
public enum GitHubPermission: Int, Sendable, CaseIterable, Comparable {
    case pull, triage, push, maintain, admin

    /// The REST name (`pull`, `triage`, `push`, `maintain`, `admin`).
    public var name: String {
        switch self {
        case .pull: "pull"
        case .triage: "triage"
        case .push: "push"
        case .maintain: "maintain"
        case .admin: "admin"
        }
    }

    /// The `role_name` GitHub shows for a collaborator (`read`, `triage`, `write`, `maintain`, `admin`).
    var roleName: String {
        switch self {
        case .pull: "read"
        case .push: "write"
        default: name
        }
    }

    /// Parses a REST permission, accepting the role names too (`read`, `write`).
    init?(parsing text: String) {
        switch text {
        case "pull", "read": self = .pull
        case "triage": self = .triage
        case "push", "write": self = .push
        case "maintain": self = .maintain
        case "admin": self = .admin
        default: return nil
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A GitHub account. Accounts are global; organizations reference them by index.
struct GitHubUser: Sendable {
    var id: Int
    var login: String
    var name: String?
    var email: String?
    var company: String?
    var twoFactor: Bool
    var created: Timestamp
    /// SAML identity (name id) when the org has SAML single sign-on.
    var samlNameID: String?
    /// A deleted account: gone from every list and 404 on reads.
    var deleted = false
    /// The account was deleted after lists had already been served: lists still show it, reads 404.
    var vanished = false
}

/// An organization and who belongs to it.
struct GitHubOrg: Sendable {
    var id: Int
    var login: String
    var name: String
    var description: String
    var created: Timestamp
    /// Members, ascending by user index.
    var members: [Int32] = []
    /// The members with the owner (`admin`) role.
    var admins: Set<Int32> = []
    /// Whether the org has a SAML identity provider (answered over GraphQL).
    var saml = false
}

/// A team: flat in REST lists, with an optional parent.
struct GitHubTeam: Sendable {
    var id: Int
    var org: Int32
    var name: String
    var slug: String
    var description: String
    var privacy: String
    var parent: Int32?
    /// Direct members (both roles), ascending.
    var members: [Int32] = []
    var maintainers: Set<Int32> = []
    /// Repositories the team has access to (the permission lives on the repository).
    var repos: Set<Int32> = []
    var deleted = false
}

/// A repository of an organization.
struct GitHubRepo: Sendable {
    var id: Int
    var org: Int32
    var name: String
    var description: String
    var isPrivate: Bool
    var archived: Bool
    var created: Timestamp
    /// Direct collaborators (members or outside collaborators).
    var collaborators: [Int32: GitHubPermission] = [:]
    /// Teams with access.
    var teams: [Int32: GitHubPermission] = [:]
}

/// An organization role (predefined or custom) and its direct holders.
struct GitHubOrgRole: Sendable {
    var id: Int
    var org: Int32
    var name: String
    var description: String
    var source: String
    var baseRole: String?
    var users: [Int32] = []
    var teams: [Int32] = []
}

/// A pending organization invitation, by login (an existing account) or by email.
struct GitHubInvitation: Sendable {
    var id: Int
    var org: Int32
    var invitee: Int32?
    var email: String?
    /// `direct_member`, `admin` or `billing_manager`.
    var role: String
    var inviter: Int32
    var created: Timestamp
    var teams: [Int32] = []
}

/// An installation of the GitHub App on an organization.
struct GitHubInstallation: Sendable {
    var id: Int
    var org: Int32
}
