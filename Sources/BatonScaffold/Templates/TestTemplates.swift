// The files `baton-connector init` writes, as one prototype connector with its names as placeholders.
// Regenerate a prototype with `baton-connector init`, edit it, and copy it back here with the names
// replaced: keep what the generated connector shows in step with the SDK.

extension ScaffoldTemplates {
    /// `Tests/{{Type}}ConnectorTests/{{Type}}ConnectorTests.swift`.
    static let connectorTests = ScaffoldTemplate(
        path: "Tests/{{Type}}ConnectorTests/{{Type}}ConnectorTests.swift",
        text: #"""
            import BatonConfig
            import BatonSDK
            import BatonTestSupport
            import Foundation
            import MockKit
            import MockTestSupport
            import Mock{{Type}}
            import Testing
            import {{Type}}Connector

            /// The mock's `/__mock/truth`, decoded with the test's own types (never the mock's).
            struct {{Type}}Truth: Decodable, Sendable {
                struct User: Decodable, Sendable {
                    var id: String
                    var email: String
                    var name: String
                    var active: Bool
                }
                struct Group: Decodable, Sendable {
                    var id: String
                    var members: [String]
                }
                var users: [User]
                var groups: [Group]

                /// Every user and group, and a `member` grant per membership.
                var expected: ConformanceExpectation {
                    ConformanceExpectation(
                        resources: Set(users.map { "user:\($0.id)" } + groups.map { "group:\($0.id)" }),
                        grants: Set(groups.flatMap { group in group.members.map { "group:\(group.id):member:user:\($0)" } }))
                }
            }

            /// The connector against its mock, for the shared conformance checks.
            struct {{Type}}Subject: ConformanceSubject {
                func withService<Result: Sendable>(_ condition: ServiceCondition, _ body: (String) async throws -> Result)
                    async throws -> Result
                {
                    try await MockServer.withRunning({{Type}}Mock(size: .small), condition, body)
                }

                func connector(baseURL: String) throws -> {{Type}}Connector {
                    try {{Type}}Connector(
                        settings: {{Type}}Settings(url: baseURL, token: {{Type}}Mock.defaultToken),
                        http: ConnectorHarness.http(userAgent: "baton-{{name}}-tests"))
                }

                func expected(baseURL: String) async throws -> ConformanceExpectation {
                    try await ConnectorHarness.truth(baseURL, as: {{Type}}Truth.self).expected
                }
            }

            @Suite("baton-{{name}} conformance")
            struct {{Type}}ConformanceTests {
                let subject = {{Type}}Subject()

                @Test func syncEqualsTruth() async throws { try await ConnectorConformance.syncEqualsTruth(subject) }
                @Test func grantsReferToSyncedObjects() async throws {
                    try await ConnectorConformance.grantsReferToSyncedObjects(subject)
                }
                @Test func idsFollowReferenceFormats() async throws {
                    try await ConnectorConformance.idsFollowReferenceFormats(subject)
                }
                @Test func pageTokensEnd() async throws { try await ConnectorConformance.pageTokensEnd(subject) }
                @Test func twoSyncsAreIdentical() async throws { try await ConnectorConformance.twoSyncsAreIdentical(subject) }
                @Test func faultsAndRateLimitsChangeNothing() async throws {
                    try await ConnectorConformance.faultsAndRateLimitsChangeNothing(subject)
                }
                @Test func provisioningRoundTrips() async throws { try await ConnectorConformance.provisioningRoundTrips(subject) }
            }

            @Suite("baton-{{name}} connector")
            struct {{Type}}ConnectorTests {
                @Test func capabilitiesEqualTheCommittedFile() throws {
                    let runtime = try ConnectorRuntime(
                        try {{Type}}Connector(settings: {{Type}}Settings(url: "https://api.example.com", token: "x")))
                    let committed = URL(fileURLWithPath: #filePath)
                        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                        .appendingPathComponent("Connectors/{{Type}}/baton_capabilities.json")
                    #expect(try runtime.capabilitiesJSON() == String(contentsOf: committed, encoding: .utf8))
                }

                @Test func theTokenIsSecretAndNeverShown() throws {
                    #expect({{Type}}Config.token.isSecret)
                    let schema = try ConfigSchema(fields: {{Type}}Config.fields)
                    let config = try schema.resolve(
                        arguments: ["--{{name}}-url", "https://api.example.com"],
                        environment: ["BATON_{{ENV}}_TOKEN": "t0k"], currentDirectory: "/")
                    try config.validate()
                    let settings = try {{Type}}Config.settings(from: config)
                    #expect(settings.token == "t0k")
                    #expect(!"\(settings)".contains("t0k"))
                }

                @Test func aPlainHTTPURLIsRefusedUnlessLoopback() {
                    #expect(throws: BatonError.self) { try {{Type}}Config.baseURL("http://api.example.com") }
                    #expect((try? {{Type}}Config.baseURL("http://127.0.0.1:8080"))?.absoluteString == "http://127.0.0.1:8080")
                }

                @Test func aRefusedTokenIsOneLineNamingTheFlag() async throws {
                    try await MockServer.withRunning({{Type}}Mock(size: .tiny)) { server in
                        let connector = try {{Type}}Connector(
                            settings: {{Type}}Settings(url: server.baseURL, token: "wrong"),
                            http: ConnectorHarness.http(userAgent: "baton-{{name}}-tests"))
                        let error = await #expect(throws: BatonError.self) { try await connector.validate() }
                        #expect(error?.code == .unauthenticated)
                        #expect(error?.message.contains("--{{name}}-token") == true)
                        #expect(error?.message.contains("wrong") == false)
                    }
                }

                @Test func usersAndGroupsAreBuiltFromTheirRecords() async throws {
                    let subject = {{Type}}Subject()
                    try await subject.withService(.clean) { baseURL in
                        let truth = try await ConnectorHarness.truth(baseURL, as: {{Type}}Truth.self)
                        let snapshot = try await ConnectorHarness.sync(try subject.connector(baseURL: baseURL))
                        #expect(truth.users.contains { !$0.active })
                        for user in truth.users {
                            let resource = try Resource(serializedBytes: try #require(snapshot.resources["user:\(user.id)"]))
                            let trait = try #require(resource.annotations.pick(C1_Connector_V2_UserTrait.self))
                            #expect(resource.displayName == user.name)
                            #expect(trait.status.status == (user.active ? .enabled : .disabled), "\(user.id)")
                            #expect(trait.emails.first { $0.isPrimary }?.address == user.email)
                            #expect(trait.login == user.email)
                        }
                        let group = try #require(truth.groups.first)
                        let resource = try Resource(serializedBytes: try #require(snapshot.resources["group:\(group.id)"]))
                        #expect(resource.annotations.pick(C1_Connector_V2_GroupTrait.self) != nil)
                        #expect(snapshot.entitlements["group:\(group.id):member"] != nil)
                    }
                }
            }

            """#
    )

    /// `Tests/Mock{{Type}}Tests/{{Type}}MockTests.swift`.
    static let mockTests = ScaffoldTemplate(
        path: "Tests/Mock{{Type}}Tests/{{Type}}MockTests.swift",
        text: #"""
            import MockKit
            import MockTestSupport
            import Mock{{Type}}
            import NIOHTTP1
            import Testing

            /// The mock answers like the API the connector is written against.
            @Suite("{{Display}} mock")
            struct {{Type}}MockTests {
                func withMock<Result: Sendable>(
                    options: MockOptions = MockOptions(), _ body: (MockHTTPClient) async throws -> Result
                ) async throws -> Result {
                    try await MockServer.withRunning({{Type}}Mock(size: .small), options: options) { server in
                        try await body(
                            MockHTTPClient(baseURL: server.baseURL, authorization: "Bearer \({{Type}}Mock.defaultToken)"))
                    }
                }

                @Test func aMissingOrWrongTokenIsRefused() async throws {
                    try await withMock { client in
                        var anonymous = client
                        anonymous.authorization = nil
                        #expect(try await anonymous.get("/api/v1/users").status == 401)
                        anonymous.authorization = "Bearer wrong"
                        let reply = try await anonymous.get("/api/v1/users")
                        #expect(reply.status == 401)
                        #expect(try reply.json()["error"]?.stringValue == "unauthorized")
                    }
                }

                @Test func followingNextLinksListsEveryUserOnce() async throws {
                    try await withMock(options: MockOptions(pageCap: 30)) { client in
                        let truth = try await client.truth()
                        var ids: [String] = []
                        var next: String? = "/api/v1/users?limit=100"
                        while let url = next {
                            let page = try await client.get(url).json()
                            ids += (page["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
                            next = page["next"]?.stringValue
                        }
                        let expected = (truth["users"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
                        #expect(expected.count > 100)
                        #expect(ids == expected)
                    }
                }

                @Test func membershipWritesAnswerLikeTheAPI() async throws {
                    try await withMock { client in
                        let truth = try await client.truth()
                        let group = try #require(truth["groups"]?.arrayValue?.first?["id"]?.stringValue)
                        let member = try #require(truth["groups"]?.arrayValue?.first?["members"]?.arrayValue?.first?.stringValue)
                        let path = "/api/v1/groups/\(group)/members/\(member)"
                        #expect(try await client.send(.PUT, path).status == 409)
                        #expect(try await client.send(.DELETE, path).status == 204)
                        #expect(try await client.send(.DELETE, path).json()["error"]?.stringValue == "not_member")
                        #expect(try await client.send(.PUT, path).status == 204)
                        #expect(try await client.send(.PUT, "/api/v1/groups/nope/members/\(member)").status == 404)
                    }
                }
            }

            """#
    )
}
