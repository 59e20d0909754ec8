import BatonConfig
import BatonSDK
import Foundation
import JiraConnector
import MockJira
import MockKit
import Testing

/// Credentials, configuration and the committed capabilities.
@Suite("baton-jira auth and config")
struct JiraAuthTests {
    @Test func validatePassesWithTheRightCredentials() async throws {
        try await JiraHarness.withMock { server in
            _ = try await JiraHarness.connector(server).validate()
        }
    }

    @Test func aWrongTokenIsUnauthenticatedWithoutLeakingIt() async throws {
        let secret = "not-the-token-123"
        try await JiraHarness.withMock { server in
            let connector = try JiraHarness.connector(server) { $0.apiToken = secret }
            let error = try await #require(throws: BatonError.self) { try await connector.validate() }
            #expect(error.code == .unauthenticated)
            #expect(error.httpStatus == 401)
            #expect(!error.message.contains(secret))
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func theMockAcceptsTheConfiguredEmailOnly() async throws {
        let options = MockOptions(credentials: MockCredentials(username: "ops@acme.example", secret: "s3cret"))
        try await JiraHarness.withMock(options: options) { server in
            let good = try JiraHarness.connector(server) {
                $0.email = "OPS@acme.example"
                $0.apiToken = "s3cret"
            }
            _ = try await good.validate()
            let wrongEmail = try JiraHarness.connector(server) {
                $0.email = "someone@acme.example"
                $0.apiToken = "s3cret"
            }
            await #expect(throws: BatonError.self) { _ = try await wrongEmail.validate() }
        }
    }

    @Test func urlParsing() throws {
        #expect(try JiraConfig.baseURL("acme.atlassian.net").absoluteString == "https://acme.atlassian.net")
        #expect(try JiraConfig.baseURL("https://acme.atlassian.net/").absoluteString == "https://acme.atlassian.net")
        #expect(
            try JiraConfig.baseURL("https://api.atlassian.com/ex/jira/abc-123").absoluteString
                == "https://api.atlassian.com/ex/jira/abc-123")
        #expect(try JiraConfig.baseURL("http://127.0.0.1:9000").absoluteString == "http://127.0.0.1:9000")
        for bad in ["http://acme.atlassian.net", "ftp://acme.atlassian.net", "", "https://", "acme.atlassian.net?x=1"] {
            let error = try #require(throws: BatonError.self, "\(bad)") { try JiraConfig.baseURL(bad) }
            #expect(error.code == .invalidArgument)
        }
    }

    @Test func configurationReadsEveryFlag() throws {
        let schema = try ConfigSchema(fields: JiraConfig.fields, relationships: JiraConfig.relationships)
        let config = try schema.resolve(
            arguments: [
                "--jira-url", "https://acme.atlassian.net", "--jira-email", "me@acme.example",
                "--jira-project-keys", "ENG, OPS", "--skip-project-participants",
            ],
            environment: ["BATON_JIRA_API_TOKEN": "t0k", "BATON_SKIP_CUSTOMER_USER": "true"], currentDirectory: "/")
        try config.validate()
        let settings = try JiraConfig.settings(from: config)
        #expect(settings.apiToken == "t0k")
        #expect(settings.projectKeys == ["ENG", "OPS"])
        #expect(settings.skipProjectParticipants && settings.skipCustomerUsers)
        #expect(!"\(settings)".contains("t0k"))

        let missing = try schema.resolve(
            arguments: ["--jira-url", "https://acme.atlassian.net"], environment: [:], currentDirectory: "/")
        #expect(throws: (any Error).self) { try missing.validate() }
    }

    @Test func capabilitiesEqualTheCommittedFile() throws {
        let runtime = try ConnectorRuntime(
            try JiraConnector(settings: JiraSettings(url: "acme.atlassian.net", email: "e@x", apiToken: "x")))
        let committed = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Connectors/Jira/baton_capabilities.json")
        let expected = try String(contentsOf: committed, encoding: .utf8)
        #expect(try runtime.capabilitiesJSON() == expected)
        let caps = runtime.capabilities()
        let byType = Dictionary(
            uniqueKeysWithValues: caps.resourceTypeCapabilities.map { ($0.resourceType.id, $0.capabilities) })
        #expect(byType["group"] == [.sync, .provision])
        #expect(byType["project"] == [.sync])
        #expect(byType["project-role"] == [.sync, .provision])
        #expect(byType["user"] == [.sync, .accountProvisioning])
    }
}
