import BatonHTTP
import BatonSDK
import Foundation
import Testing

@Suite("Requests, bodies, auth headers and limits against a live server")
struct ClientBehaviourTests {
    @Test("static authenticators send their header; descriptions hide the credential")
    func staticAuth() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .json("{}") }
        let cases: [(StaticAuthenticator, String, String)] = [
            (.bearer("tok-1"), "Authorization", "Bearer tok-1"),
            (
                .basic(username: "ada@acme.com", password: "pw:2"), "Authorization",
                "Basic YWRhQGFjbWUuY29tOnB3OjI="
            ),
            (.ssws("00abc"), "Authorization", "SSWS 00abc"),
            (.custom(scheme: "Token", credential: "t9"), "Authorization", "Token t9"),
            (.custom(scheme: "", credential: "k-7", headerName: "X-Api-Key"), "X-Api-Key", "k-7"),
        ]
        for (authenticator, header, expected) in cases {
            let client = BatonHTTPClient(configuration: .testing(), authenticator: authenticator)
            _ = try await client.send(HTTPRequest(.get, url: server.url("/me")))
            #expect(server.requests.last?.header(header) == expected)
            #expect(!"\(authenticator)".contains(expected.split(separator: " ").last ?? ""))
        }
        try await server.stop()
    }

    @Test("a 401 with static credentials fails at once as unauthenticated")
    func unauthorizedStatic() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .json(401, #"{"errorCode":"E0000011"}"#)
        }
        let client = BatonHTTPClient(configuration: .testing(), authenticator: .ssws("bad"))
        let error = try await #require(throws: BatonError.self) {
            try await client.send(HTTPRequest(.get, url: server.url("/api/v1/org")))
        }
        #expect(error.code == .unauthenticated)
        #expect(server.requests.count == 1)
        try await server.stop()
    }

    @Test("user agent, JSON and form bodies, strict query encoding")
    func requestShape() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .json("{}") }
        let client = BatonHTTPClient(configuration: .testing())
        struct Payload: Encodable, Sendable { var type = "ORG_ADMIN" }
        _ = try await client.send(
            HTTPRequest(
                .post, url: server.url("/api/v1/users/00u1/roles?activate=true"),
                query: [("search", "status pr"), ("filter", "a+b&c=d")], body: .json(Payload())))
        let post = try #require(server.requests.last)
        #expect(post.method == "POST")
        #expect(post.header("User-Agent") == "baton-test baton-swift/\(BatonHTTPClient.version)")
        #expect(post.header("Content-Type") == "application/json")
        #expect(post.text == #"{"type":"ORG_ADMIN"}"#)
        #expect(
            post.uri == "/api/v1/users/00u1/roles?activate=true&search=status%20pr&filter=a%2Bb%26c%3Dd")
        #expect(post.query("filter") == "a+b&c=d")

        _ = try await client.send(
            HTTPRequest(.post, url: server.url("/token"), body: .form([("scope", "a b"), ("x", "1&2")])))
        let form = try #require(server.requests.last)
        #expect(form.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(form.text == "scope=a+b&x=1%262")
        try await server.stop()
    }

    @Test("accepted statuses are returned instead of thrown")
    func acceptedStatuses() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .json(404, #"{"errorCode":"E0000007"}"#)
        }
        let client = BatonHTTPClient(configuration: .testing())
        let response = try await client.send(
            HTTPRequest(.get, url: server.url("/api/v1/apps/0oa1/users/00u1"), acceptedStatuses: [404]))
        #expect(response.status == 404)
        #expect(response.statusError.code == .notFound)
        try await server.stop()
    }

    @Test("the concurrency limit bounds requests in flight")
    func concurrencyLimit() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .json("{}", delay: .milliseconds(200)) }
        var configuration = BatonHTTPClient.Configuration.testing()
        configuration.maxConcurrentRequests = 2
        let client = BatonHTTPClient(configuration: configuration)
        let statuses = try await sendConcurrently(
            8, client: client, server: server, pathPrefix: "/item/")
        #expect(statuses.count == 8)
        #expect(server.requests.count == 8)
        #expect(server.peakInFlight == 2)
        try await server.stop()
    }

    @Test("without a limit the same requests overlap")
    func noConcurrencyLimit() async throws {
        // Long enough that all four are in flight together even when a loaded machine starts them late.
        let server = try await ScriptedHTTPServer.start { _ in .json("{}", delay: .seconds(3)) }
        let client = BatonHTTPClient(configuration: .testing())
        let statuses = try await sendConcurrently(
            4, client: client, server: server, pathPrefix: "/item/")
        #expect(statuses.count == 4)
        #expect(server.peakInFlight > 2)
        try await server.stop()
    }
}
