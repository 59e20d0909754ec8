import BatonHTTP
import BatonSDK
import BatonSync
import BatonTestSupport
import Foundation
import MockKit
import MockOkta
import OktaConnector

/// The mock's `/__mock/truth`, decoded here with the test's own types (never the mock's).
struct OktaTruth: Decodable, Sendable {
    struct User: Decodable, Sendable {
        var id: String
        var login: String?
        var email: String?
        var secondEmail: String?
        var status: String
    }
    struct Group: Decodable, Sendable {
        var id: String
        var name: String
        var type: String
        var members: [String]
    }
    struct Role: Decodable, Sendable {
        var type: String
        var users: [String]
        var groups: [String]
    }
    struct App: Decodable, Sendable {
        var id: String
        var status: String
        var directUsers: [String]
        var groups: [String]
        var users: [String]
    }

    var users: [User]
    var groups: [Group]
    var roles: [Role]
    var apps: [App]

    func group(_ id: String) -> Group? { groups.first { $0.id == id } }
    func role(_ type: String) -> Role? { roles.first { $0.type == type } }
    func app(_ id: String) -> App? { apps.first { $0.id == id } }

    /// What a sync with these settings must produce: resource keys (`type:id`) and grant ids.
    func expected(
        emailDomains: [String] = [], skipAppGroups: Bool = false, syncInactiveApps: Bool = true
    ) -> (resources: Set<String>, grants: Set<String>) {
        let suffixes = emailDomains.map { "@" + $0.lowercased() }
        func allowed(_ user: User) -> Bool {
            suffixes.isEmpty
                || [user.email, user.secondEmail, user.login].contains { address in
                    guard let address = address?.lowercased() else { return false }
                    return suffixes.contains { address.hasSuffix($0) }
                }
        }
        let allowedUsers = Set(users.filter(allowed).map(\.id))
        let listedGroups = groups.filter { !(skipAppGroups && $0.type == "APP_GROUP") }
        let listedApps = apps.filter { syncInactiveApps || $0.status == "ACTIVE" }

        var resources = Set(allowedUsers.map { "user:\($0)" })
        resources.formUnion(listedGroups.map { "group:\($0.id)" })
        resources.formUnion(roles.map { "role:\($0.type)" })
        resources.formUnion(listedApps.map { "app:\($0.id)" })

        var grants = Set<String>()
        var membersByGroup: [String: [String]] = [:]
        for group in listedGroups {
            let members = group.members.filter(allowedUsers.contains)
            membersByGroup[group.id] = members
            grants.formUnion(members.map { "group:\(group.id):member:user:\($0)" })
        }
        for role in roles {
            grants.formUnion(role.users.filter(allowedUsers.contains).map { "role:\(role.type):assigned:user:\($0)" })
            for groupID in role.groups {
                // Group holders come from the group listing; their members inherit the role (shallow).
                guard let members = membersByGroup[groupID] else { continue }
                grants.insert("role:\(role.type):assigned:group:\(groupID)")
                grants.formUnion(members.map { "role:\(role.type):assigned:user:\($0)" })
            }
        }
        for app in listedApps {
            grants.formUnion(app.groups.map { "app:\(app.id):access:group:\($0)" })
            grants.formUnion(app.users.filter(allowedUsers.contains).map { "app:\(app.id):access:user:\($0)" })
        }
        return (resources, grants)
    }
}

/// Runs the connector against an in-process Okta mock.
enum OktaHarness {
    /// HTTP settings for tests: no response cache (a test reads its own writes), quick retries.
    static func http() -> BatonHTTPClient.Configuration {
        ConnectorHarness.http(userAgent: "baton-okta-tests")
    }

    static func settings(_ server: MockServer, token: String = OktaMock.defaultAPIToken) -> OktaSettings {
        OktaSettings(domain: server.baseURL, authentication: .apiToken(token))
    }

    static func connector(_ server: MockServer, edit: (inout OktaSettings) -> Void = { _ in }) throws
        -> OktaConnector
    {
        var settings = settings(server)
        edit(&settings)
        return try OktaConnector(settings: settings, http: http())
    }

    static func withMock<Result: Sendable>(
        size: TenantSize = .tiny, options: MockOptions = MockOptions(), oauthClients: [OktaOAuthClient] = [],
        iamNextLinks: OktaMockConfiguration.IAMNextLinks = .bodyAndHeader,
        _ body: (MockServer) async throws -> Result
    ) async throws -> Result {
        let mock = OktaMock(
            configuration: OktaMockConfiguration(size: size, oauthClients: oauthClients, iamNextLinks: iamNextLinks))
        return try await MockServer.withRunning(mock, options: options, body)
    }

    static func truth(_ server: MockServer) async throws -> OktaTruth {
        try await ConnectorHarness.truth(server.baseURL, as: OktaTruth.self)
    }

    /// A full sync into a fresh c1z; returns its records.
    static func sync(_ connector: OktaConnector, workers: Int = 4) async throws -> C1ZSnapshot {
        try await ConnectorHarness.sync(connector, workers: workers)
    }
}
