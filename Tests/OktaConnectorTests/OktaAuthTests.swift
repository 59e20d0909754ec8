import BatonConfig
import BatonHTTP
import BatonSDK
import BatonTestSupport
import Foundation
import MockKit
import MockOkta
import OktaConnector
import Testing

/// Test-only keys, generated for these tests and registered nowhere.
enum TestKeys {
    static let rsa = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEpAIBAAKCAQEApYj6G04O06HGESStlniNdhekuqFhToegV//Z/2fzhV6CDRyN
        slhgtpJCU24azSTrQN7ZxJ8Odtw1N2gzf78AgFJRDuQJEMdUv4X32JygJ1DmvwNi
        4AZeF1BZ4ZfVzv5Ka+uZmi7MhydcwH9gGCX+0YFpZjcEilTENgzwkp6QDqUT07N0
        S/X4tXjy62rwtu6ZTA/kqV7aCPJ6luMYH3oyZeZXfctwgamaOjaiMomLAKnfSiJA
        XyjfgSWkRgS9hdJXi0s5cPnko8QBDfHccMpCYH4GEAcg7bL8JwwGb1SMLX5Fh+mF
        yJC3oZGpNHXbg0n4b0V7o5jEN8mwAmQkkJFM+QIDAQABAoIBAERG4N5VTnFFJzSX
        +892Lub4LpZaDRA+icjyO2EI591pU1wEHH/kyxNS9W+DGSPnZ+9sW8cpUeZ9wqd1
        X9R/nD3RdiSdsw2MIi0THVznkXlV+a7svyInDjUwi7osjeBga6Li3QrG5c6TUkMF
        5sVfGqEgbzBdXg6OkxW2NZ5ML6ASFdAlvukJYg2Jqz7dHwDA9apbL20jXnuvU2zT
        v/rpca/Z8Nh0yHBl10oB+mC8l0cJWNlUrYn0AWb+veL6qFQf7lQUAKtBoLQ2ubCK
        73TajQNdnXAqcsVhl9G69cNh1xmybXPPymkCRg5nGhhjs4Q0AM9CFKQARRWH+G3C
        b86jxQ8CgYEA1dCTdveKKyJ0wfC5mYBcBefdLdBiKhjx7nl9YivlDt41m06lVBDk
        W4tVpQiusPUurGZyfm5GecXZyGOYL1J+gmd5l6bA62XxnpNUsmrgeK01PTQDwg5u
        uQvQbWYDe+GWtqXx2UPei+uoPnaz0MFPykap3LfUFEIwFi0K9Mfxr9MCgYEAxjHg
        DKVA0hQGdifeMtpGKhFWhO9z7t0AY9hYwwJ6871L6m3k3ZQsTOKt+j6cET8t3UP6
        F50t9WcfK0hQ5h3YmCLTefRwXdVMHSJIMghH4L4gcnjjIQz+9KLT65isoijllQbX
        0WhW+rV6uMmDQQKPidNAfhTbTBTS0SEKxowp3IMCgYEAk2+S7/r7jIji6ATdhoqr
        aesbagcCWbL/yIh/vB02gs0ZO/G8MT7AqJtowDc/dohq2bh/BM13zWpvpS1/+Emz
        MKq3fqoe53NRbB59zdXC2ZPeXUirurmHAhSycW1hw5+n9GRzY3TYVbV3OzNRBQb3
        xSx63tbn59xIGlKO9oGVF78CgYEAvsLsml9IZ6tcmMdAyANtOzpa4zKyjHrs0C1B
        KdmuTAGsGyTQ/zCJ/yrDN7ShdLwxweGWyrm/rY8m4fsF2qdpfO0wTRaoPLh7PSNt
        B7MOs9Nr2aJfQsWGdCJxBTd7Gc1xRCJFAcqCxWZ9i3Rxv9XeIFNTpMcgWDdGvoEm
        JPptpE8CgYBoKvXtwdyF/T2muCsT7Q0c99FX26JgOEyYJnb0cdApZrv+DWJrK8bL
        rlDFQbOJve0Oph/MWKdwSeJLCk58UZBeBMs9zjZEh8Z1k90zQVZbU+mdabTiHJLp
        V2kOhF6GB9yXTct4CVFq6lqhxra3R5pUeMMmNswBtVhc6kKWHv5ZjA==
        -----END RSA PRIVATE KEY-----
        """
    static let ec = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIMnH13+3AeYQ0zz1zIxo4grr3XPa6jQeCld8HWxo+tbhoAoGCCqGSM49
        AwEHoUQDQgAEQcqcqDR4sQcAFSB90KWaVO2FnCNr4aNVxZMODcMpKO+lMLJbf1E9
        66jzCOqg2JQ0ay26m0NYHCnIHkm5kOdrfg==
        -----END EC PRIVATE KEY-----
        """
}

@Suite("baton-okta authentication and configuration")
struct OktaAuthTests {
    @Test func privateKeyJWTGetsATokenAndSyncs() async throws {
        let key = try JWTSigningKey(pem: TestKeys.rsa)
        let client = OktaOAuthClient(
            clientID: "0oaServiceApp", publicKey: try JWTPublicKey(pem: key.publicKeyPEM), keyID: "kid-1")
        try await OktaHarness.withMock(oauthClients: [client]) { server in
            let truth = try await OktaHarness.truth(server)
            let settings = OktaSettings(
                domain: server.baseURL,
                authentication: .privateKey(clientID: "0oaServiceApp", keyID: "kid-1", pem: TestKeys.rsa))
            let connector = try OktaConnector(settings: settings, http: OktaHarness.http())
            #expect(try await connector.validate().isEmpty)
            let snapshot = try await OktaHarness.sync(connector)
            #expect(Set(snapshot.grants.keys) == truth.expected().grants)
        }
    }

    @Test func aWrongKeyIDIsOneClearError() async throws {
        let key = try JWTSigningKey(pem: TestKeys.rsa)
        let client = OktaOAuthClient(
            clientID: "0oaServiceApp", publicKey: try JWTPublicKey(pem: key.publicKeyPEM), keyID: "kid-1")
        try await OktaHarness.withMock(oauthClients: [client]) { server in
            let settings = OktaSettings(
                domain: server.baseURL,
                authentication: .privateKey(clientID: "0oaServiceApp", keyID: "kid-2", pem: TestKeys.rsa))
            let connector = try OktaConnector(settings: settings, http: OktaHarness.http())
            let error = try await #require(throws: BatonError.self) { try await connector.validate() }
            #expect(error.message.contains("rejected"))
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func ecKeysAreRejected() throws {
        let settings = OktaSettings(
            domain: "acme.okta.com", authentication: .privateKey(clientID: "0oa1", keyID: "k", pem: TestKeys.ec))
        let error = try #require(throws: BatonError.self) { try OktaConnector(settings: settings) }
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("RSA"))
    }

    @Test func aWrongTokenIsOneClearErrorWithoutTheToken() async throws {
        try await OktaHarness.withMock { server in
            let secret = "00wrong-token-that-must-not-leak"
            let connector = try OktaConnector(
                settings: OktaHarness.settings(server, token: secret), http: OktaHarness.http())
            let error = try await #require(throws: BatonError.self) { try await connector.validate() }
            #expect(error.code == .unauthenticated)
            #expect(error.message.contains("--api-token"))
            #expect(error.message.contains("E0000011"))
            #expect(!error.message.contains(secret))
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func domainParsing() throws {
        #expect(try OktaConfig.baseURL(domain: "acme.okta.com").absoluteString == "https://acme.okta.com")
        #expect(try OktaConfig.baseURL(domain: "https://acme.okta.com/").absoluteString == "https://acme.okta.com")
        #expect(try OktaConfig.baseURL(domain: "acme.okta.com:8443").absoluteString == "https://acme.okta.com:8443")
        #expect(try OktaConfig.baseURL(domain: "http://127.0.0.1:9000").absoluteString == "http://127.0.0.1:9000")
        #expect(try OktaConfig.baseURL(domain: "http://localhost:9000/").absoluteString == "http://localhost:9000")
        for bad in [
            "http://acme.okta.com", "https://acme.okta.com/api", "acme.okta.com?x=1", "user@acme.okta.com",
            "ftp://acme.okta.com", "", "https://",
        ] {
            let error = try #require(throws: BatonError.self, "\(bad)") { try OktaConfig.baseURL(domain: bad) }
            #expect(error.code == .invalidArgument)
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func configurationSelectsTheAuthMethod() throws {
        let schema = try ConfigSchema(
            fields: OktaConfig.fields, relationships: OktaConfig.relationships, fieldGroups: OktaConfig.fieldGroups)
        let token = try schema.resolve(
            arguments: ["--domain", "acme.okta.com", "--filter-email-domains", "acme.com,example.org"],
            environment: ["BATON_API_TOKEN": "t0k"], currentDirectory: "/")
        try token.validate()
        let settings = try OktaConfig.settings(from: token)
        #expect(settings.syncInactiveApps)
        #expect(settings.filterEmailDomains == ["acme.com", "example.org"])
        guard case .apiToken(let value) = settings.authentication else {
            Issue.record("expected the API token method")
            return
        }
        #expect(value == "t0k")
        #expect(!"\(settings)".contains("t0k"))

        let oauth = try schema.resolve(
            arguments: [
                "--domain", "acme.okta.com", "--auth-method", "private-key-group", "--okta-client-id", "0oa1",
                "--okta-private-key-id", "kid", "--sync-inactive-apps=false",
            ],
            environment: ["BATON_OKTA_PRIVATE_KEY": "pem"], currentDirectory: "/")
        try oauth.validate()
        let oauthSettings = try OktaConfig.settings(from: oauth)
        #expect(!oauthSettings.syncInactiveApps)
        guard case .privateKey(let clientID, let keyID, _) = oauthSettings.authentication else {
            Issue.record("expected the private key method")
            return
        }
        #expect(clientID == "0oa1" && keyID == "kid")

        let missing = try schema.resolve(
            arguments: ["--domain", "acme.okta.com", "--auth-method", "private-key-group"], environment: [:],
            currentDirectory: "/")
        #expect(throws: (any Error).self) { try missing.validate() }
    }

    @Test func capabilitiesEqualTheCommittedFile() throws {
        let runtime = try ConnectorRuntime(
            try OktaConnector(settings: OktaSettings(domain: "acme.okta.com", authentication: .apiToken("x"))))
        let committed = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Connectors/Okta/baton_capabilities.json")
        let expected = try String(contentsOf: committed, encoding: .utf8)
        #expect(try runtime.capabilitiesJSON() == expected)
        let caps = runtime.capabilities()
        #expect(caps.resourceTypeCapabilities.map(\.resourceType.id) == ["app", "group", "role", "user"])
        let user = try #require(caps.resourceTypeCapabilities.first { $0.resourceType.id == "user" })
        #expect(user.permissions.permissions.map(\.permission) == ["okta.users.read", "okta.users.manage"])
    }
}
