import BatonHTTP
import BatonProto
import BatonSDK
import BatonStore
import BatonSync
import BatonTestSupport
import DemoConnector
import Foundation
import MockKit
import MockOkta
import OktaConnector

/// The c1z files the report and explorer tests look at.
enum Fixtures {
    /// The names the hostile file gives its records: every one must render as text.
    static let hostileName = "<img src=x onerror=alert(1)>"
    static let hostileDescription = "<script>alert(2)</script>"
    static let hostileProfileValue = "<b onmouseover=alert(3)>bold</b>"

    /// A full sync of the demo connector into `directory/demo.c1z`.
    static func demo(in directory: String) async throws -> String {
        try await sync(DemoConnector(), to: directory + "/demo.c1z")
    }

    /// A full sync of the Okta connector against a small in-process mock tenant, into `directory/okta.c1z`.
    static func okta(in directory: String) async throws -> String {
        let mock = OktaMock(configuration: OktaMockConfiguration(size: .small))
        return try await MockServer.withRunning(mock) { server in
            let settings = OktaSettings(domain: server.baseURL, authentication: .apiToken(OktaMock.defaultAPIToken))
            let connector = try OktaConnector(
                settings: settings, http: ConnectorHarness.http(userAgent: "baton-report-tests"))
            return try await sync(connector, to: directory + "/okta.c1z")
        }
    }

    private static func sync(_ connector: some Connector, to path: String) async throws -> String {
        var options = SyncOptions()
        options.retry.initialBackoff = .milliseconds(5)
        _ = try await Syncer(runtime: try ConnectorRuntime(connector), outputPath: path, options: options).run()
        return path
    }

    /// A sync whose user, group, descriptions and profile values are HTML: user `x1` holds the group's
    /// `member` entitlement, and through it (derived) the role's `assigned`.
    static func hostile(in directory: String) throws -> String {
        let path = directory + "/hostile.c1z"
        let store = try C1ZStore.openWorking(at: directory + "/hostile.db")
        defer { try? store.close() }
        var user = C1ZSample.resource("user", "x1")
        user.displayName = hostileName
        user.description_p = hostileDescription
        var profile = Google_Protobuf_Struct()
        profile.fields["title"] = .with { $0.stringValue = hostileProfileValue }
        user.profile = profile
        var group = C1ZSample.resource("group", "g1")
        group.displayName = hostileName + " group"
        let role = C1ZSample.resource("role", "r1")
        let member = C1ZSample.entitlement(group)
        var assigned = C1ZSample.entitlement(role, slug: "assigned")
        assigned.displayName = hostileName
        var derived = try C1ZSample.grant(assigned, to: user)
        derived.sources.sources = [member.id: .init()]
        let sync = try store.startSync(type: .full)
        try store.write(
            StoreBatch(
                resourceTypes: [
                    C1ZSample.resourceType("user", traits: [.user]), C1ZSample.resourceType("group", traits: [.group]),
                    C1ZSample.resourceType("role", traits: [.role]),
                ],
                resources: [user, group, role], entitlements: [member, assigned],
                grants: [try C1ZSample.grant(member, to: user), derived]),
            syncID: sync)
        try store.endSync(syncID: sync)
        try store.save(toC1Z: path)
        return path
    }
}
