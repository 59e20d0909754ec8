import BatonHTTP
import CryptoExtras
import Foundation
import Testing

@Suite("Logging and redaction")
struct LoggingTests {
    @Test("captured logs summarise requests but hold no secret")
    func noSecretsInLogs() async throws {
        let minted = Counter()
        let userCalls = Counter()
        let server = try await ScriptedHTTPServer.start { request in
            if request.path == "/oauth2/v1/token" {
                return .json(
                    #"{"access_token":"at-\#(minted.next())-SECRET","token_type":"Bearer","expires_in":3600}"#
                )
            }
            // The first user list call is rate limited so that the retry path logs too.
            if request.path == "/api/v1/users", userCalls.next() == 1 {
                return .json(
                    429, "{}", headers: [("Retry-After", "0"), ("Set-Cookie", "sid=COOKIE-SECRET")])
            }
            return .json(
                "[]", headers: [("Set-Cookie", "sid=COOKIE-SECRET"), ("X-Rate-Limit-Remaining", "99")])
        }
        let logs = CapturedLogs()
        let key = try JWTSigningKey(pem: try TestKeys.rsa().pemRepresentation)
        let secrets = [
            "client-SECRET-1", "at-1-SECRET", "SSWS-SECRET", "COOKIE-SECRET", "query-SECRET",
            "Bearer at-1",
        ]

        let tokens = OAuth2ClientCredentials(
            configuration: .init(
                tokenURL: server.url("/oauth2/v1/token"), clientID: "cid",
                authentication: .clientSecretPost(secret: "client-SECRET-1")),
            client: BatonHTTPClient(configuration: .testing(logs: logs)))
        let oauthClient = BatonHTTPClient(configuration: .testing(logs: logs), authenticator: tokens)
        _ = try await oauthClient.send(HTTPRequest(.get, url: server.url("/api/v1/users")))

        let jwtTokens = OAuth2ClientCredentials(
            configuration: .init(
                tokenURL: server.url("/oauth2/v1/token"), clientID: "cid",
                authentication: .privateKeyJWT(key: key, keyID: nil)),
            client: BatonHTTPClient(configuration: .testing(logs: logs)))
        _ = try await jwtTokens.token()

        let sswsClient = BatonHTTPClient(
            configuration: .testing(logs: logs), authenticator: .ssws("SSWS-SECRET"))
        _ = try await sswsClient.send(
            HTTPRequest(
                .get, url: server.url("/api/v1/groups"),
                query: [("api_key", "query-SECRET"), ("after", "00g1")],
                headers: ["Cookie": "sid=COOKIE-SECRET", "X-Api-Key": "query-SECRET"]))

        let text = logs.text
        #expect(text.contains("HTTP request"))
        #expect(text.contains("HTTP response"))
        #expect(text.contains("HTTP retry after wait"))
        #expect(text.contains("after=00g1"))
        #expect(text.contains(#""x-rate-limit-remaining": "99""#))
        #expect(text.contains(Redaction.placeholder))
        for secret in secrets {
            #expect(!text.contains(secret), "log leaked \(secret)")
        }
        #expect(!text.contains("client_assertion="))
        try await server.stop()
    }

    @Test(
        "sensitive header names",
        arguments: [
            ("Authorization", true), ("proxy-authorization", true), ("Cookie", true),
            ("Set-Cookie", true),
            ("X-Api-Key", true), ("x-okta-api-token", true), ("X-Client-Secret", true),
            ("X-Auth-Email", true),
            ("Accept", false), ("Content-Type", false), ("Link", false),
            ("X-Rate-Limit-Remaining", false),
        ])
    func sensitiveHeaders(name: String, sensitive: Bool) {
        #expect(Redaction.isSensitiveHeader(name) == sensitive)
    }

    @Test("printing or dumping requests, headers and authenticators hides credentials")
    func descriptions() async throws {
        let authenticator = StaticAuthenticator.ssws("PRINT-SECRET")
        var request = HTTPRequest(
            .get,
            url: try #require(URL(string: "https://acme.okta.com/api/v1/users?api_key=PRINT-SECRET")),
            headers: ["Accept": "application/json"])
        try await authenticator.authorize(&request)
        #expect(request.headers["Authorization"] == "SSWS PRINT-SECRET")
        var dumped = ""
        dump(request, to: &dumped)
        dump(authenticator, to: &dumped)
        for text in [
            "\(request)", "\(request.headers)", String(reflecting: request.headers), "\(authenticator)",
            dumped,
        ] {
            #expect(!text.contains("PRINT-SECRET"), "\(text)")
        }
        #expect("\(request)".contains("Accept: application/json"))
    }

    @Test("URLs lose user info and secret query values, keep the rest")
    func urlRedaction() throws {
        let url = try #require(
            URL(string: "https://user:pw@api.test/v1/items?limit=5&access_token=abc&key=k1&projectKey=EX")
        )
        #expect(
            Redaction.redacted(url)
                == "https://api.test/v1/items?limit=5&access_token=[REDACTED]&key=[REDACTED]&projectKey=EX")
    }
}
