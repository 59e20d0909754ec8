import BatonConfig
import BatonSDK
import BatonTestSupport
import Foundation
import GitHubConnector
import MockGitHub
import MockKit
import Testing
import _CryptoExtras

/// Credentials, validation, configuration and the committed capabilities.
@Suite("baton-github auth and config")
struct GitHubAuthTests {
    @Test func tokenValidationNeedsAnAdminOrg() async throws {
        try await GitHubHarness.withMock { server, _ in
            _ = try await GitHubHarness.connector(server).validate()
            let secret = "ghp_wrong_secret_value"
            let wrong = try GitHubConnector(
                settings: GitHubHarness.settings(server, token: secret), http: GitHubHarness.http())
            let error = try await #require(throws: BatonError.self) { try await wrong.validate() }
            #expect(error.code == .unauthenticated)
            #expect(!error.message.contains(secret))
            #expect(!error.message.contains("\n"))
            let member = try GitHubHarness.connector(server) { $0.orgs = ["acme-labs"] }
            let denied = try await #require(throws: BatonError.self) { try await member.validate() }
            #expect(denied.code == .permissionDenied)
        }
    }

    @Test func appInstallationTokensSyncTheTruthAndAreRenewed() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let app = GitHubAppRegistration(
            appID: "31337", publicKey: try JWTPublicKey(pem: key.publicKey.pemRepresentation))
        // Tokens that live five seconds (under the connector's one-minute renewal margin) are renewed before
        // nearly every request; five, not two, so a loaded machine does not see one expire between mint and use.
        for lifetime in [3600, 5] {
            let configuration = GitHubMockConfiguration(size: .tiny, app: app, installationTokenLifetime: lifetime)
            try await GitHubHarness.withMock(configuration) { server, _ in
                let truth = try await GitHubHarness.truth(server)
                let escaped = key.pemRepresentation.replacingOccurrences(of: "\n", with: "\\n")
                let connector = try GitHubHarness.connector(server) {
                    $0.authentication = .app(appID: "31337", privateKeyPEM: escaped, org: "acme")
                }
                _ = try await connector.validate()
                let snapshot = try await GitHubHarness.sync(connector)
                let expected = truth.expected()
                #expect(Set(snapshot.resources.keys) == expected.resources)
                #expect(Set(snapshot.grants.keys) == expected.grants)
                let stats = try JSONValue(parsing: server.statsJSON())
                let mints = stats["routes"]?.objectValue?.first { $0.key.hasSuffix("/access_tokens") }?.value.intValue
                if lifetime > 60 {
                    #expect(mints == 1)
                } else {
                    #expect((mints ?? 0) > 1)
                }
            }
        }
    }

    @Test func aForeignAppKeyIsRejected() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let app = GitHubAppRegistration(
            appID: "31337", publicKey: try JWTPublicKey(pem: key.publicKey.pemRepresentation))
        try await GitHubHarness.withMock(GitHubMockConfiguration(size: .tiny, app: app)) { server, _ in
            let connector = try GitHubHarness.connector(server) {
                $0.authentication = .app(appID: "31337", privateKeyPEM: other.pemRepresentation, org: "acme")
            }
            let error = try await #require(throws: BatonError.self) { try await connector.validate() }
            #expect(error.code == .unauthenticated)
        }
    }

    @Test func instanceURLs() throws {
        let github = try GitHubConfig.endpoints(instanceURL: "")
        #expect(github.rest.absoluteString == "https://api.github.com")
        #expect(github.graphql.absoluteString == "https://api.github.com/graphql")
        #expect(
            try GitHubConfig.endpoints(instanceURL: "https://github.com/").rest.absoluteString
                == "https://api.github.com")
        let ghes = try GitHubConfig.endpoints(instanceURL: "ghes.example.com/")
        #expect(ghes.rest.absoluteString == "https://ghes.example.com/api/v3")
        #expect(ghes.graphql.absoluteString == "https://ghes.example.com/api/graphql")
        let mock = try GitHubConfig.endpoints(instanceURL: "http://127.0.0.1:8080/api/v3")
        #expect(mock.rest.absoluteString == "http://127.0.0.1:8080/api/v3")
        for bad in [
            "http://ghes.example.com", "ftp://ghes.example.com", "https://user@ghes.example.com", "https://x?y=1",
        ] {
            let error = try #require(throws: BatonError.self, "\(bad)") { try GitHubConfig.endpoints(instanceURL: bad) }
            #expect(error.code == .invalidArgument)
        }
    }

    @Test func configurationSelectsTheAuthMethod() throws {
        let schema = try ConfigSchema(
            fields: GitHubConfig.fields, relationships: GitHubConfig.relationships,
            fieldGroups: GitHubConfig.fieldGroups)
        let token = try schema.resolve(
            arguments: ["--orgs", "acme,beta", "--omit-archived-repositories"], environment: ["BATON_TOKEN": "ghp_x"],
            currentDirectory: "/")
        try token.validate()
        let settings = try GitHubConfig.settings(from: token)
        #expect(settings.orgs == ["acme", "beta"])
        #expect(settings.omitArchivedRepositories)
        guard case .token(let value) = settings.authentication else {
            Issue.record("expected the token method")
            return
        }
        #expect(value == "ghp_x")
        #expect(!"\(settings)".contains("ghp_x"))

        let app = try schema.resolve(
            arguments: ["--auth-method", "github-app-group", "--app-id", "7", "--org", "acme"],
            environment: ["BATON_APP_PRIVATEKEY": "-----BEGIN X-----\\nabc\\n-----END X-----"], currentDirectory: "/")
        try app.validate()
        guard case .app(let appID, let pem, let org) = try GitHubConfig.settings(from: app).authentication else {
            Issue.record("expected the App method")
            return
        }
        #expect(appID == "7" && org == "acme")
        #expect(pem == "-----BEGIN X-----\nabc\n-----END X-----")

        let missing = try schema.resolve(arguments: [], environment: [:], currentDirectory: "/")
        let error = try #require(throws: BatonError.self) { try GitHubConfig.settings(from: missing) }
        #expect(error.message.contains("--token"))

        let both = try schema.resolve(
            arguments: ["--token", "t", "--app-privatekey", "k"], environment: [:], currentDirectory: "/")
        #expect(throws: (any Error).self) { try both.validate() }
    }

    @Test func capabilitiesEqualTheCommittedFile() throws {
        let runtime = try ConnectorRuntime(try GitHubConnector(settings: GitHubSettings(authentication: .token("x"))))
        let committed = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Connectors/GitHub/baton_capabilities.json")
        #expect(try runtime.capabilitiesJSON() == (try String(contentsOf: committed, encoding: .utf8)))
        let caps = runtime.capabilities()
        #expect(
            caps.resourceTypeCapabilities.map(\.resourceType.id)
                == ["invitation", "org", "org_role", "repository", "team", "user"])
        let invitation = try #require(caps.resourceTypeCapabilities.first { $0.resourceType.id == "invitation" })
        #expect(invitation.capabilities.contains(.accountProvisioning))
        #expect(invitation.capabilities.contains(.resourceDelete))
        let org = try #require(caps.resourceTypeCapabilities.first { $0.resourceType.id == "org" })
        #expect(org.capabilities.contains(.provision))
    }
}
