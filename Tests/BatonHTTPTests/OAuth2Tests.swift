import BatonSDK
import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import BatonHTTP

@Suite("OAuth2 client credentials")
struct OAuth2Tests {
    /// A token endpoint at `/token` minting `tok-1`, `tok-2`, … and an API at `/api/*` that accepts any token except
    /// those listed in `rejected`.
    static func server(
        tokenDelay: Duration? = nil, expiresIn: Int = 3600,
        rejected: @escaping @Sendable (String) -> Bool = { _ in false }
    ) async throws -> (ScriptedHTTPServer, Counter) {
        let minted = Counter()
        let server = try await ScriptedHTTPServer.start { request in
            if request.path == "/token" {
                let number = minted.next()
                let body = #"{"access_token":"tok-\#(number)","token_type":"bearer","expires_in":\#(expiresIn)}"#
                return .json(body, delay: tokenDelay)
            }
            let authorization = request.header("Authorization") ?? ""
            guard authorization.hasPrefix("Bearer "), !rejected(authorization) else {
                return .json(401, #"{"errorCode":"E0000011","errorSummary":"Invalid token provided"}"#)
            }
            return .json(#"{"ok":true}"#)
        }
        return (server, minted)
    }

    static func tokens(
        _ server: ScriptedHTTPServer, _ authentication: OAuth2ClientCredentials.ClientAuthentication,
        logs: CapturedLogs? = nil, scopes: [String] = ["okta.users.read", "okta.groups.read"]
    ) -> OAuth2ClientCredentials {
        OAuth2ClientCredentials(
            configuration: .init(
                tokenURL: server.url("/token"), clientID: "0oa-client", authentication: authentication,
                scopes: scopes),
            client: BatonHTTPClient(configuration: .testing(logs: logs)))
    }

    @Test("client_secret_basic sends the form-encoded pair in Basic auth")
    func secretBasic() async throws {
        let (server, _) = try await Self.server()
        let tokens = Self.tokens(server, .clientSecretBasic(secret: "p@ss word"))
        let token = try await tokens.token()
        #expect(token.accessToken == "tok-1")
        #expect(token.authorizationValue == "Bearer tok-1")
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        let expected = Data("0oa-client:p%40ss+word".utf8).base64EncodedString()
        #expect(request.header("Authorization") == "Basic \(expected)")
        #expect(
            request.form == [
                "grant_type": "client_credentials", "scope": "okta.users.read okta.groups.read",
            ])
        try await server.stop()
    }

    @Test("client_secret_post sends the secret in the body; audience and extra parameters are added")
    func secretPost() async throws {
        let (server, _) = try await Self.server()
        let tokens = OAuth2ClientCredentials(
            configuration: .init(
                tokenURL: server.url("/token"), clientID: "cid",
                authentication: .clientSecretPost(secret: "s3"),
                audience: "https://api.example", extraParameters: [("resource", "r1")]),
            client: BatonHTTPClient(configuration: .testing()))
        _ = try await tokens.token()
        let request = try #require(server.requests.first)
        #expect(request.header("Authorization") == nil)
        #expect(
            request.form == [
                "grant_type": "client_credentials", "client_id": "cid", "client_secret": "s3",
                "audience": "https://api.example", "resource": "r1",
            ])
        try await server.stop()
    }

    enum KeyFlavour: String, CaseIterable, Sendable { case rsaPKCS1, rsaPKCS8, ecPKCS8, ecSEC1 }

    @Test("private_key_jwt assertions verify with the public key", arguments: KeyFlavour.allCases)
    func privateKeyJWT(flavour: KeyFlavour) async throws {
        let (server, _) = try await Self.server()
        let rsa = try TestKeys.rsa()
        let ec = P256.Signing.PrivateKey()
        let pem: String
        switch flavour {
        case .rsaPKCS1: pem = rsa.pemRepresentation
        case .rsaPKCS8: pem = rsa.pkcs8PEMRepresentation
        case .ecPKCS8: pem = ec.pemRepresentation
        case .ecSEC1: pem = TestKeys.sec1PEM(ec)
        }
        #expect(
            pem.contains(
                ["rsaPKCS1": "RSA PRIVATE KEY", "ecSEC1": "EC PRIVATE KEY"][flavour.rawValue]
                    ?? "BEGIN PRIVATE KEY"))
        // Keys pasted into one-line environment variables carry literal \n.
        let key = try JWTSigningKey(pem: pem.replacingOccurrences(of: "\n", with: "\\n"))
        #expect(key.algorithm == (flavour == .rsaPKCS1 || flavour == .rsaPKCS8 ? .rs256 : .es256))
        #expect("\(key)" == "JWTSigningKey(\(key.algorithm.rawValue))")

        let tokens = Self.tokens(server, .privateKeyJWT(key: key, keyID: "kid-1"))
        let before = Int(Date().timeIntervalSince1970)
        _ = try await tokens.token()
        let form = try #require(server.requests.first?.form)
        #expect(form["client_id"] == "0oa-client")
        #expect(
            form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        let assertion = try #require(form["client_assertion"])
        let decoded =
            switch key.algorithm {
            case .rs256: try JWTVerifier.verifyRS256(assertion, publicKey: rsa.publicKey)
            case .es256: try JWTVerifier.verifyES256(assertion, publicKey: ec.publicKey)
            }
        #expect(decoded.header["alg"] as? String == key.algorithm.rawValue)
        #expect(decoded.header["kid"] as? String == "kid-1")
        #expect(decoded.header["typ"] as? String == "JWT")
        #expect(decoded.claims["iss"] as? String == "0oa-client")
        #expect(decoded.claims["sub"] as? String == "0oa-client")
        #expect(decoded.claims["aud"] as? String == server.url("/token").absoluteString)
        let issuedAt = try #require(decoded.claims["iat"] as? Int)
        #expect(issuedAt >= before - 1)
        #expect(decoded.claims["exp"] as? Int == issuedAt + 300)
        #expect((decoded.claims["jti"] as? String)?.isEmpty == false)

        // A second assertion gets a fresh jti.
        let second = try JWTAssertion.make(clientID: "c", audience: "a", key: key, keyID: nil)
        let third = try JWTAssertion.make(clientID: "c", audience: "a", key: key, keyID: nil)
        #expect(second != third)
        try await server.stop()
    }

    @Test("a tampered assertion fails independent verification")
    func tamperedAssertion() throws {
        let ec = P256.Signing.PrivateKey()
        let assertion = try JWTAssertion.make(
            clientID: "c", audience: "a", key: try JWTSigningKey(pem: ec.pemRepresentation), keyID: nil)
        var parts = assertion.split(separator: ".").map(String.init)
        parts[1] = JWTAssertion.base64URL(Data(#"{"iss":"mallory"}"#.utf8))
        #expect(throws: JWTVerifier.Failure.badSignature) {
            try JWTVerifier.verifyES256(parts.joined(separator: "."), publicKey: ec.publicKey)
        }
    }

    @Test("bad keys fail with clear messages that do not contain the key")
    func badKeys() throws {
        let small = try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: 1024))
        let cases = [
            ("no pem here", "not a PEM document"),
            (small.pemRepresentation, "2048 bits or more"),
            (
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----",
                "encrypted"
            ),
            ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "unsupported PEM type"),
        ]
        for (pem, fragment) in cases {
            let error = #expect(throws: BatonError.self) { try JWTSigningKey(pem: pem) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("MII") == false)
        }
    }

    @Test("50 concurrent requests share exactly one token request")
    func singleFlight() async throws {
        let (server, minted) = try await Self.server(tokenDelay: .milliseconds(200))
        let tokens = Self.tokens(server, .clientSecretPost(secret: "s"))
        let client = BatonHTTPClient(configuration: .testing(), authenticator: tokens)
        let statuses = try await sendConcurrently(
            50, client: client, server: server, pathPrefix: "/api/")
        #expect(statuses == Array(repeating: 200, count: 50))
        #expect(minted.current == 1)
        #expect(server.count(path: "/token") == 1)
        #expect(server.requests.filter { $0.path.hasPrefix("/api/") }.count == 50)
        #expect(
            server.requests.filter { $0.path.hasPrefix("/api/") }.allSatisfy {
                $0.header("Authorization") == "Bearer tok-1"
            })
        try await server.stop()
    }

    @Test("a 401 refreshes the token once and retries")
    func unauthorizedRefreshes() async throws {
        let (server, minted) = try await Self.server(rejected: { $0 == "Bearer tok-1" })
        let tokens = Self.tokens(server, .clientSecretBasic(secret: "s"))
        let client = BatonHTTPClient(configuration: .testing(), authenticator: tokens)
        let response = try await client.send(HTTPRequest(.get, url: server.url("/api/users")))
        #expect(response.status == 200)
        #expect(minted.current == 2)
        #expect(
            server.requests.filter { $0.path == "/api/users" }.map { $0.header("Authorization") } == [
                "Bearer tok-1", "Bearer tok-2",
            ])
        try await server.stop()
    }

    @Test("a second 401 is an error, not a refresh loop")
    func unauthorizedTwice() async throws {
        let (server, minted) = try await Self.server(rejected: { _ in true })
        let tokens = Self.tokens(server, .clientSecretBasic(secret: "s"))
        let client = BatonHTTPClient(configuration: .testing(), authenticator: tokens)
        let error = try await #require(throws: BatonError.self) {
            try await client.send(HTTPRequest(.get, url: server.url("/api/users")))
        }
        #expect(error.code == .unauthenticated)
        #expect(minted.current == 2)
        #expect(server.count(path: "/api/users") == 2)
        try await server.stop()
    }

    @Test("50 concurrent 401s on the same token cause one refresh")
    func concurrentUnauthorized() async throws {
        let (server, minted) = try await Self.server(
            tokenDelay: .milliseconds(50), rejected: { $0 == "Bearer tok-1" })
        let tokens = Self.tokens(server, .clientSecretPost(secret: "s"))
        _ = try await tokens.token()
        let client = BatonHTTPClient(configuration: .testing(), authenticator: tokens)
        let statuses = try await sendConcurrently(
            50, client: client, server: server, pathPrefix: "/api/")
        #expect(statuses == Array(repeating: 200, count: 50))
        #expect(minted.current == 2)
        try await server.stop()
    }

    @Test("tokens are replaced before they expire, by the skew")
    func refreshBeforeExpiry() async throws {
        let fetches = Counter()
        let issued = Date(timeIntervalSince1970: 1_000_000)
        let store = TokenStore(refreshSkew: .seconds(60)) {
            let number = fetches.next()
            return OAuth2Token(
                accessToken: "t\(number)", tokenType: "Bearer", expiresIn: 3600, scope: nil,
                skew: .seconds(60),
                now: issued)
        }
        #expect(try await store.validToken(now: issued).accessToken == "t1")
        #expect(try await store.validToken(now: issued + 3539).accessToken == "t1")
        #expect(try await store.validToken(now: issued + 3540).accessToken == "t2")
        #expect(fetches.current == 2)
    }

    @Test("short-lived tokens are refreshed at half their lifetime, not on every call")
    func shortLived() {
        let now = Date(timeIntervalSince1970: 0)
        let token = OAuth2Token(
            accessToken: "t", tokenType: "Bearer", expiresIn: 30, scope: nil, skew: .seconds(60), now: now
        )
        #expect(!token.needsRefresh(now: now + 14))
        #expect(token.needsRefresh(now: now + 15))
        #expect(token.expiresAt == now + 30)
    }

    @Test(
        "token endpoint errors become clear messages without the secret",
        arguments: [
            (
                401,
                #"{"error":"invalid_client","error_description":"Client secret s3cr3t+value is wrong"}"#,
                BatonError.Code.unauthenticated,
                "failed: invalid_client: Client secret [REDACTED] is wrong (check the client ID"
            ),
            (
                400, #"{"error":"invalid_scope","error_description":"The scope okta.x is invalid"}"#,
                .invalidArgument,
                "failed: invalid_scope: The scope okta.x is invalid (check the requested scopes)"
            ),
            (
                500, "upstream s3cr3t%2Bvalue broke", .unavailable,
                "failed: HTTP 500 Internal Server Error: upstream [REDACTED] broke"
            ),
        ])
    func endpointErrors(status: Int, body: String, code: BatonError.Code, fragment: String)
        async throws
    {
        let server = try await ScriptedHTTPServer.start { _ in
            .respond(
                status: status, headers: [("Content-Type", "application/json")], body: Data(body.utf8))
        }
        let tokens = OAuth2ClientCredentials(
            configuration: .init(
                tokenURL: server.url("/oauth2/v1/token"), clientID: "cid",
                authentication: .clientSecretPost(secret: "s3cr3t+value")),
            client: BatonHTTPClient(configuration: .testing(maxAttempts: 1)))
        let error = try await #require(throws: BatonError.self) { try await tokens.token() }
        #expect(error.code == code)
        #expect(error.httpStatus == status)
        #expect(
            error.message.hasPrefix("OAuth2 token request to 127.0.0.1:\(server.port)/oauth2/v1/token "))
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(!error.message.contains("s3cr3t"))
        try await server.stop()
    }

    @Test("descriptions never show secrets")
    func descriptions() throws {
        let configuration = OAuth2ClientCredentials.Configuration(
            tokenURL: URL(string: "https://idp.test/token")!, clientID: "cid",
            authentication: .clientSecretBasic(secret: "hunter2"))
        let tokens = OAuth2ClientCredentials(configuration: configuration)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [
            "\(configuration)", "\(tokens)", String(reflecting: configuration.authentication), dumped,
        ] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect("\(configuration)".contains("client_secret_basic"))
    }
}
