import Crypto
import Foundation
import MockGitHub
import MockKit
import MockTestSupport
import NIOHTTP1
import Testing
import _CryptoExtras

/// Tokens, GitHub's 401 body, and the GitHub App flow.
@Suite("GitHub mock auth")
struct GitHubAuthTests {
    @Test func tokensAreCheckedWithGitHubsBodies() async throws {
        let options = MockOptions(credentials: MockCredentials(secret: "ghp_custom"))
        try await MockServer.withRunning(GitHubMock(size: .tiny), options: options) { server in
            var client = GitHubTestClient(baseURL: server.baseURL, authorization: nil)
            let anonymous = try await client.get("/orgs/acme")
            #expect(anonymous.status == 401)
            #expect(try anonymous.json()["message"]?.stringValue == "Requires authentication")
            client.authorization = "Bearer \(GitHubMock.defaultToken)"
            let wrong = try await client.get("/api/v3/orgs/acme")
            #expect(wrong.status == 401)
            #expect(try wrong.json()["message"]?.stringValue == "Bad credentials")
            #expect(try wrong.json()["documentation_url"]?.stringValue == "https://docs.github.com/rest")
            client.authorization = "token ghp_custom"
            #expect(try await client.get("/orgs/acme").status == 200)
            client.authorization = "Bearer ghp_custom"
            #expect(try await client.get("/user").json()["login"]?.stringValue != nil)
        }
    }

    /// An RS256 JWT over the given claims.
    func jwt(_ key: _RSA.Signing.PrivateKey, claims: String) throws -> String {
        let header = Base64URL.encode(Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8))
        let input = header + "." + Base64URL.encode(Array(claims.utf8))
        let signature = try key.signature(for: Array(input.utf8), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(Array(signature.rawRepresentation))
    }

    @Test func appJWTMintsExpiringInstallationTokens() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let app = GitHubAppRegistration(
            appID: "4242", publicKey: try JWTPublicKey(pem: key.publicKey.pemRepresentation))
        for lifetime in [3600, 0] {
            let mock = GitHubMock(configuration: .init(size: .tiny, app: app, installationTokenLifetime: lifetime))
            try await MockServer.withRunning(mock) { server in
                let now = Int(Date().timeIntervalSince1970)
                var client = GitHubTestClient(baseURL: server.baseURL)
                // A PAT does not open the App endpoints.
                #expect(try await client.get("/orgs/acme/installation").status == 401)
                client.authorization =
                    "Bearer " + (try jwt(key, claims: #"{"iat":\#(now - 60),"exp":\#(now + 600),"iss":"4242"}"#))
                let installation = try await client.get("/orgs/acme/installation")
                #expect(installation.status == 200)
                let id = try #require(try installation.json()["id"]?.intValue)
                let minted = try await client.send(.POST, "/api/v3/app/installations/\(id)/access_tokens")
                #expect(minted.status == 201)
                let token = try #require(try minted.json()["token"]?.stringValue)
                #expect(token.hasPrefix("ghs_"))
                // The JWT itself is no REST credential.
                #expect(try await client.get("/orgs/acme").status == 401)
                client.authorization = "Bearer \(token)"
                #expect(try await client.get("/orgs/acme").status == (lifetime > 0 ? 200 : 401))
            }
        }
    }

    @Test func badAppJWTsAreRejected() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let forger = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let app = GitHubAppRegistration(
            appID: "4242", publicKey: try JWTPublicKey(pem: key.publicKey.pemRepresentation))
        try await MockServer.withRunning(GitHubMock(configuration: .init(size: .tiny, app: app))) { server in
            let now = Int(Date().timeIntervalSince1970)
            let cases = [
                try jwt(forger, claims: #"{"iat":\#(now - 60),"exp":\#(now + 600),"iss":"4242"}"#),
                try jwt(key, claims: #"{"iat":\#(now - 700),"exp":\#(now - 10),"iss":"4242"}"#),
                try jwt(key, claims: #"{"iat":\#(now - 60),"exp":\#(now + 3600),"iss":"4242"}"#),
                try jwt(key, claims: #"{"iat":\#(now - 60),"exp":\#(now + 600),"iss":"99"}"#),
            ]
            for token in cases {
                let client = GitHubTestClient(baseURL: server.baseURL, authorization: "Bearer \(token)")
                #expect(try await client.get("/orgs/acme/installation").status == 401)
            }
        }
    }
}
