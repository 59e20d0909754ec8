import Crypto
import Foundation
import MockKit
import MockOkta
import MockTestSupport
import NIOHTTP1
import Testing
import _CryptoExtras

@Suite("Okta mock: auth, rate limits, faults")
struct OktaAuthTests {
    @Test("missing or wrong credentials get Okta's 401 E0000011 body; --token replaces the default")
    func unauthorized() async throws {
        let options = MockOptions(credentials: MockCredentials(secret: "custom-token"))
        try await MockServer.withRunning(OktaMock(size: .tiny), options: options) { server in
            var client = OktaTestClient(baseURL: server.baseURL)
            client.authorization = nil
            let missing = try await client.get("/api/v1/users")
            #expect(missing.status == 401)
            let body = try missing.json()
            #expect(body["errorCode"]?.stringValue == "E0000011")
            #expect(body["errorSummary"]?.stringValue == "Invalid token provided")
            #expect(body["errorLink"]?.stringValue == "E0000011")
            #expect(body["errorCauses"]?.arrayValue == [])
            #expect(missing.headers["Content-Type"].first == "application/json")

            client.authorization = "SSWS \(OktaMock.defaultAPIToken)"
            #expect(try await client.get("/api/v1/users").status == 401)
            client.authorization = "Bearer custom-token"
            let bearer = try await client.get("/api/v1/users")
            #expect(bearer.status == 401)
            #expect(bearer.headers["WWW-Authenticate"].first?.contains("invalid_token") == true)
            client.authorization = "SSWS custom-token"
            #expect(try await client.get("/api/v1/users").status == 200)
        }
    }

    @Test("over the limit: 429 E0000047 with X-Rate-Limit headers and Date, then recovery after Reset")
    func rateLimit() async throws {
        let clock = ManualClock(Timestamp(millis: 1_800_000_030_000))
        let options = MockOptions(rateLimit: RateLimit(count: 4, windowSeconds: 60), now: clock.now)
        try await MockServer.withRunning(OktaMock(size: .tiny), options: options) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            for remaining in (0..<4).reversed() {
                let reply = try await client.get("/api/v1/groups")
                #expect(reply.status == 200)
                #expect(reply.headers["X-Rate-Limit-Limit"] == ["4"])
                #expect(reply.headers["X-Rate-Limit-Remaining"] == [String(remaining)])
                #expect(reply.headers["X-Rate-Limit-Reset"] == ["1800000060"])
            }
            let rejection = try await client.get("/api/v1/users")
            #expect(rejection.status == 429)
            let body = try rejection.json()
            #expect(body["errorCode"]?.stringValue == "E0000047")
            #expect(body["errorSummary"]?.stringValue == "API call exceeded rate limit due to too many requests.")
            #expect(rejection.headers["X-Rate-Limit-Remaining"] == ["0"])
            #expect(rejection.headers["X-Rate-Limit-Reset"] == ["1800000060"])
            let dateText = try #require(rejection.headers["Date"].first)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            #expect(formatter.date(from: dateText) != nil, "Date must be RFC 1123: \(dateText)")

            clock.advance(seconds: 30)
            let recovered = try await client.get("/api/v1/users")
            #expect(recovered.status == 200)
            #expect(recovered.headers["X-Rate-Limit-Remaining"] == ["3"])
            #expect(recovered.headers["X-Rate-Limit-Reset"] == ["1800000120"])
        }
    }

    @Test("without a limit, nominal rate-limit headers still come with a Reset in the next minute")
    func nominalRateHeaders() async throws {
        try await MockServer.withRunning(OktaMock(size: .tiny)) { server in
            let reply = try await OktaTestClient(baseURL: server.baseURL).get("/api/v1/org")
            let reset = try #require(reply.headers["X-Rate-Limit-Reset"].first.flatMap(Double.init))
            let now = Date().timeIntervalSince1970
            #expect(reset > now - 1 && reset <= now + 61)
            #expect(reply.headers["X-Rate-Limit-Limit"].count == 1)
        }
    }

    @Test("injected 500s carry Okta's E0000009 body; 502 and 503 come as a proxy's HTML")
    func faultBodies() async throws {
        for (kind, status) in [(FaultKind.internalServerError, 500), (.badGateway, 502), (.serviceUnavailable, 503)] {
            let options = MockOptions(faultRate: 1, faultKinds: [kind])
            try await MockServer.withRunning(OktaMock(size: .tiny), options: options) { server in
                let reply = try await OktaTestClient(baseURL: server.baseURL).get("/api/v1/users")
                #expect(reply.status == status)
                if status == 500 {
                    #expect(try reply.json()["errorCode"]?.stringValue == "E0000009")
                } else {
                    #expect(reply.headers["Content-Type"] == ["text/html"])
                    #expect(String(decoding: reply.body, as: UTF8.self).contains("\(status)"))
                }
            }
        }
    }

    /// A signed client assertion, as an OAuth client library would build it.
    static func assertion(
        clientID: String, audience: String, keyID: String?, jti: String = UUID().uuidString,
        lifetime: Int = 300, sign: ([UInt8]) throws -> [UInt8], algorithm: String
    ) rethrows -> String {
        let now = Int(Date().timeIntervalSince1970)
        let header = #"{"alg":"\#(algorithm)","typ":"JWT""# + (keyID.map { #","kid":"\#($0)""# } ?? "") + "}"
        let claims =
            #"{"iss":"\#(clientID)","sub":"\#(clientID)","aud":"\#(audience)","iat":\#(now),"#
            + #""exp":\#(now + lifetime),"jti":"\#(jti)"}"#
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        return input + "." + Base64URL.encode(try sign(Array(input.utf8)))
    }

    static func tokenForm(_ assertion: String, scope: String = "okta.users.read okta.groups.read") -> String {
        [
            ("grant_type", "client_credentials"), ("scope", scope),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", assertion),
        ].map { "\($0.0)=\(QueryString.encode($0.1))" }.joined(separator: "&")
    }

    @Test("private_key_jwt (RS256) gets a Bearer token that the API then accepts like SSWS")
    func oauthRS256() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let client = OktaOAuthClient(
            clientID: "0oaServiceApp", publicKey: try JWTPublicKey(pem: key.publicKey.pemRepresentation),
            keyID: "kid-1", grantedScopes: ["okta.users.read", "okta.groups.read"])
        let mock = OktaMock(configuration: OktaMockConfiguration(size: .tiny, oauthClients: [client]))
        try await MockServer.withRunning(mock) { server in
            var http = OktaTestClient(baseURL: server.baseURL)
            http.authorization = nil
            let sign: ([UInt8]) throws -> [UInt8] = {
                Array(try key.signature(for: $0, padding: .insecurePKCS1v1_5).rawRepresentation)
            }
            let audience = server.baseURL + "/oauth2/v1/token"
            let signed = try Self.assertion(
                clientID: "0oaServiceApp", audience: audience, keyID: "kid-1", jti: "once", sign: sign,
                algorithm: "RS256")
            let reply = try await http.send(
                .POST, "/oauth2/v1/token", form: Self.tokenForm(signed, scope: "okta.users.read okta.apps.read"))
            #expect(reply.status == 200)
            let token = try reply.json()
            #expect(token["token_type"]?.stringValue == "Bearer")
            #expect(token["expires_in"]?.intValue == 3600)
            #expect(token["scope"]?.stringValue == "okta.users.read", "ungranted scopes drop out")
            let accessToken = try #require(token["access_token"]?.stringValue)

            http.authorization = "Bearer \(accessToken)"
            let users = try await http.get("/api/v1/users")
            #expect(users.status == 200)
            #expect(try users.json().arrayValue?.isEmpty == false)

            http.authorization = nil
            let replay = try await http.send(.POST, "/oauth2/v1/token", form: Self.tokenForm(signed))
            #expect(replay.status == 401)
            #expect(try replay.json()["error"]?.stringValue == "invalid_client")

            let wrongAudience = try Self.assertion(
                clientID: "0oaServiceApp", audience: "https://elsewhere/oauth2/v1/token", keyID: "kid-1", sign: sign,
                algorithm: "RS256")
            #expect(try await http.send(.POST, "/oauth2/v1/token", form: Self.tokenForm(wrongAudience)).status == 401)
            let wrongKid = try Self.assertion(
                clientID: "0oaServiceApp", audience: audience, keyID: "kid-2", sign: sign, algorithm: "RS256")
            #expect(try await http.send(.POST, "/oauth2/v1/token", form: Self.tokenForm(wrongKid)).status == 401)
            let unknownClient = try Self.assertion(
                clientID: "0oaOther", audience: audience, keyID: "kid-1", sign: sign, algorithm: "RS256")
            #expect(try await http.send(.POST, "/oauth2/v1/token", form: Self.tokenForm(unknownClient)).status == 401)
            let expired = try Self.assertion(
                clientID: "0oaServiceApp", audience: audience, keyID: "kid-1", lifetime: -10, sign: sign,
                algorithm: "RS256")
            #expect(try await http.send(.POST, "/oauth2/v1/token", form: Self.tokenForm(expired)).status == 401)
            let fresh = try Self.assertion(
                clientID: "0oaServiceApp", audience: audience, keyID: "kid-1", sign: sign, algorithm: "RS256")
            let noScope = try await http.send(.POST, "/oauth2/v1/token", form: Self.tokenForm(fresh, scope: ""))
            #expect(noScope.status == 400)
            #expect(try noScope.json()["error"]?.stringValue == "invalid_scope")
            let wrongGrant = try await http.send(.POST, "/oauth2/v1/token", form: "grant_type=password")
            #expect(try wrongGrant.json()["error"]?.stringValue == "unsupported_grant_type")
        }
    }

    @Test("private_key_jwt (ES256) works too, and a forged signature is refused")
    func oauthES256() async throws {
        let key = P256.Signing.PrivateKey()
        let client = OktaOAuthClient(
            clientID: "0oaEC", publicKey: try JWTPublicKey(pem: key.publicKey.pemRepresentation))
        let mock = OktaMock(configuration: OktaMockConfiguration(size: .tiny, oauthClients: [client]))
        try await MockServer.withRunning(mock) { server in
            var http = OktaTestClient(baseURL: server.baseURL)
            http.authorization = nil
            let audience = server.baseURL + "/oauth2/v1/token"
            let signed = try Self.assertion(
                clientID: "0oaEC", audience: audience, keyID: nil,
                sign: { Array(try key.signature(for: $0).rawRepresentation) },
                algorithm: "ES256")
            let reply = try await http.send(.POST, "/oauth2/v1/token", form: Self.tokenForm(signed))
            #expect(reply.status == 200)
            let forger = P256.Signing.PrivateKey()
            let forged = try Self.assertion(
                clientID: "0oaEC", audience: audience, keyID: nil,
                sign: { Array(try forger.signature(for: $0).rawRepresentation) }, algorithm: "ES256")
            #expect(try await http.send(.POST, "/oauth2/v1/token", form: Self.tokenForm(forged)).status == 401)
        }
    }
}
