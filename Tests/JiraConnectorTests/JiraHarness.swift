import BatonHTTP
import BatonSDK
import BatonSync
import BatonTestSupport
import Foundation
import JiraConnector
import MockJira
import MockKit

/// The mock's `/__mock/truth`, decoded here with the test's own types (never the mock's).
struct JiraTruth: Decodable, Sendable {
    struct User: Decodable, Sendable {
        var accountId: String
        var accountType: String
        var displayName: String
        var emailAddress: String?
        var active: Bool
    }
    struct Group: Decodable, Sendable {
        var groupId: String
        var name: String
        var members: [String]
    }
    struct Role: Decodable, Sendable {
        var id: Int
        var name: String
    }
    struct ProjectRole: Decodable, Sendable {
        var id: Int
        var users: [String]
        var groups: [String]
    }
    struct Project: Decodable, Sendable {
        var id: String
        var key: String
        var name: String
        var lead: String
        var roles: [ProjectRole]
        var participants: [String]
    }

    var users: [User]
    var groups: [Group]
    var roles: [Role]
    var projects: [Project]

    func group(_ id: String) -> Group? { groups.first { $0.groupId == id } }
    func project(_ id: String) -> Project? { projects.first { $0.id == id } }

    /// What a sync with these settings must produce: resource keys (`type:id`) and grant ids.
    func expected(
        projectKeys: [String] = [], skipParticipants: Bool = false, skipCustomers: Bool = false
    ) -> (resources: Set<String>, grants: Set<String>) {
        let keptUsers = Set(users.filter { !(skipCustomers && $0.accountType == "customer") }.map(\.accountId))
        let keys = Set(projectKeys.map { $0.uppercased() })
        let listedProjects = projects.filter { keys.isEmpty || keys.contains($0.key) }

        var resources = Set(keptUsers.map { "user:\($0)" })
        resources.formUnion(groups.map { "group:\($0.groupId)" })
        var grants = Set<String>()
        for group in groups {
            grants.formUnion(
                group.members.filter(keptUsers.contains).map { "group:\(group.groupId):member:user:\($0)" })
        }
        for project in listedProjects {
            resources.insert("project:\(project.id)")
            grants.insert("project:\(project.id):lead:user:\(project.lead)")
            if !skipParticipants {
                grants.formUnion(
                    project.participants.filter(keptUsers.contains).map {
                        "project:\(project.id):participate:user:\($0)"
                    })
            }
            for role in project.roles {
                let entitlement = "project-role:\(project.id):\(role.id):assigned"
                resources.insert("project-role:\(project.id):\(role.id)")
                grants.formUnion(role.users.map { "\(entitlement):user:\($0)" })
                for groupID in role.groups {
                    grants.insert("\(entitlement):group:\(groupID)")
                    // Members inherit the role through the group's expandable grant.
                    grants.formUnion((group(groupID)?.members ?? []).map { "\(entitlement):user:\($0)" })
                }
            }
        }
        return (resources, grants)
    }
}

/// Runs the connector against an in-process Jira mock.
enum JiraHarness {
    /// HTTP settings for tests: no response cache (a test reads its own writes), quick retries.
    static func http() -> BatonHTTPClient.Configuration {
        ConnectorHarness.http(userAgent: "baton-jira-tests")
    }

    static func settings(_ server: MockServer) -> JiraSettings {
        JiraSettings(url: server.baseURL, email: JiraMock.defaultEmail, apiToken: JiraMock.defaultAPIToken)
    }

    static func connector(_ server: MockServer, edit: (inout JiraSettings) -> Void = { _ in }) throws
        -> JiraConnector
    {
        var settings = settings(server)
        edit(&settings)
        return try JiraConnector(settings: settings, http: http())
    }

    static func withMock<Result: Sendable>(
        size: TenantSize = .tiny, options: MockOptions = MockOptions(), _ body: (MockServer) async throws -> Result
    ) async throws -> Result {
        try await MockServer.withRunning(JiraMock(size: size), options: options, body)
    }

    static func truth(_ server: MockServer) async throws -> JiraTruth {
        try await ConnectorHarness.truth(server.baseURL, as: JiraTruth.self)
    }

    /// A full sync into a fresh c1z; returns its records.
    static func sync(_ connector: JiraConnector, workers: Int = 4) async throws -> C1ZSnapshot {
        try await ConnectorHarness.sync(connector, workers: workers)
    }
}
