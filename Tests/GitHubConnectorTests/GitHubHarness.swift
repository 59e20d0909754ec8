import BatonHTTP
import BatonSDK
import BatonSync
import BatonTestSupport
import Foundation
import GitHubConnector
import MockGitHub
import MockKit

/// The mock's `/__mock/truth`, decoded here with the test's own types (never the mock's).
struct GitHubTruth: Decodable, Sendable {
    struct User: Decodable, Sendable {
        var id: Int
        var login: String
        var name: String?
        var email: String?
        var twoFactor: Bool
        var samlNameID: String?
    }
    struct Member: Decodable, Sendable {
        var id: Int
        var role: String
    }
    struct Team: Decodable, Sendable {
        var id: Int
        var name: String
        var slug: String
        var parent: Int?
        var members: [Int]
        var maintainers: [Int]
    }
    struct Access: Decodable, Sendable {
        var id: Int
        var permission: String
    }
    struct Repo: Decodable, Sendable {
        var id: Int
        var name: String
        var archived: Bool
        var collaborators: [Access]
        var directCollaborators: [Access]
        var teams: [Access]
    }
    struct Role: Decodable, Sendable {
        var id: Int
        var name: String
        var users: [Int]
        var teams: [Int]
    }
    struct Invitation: Decodable, Sendable {
        var id: Int
        var login: String?
        var email: String?
        var role: String
    }
    struct Org: Decodable, Sendable {
        var id: Int
        var login: String
        var viewerRole: String
        var members: [Member]
        var outsideCollaborators: [Int]
        var teams: [Team]
        var repos: [Repo]
        var roles: [Role]
        var invitations: [Invitation]

        func team(_ id: Int) -> Team? { teams.first { $0.id == id } }
    }

    var viewer: Int
    var users: [User]
    var orgs: [Org]

    var main: Org? { orgs.first }
    func user(_ id: Int) -> User? { users.first { $0.id == id } }

    static let levels = ["pull", "triage", "push", "maintain", "admin"]

    /// The levels a permission implies, lowest first.
    static func levels(upTo permission: String) -> [String] {
        guard let index = levels.firstIndex(of: permission) else { return [] }
        return Array(levels[...index])
    }

    /// What a sync must produce: resource keys (`type:id`) and grant ids, derived grants included.
    func expected(omitArchived: Bool = false) -> (resources: Set<String>, grants: Set<String>) {
        var resources = Set<String>()
        var grants = Set<String>()
        for org in orgs where org.viewerRole == "admin" {
            resources.insert("org:\(org.id)")
            for member in org.members {
                resources.insert("user:\(member.id)")
                grants.insert("org:\(org.id):member:user:\(member.id)")
                if member.role == "admin" { grants.insert("org:\(org.id):admin:user:\(member.id)") }
            }
            resources.formUnion(org.outsideCollaborators.map { "user:\($0)" })
            var teamPeople: [Int: [Int]] = [:]
            for team in org.teams {
                resources.insert("team:\(team.id)")
                grants.formUnion(team.members.map { "team:\(team.id):member:user:\($0)" })
                grants.formUnion(team.maintainers.map { "team:\(team.id):maintainer:user:\($0)" })
                teamPeople[team.id] = team.members + team.maintainers
            }
            for repo in org.repos where !(omitArchived && repo.archived) {
                resources.insert("repository:\(repo.id)")
                for collaborator in repo.collaborators {
                    for level in Self.levels(upTo: collaborator.permission) {
                        grants.insert("repository:\(repo.id):\(level):user:\(collaborator.id)")
                    }
                }
                for team in repo.teams {
                    for level in Self.levels(upTo: team.permission) {
                        grants.insert("repository:\(repo.id):\(level):team:\(team.id)")
                        // Members inherit the team's grant through expansion.
                        grants.formUnion(
                            teamPeople[team.id, default: []].map {
                                "repository:\(repo.id):\(level):user:\($0)"
                            })
                    }
                }
            }
            for role in org.roles {
                resources.insert("org_role:\(role.id)")
                grants.formUnion(role.users.map { "org_role:\(role.id):assigned:user:\($0)" })
                for team in role.teams {
                    grants.insert("org_role:\(role.id):assigned:team:\(team)")
                    grants.formUnion(teamPeople[team, default: []].map { "org_role:\(role.id):assigned:user:\($0)" })
                }
            }
            resources.formUnion(org.invitations.map { "invitation:\($0.id)" })
        }
        return (resources, grants)
    }
}

/// Runs the connector against an in-process GitHub mock, addressed as a GHES instance (`/api/v3`).
enum GitHubHarness {
    /// HTTP settings for tests: no response cache (a test reads its own writes), quick retries.
    static func http() -> BatonHTTPClient.Configuration {
        ConnectorHarness.http(userAgent: "baton-github-tests")
    }

    static func settings(_ server: MockServer, token: String = GitHubMock.defaultToken) -> GitHubSettings {
        GitHubSettings(authentication: .token(token), instanceURL: server.baseURL)
    }

    static func connector(_ server: MockServer, edit: (inout GitHubSettings) -> Void = { _ in }) throws
        -> GitHubConnector
    {
        var settings = settings(server)
        edit(&settings)
        return try GitHubConnector(settings: settings, http: http())
    }

    static func withMock<Result: Sendable>(
        _ configuration: GitHubMockConfiguration = GitHubMockConfiguration(size: .tiny),
        options: MockOptions = MockOptions(), _ body: (MockServer, GitHubMock) async throws -> Result
    ) async throws -> Result {
        let mock = GitHubMock(configuration: configuration)
        return try await MockServer.withRunning(mock, options: options) { try await body($0, mock) }
    }

    static func truth(_ server: MockServer) async throws -> GitHubTruth {
        try await ConnectorHarness.truth(server.baseURL, as: GitHubTruth.self)
    }

    /// A full sync into a fresh c1z; returns its records.
    static func sync(_ connector: GitHubConnector, workers: Int = 4) async throws -> C1ZSnapshot {
        try await ConnectorHarness.sync(connector, workers: workers)
    }
}
