import Foundation
import MockKit
import MockTestSupport
import NIOCore
import NIOHTTP1
import Testing

@Suite("MockServer")
struct MockServerTests {
    static let auth = ["Authorization": "Bearer secret"]

    @Test("starts on a free loopback port, serves the service and stops gracefully")
    func lifecycle() async throws {
        let server = try await MockServer.start(ItemsService())
        #expect(server.port > 0)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        let response = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items", headers: Self.auth)
        #expect(response.status == 200)
        #expect(try response.json()["items"]?.arrayValue == [.string("a"), .string("b")])
        #expect(response.header("Content-Type") == ["application/json"])
        #expect(response.header("Date").count == 1)
        try await server.stop()
        // Nothing listens any more (the client keeps retrying a refused connect until its deadline).
        await #expect(throws: (any Error).self) {
            _ = try await MockHTTPClient.plain.send(
                .GET, server.baseURL + "/items", headers: Self.auth, timeout: .seconds(1))
        }
    }

    @Test("the service's auth check runs first; /__mock endpoints need no credentials")
    func auth() async throws {
        try await MockServer.withRunning(
            ItemsService(), options: MockOptions(credentials: MockCredentials(secret: "s3"))
        ) { server in
            let missing = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items")
            #expect(missing.status == 401)
            #expect(try missing.json()["message"]?.stringValue == "Bad credentials")
            let oldSecret = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items", headers: Self.auth)
            #expect(oldSecret.status == 401)
            let ok = try await MockHTTPClient.plain.send(
                .GET, server.baseURL + "/items", headers: ["Authorization": "Bearer s3"])
            #expect(ok.status == 200)
            let truth = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/__mock/truth")
            #expect(truth.status == 200)
            #expect(truth.text == #"["a","b"]"#)
        }
    }

    @Test("stats count requests per route template, status and auth failure; reset restores the tenant")
    func statsAndReset() async throws {
        try await MockServer.withRunning(ItemsService()) { server in
            _ = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items", headers: Self.auth)
            _ = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items", headers: Self.auth)
            _ = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items")
            let created = try await MockHTTPClient.plain.send(
                .POST, server.baseURL + "/items", headers: Self.auth, body: Array(#"{"name":"c"}"#.utf8))
            #expect(created.status == 201)
            let boom = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/boom", headers: Self.auth)
            #expect(boom.status == 500)
            #expect(try boom.json()["message"]?.stringValue == "internal")

            let stats = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/__mock/stats").json()
            #expect(stats["total"]?.intValue == 5)
            #expect(stats["routes"]?["GET /items"]?.intValue == 3)
            #expect(stats["routes"]?["POST /items"]?.intValue == 1)
            #expect(stats["statuses"]?["200"]?.intValue == 2)
            #expect(stats["statuses"]?["401"]?.intValue == 1)
            #expect(stats["authFailures"]?.intValue == 1)
            #expect(try JSONValue(parsing: server.statsJSON()) == stats)

            #expect(
                try await MockHTTPClient.plain.send(.GET, server.baseURL + "/__mock/truth").text == #"["a","b","c"]"#)
            let reset = try await MockHTTPClient.plain.send(.POST, server.baseURL + "/__mock/reset")
            #expect(reset.status == 204)
            #expect(try await MockHTTPClient.plain.send(.GET, server.baseURL + "/__mock/truth").text == #"["a","b"]"#)
            let after = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/__mock/stats").json()
            #expect(after["total"]?.intValue == 0)
        }
    }

    @Test("requests over the limit get the service's 429 until the window ends")
    func rateLimit() async throws {
        let clock = ManualClock(Timestamp(millis: 1_700_000_000_500))
        let options = MockOptions(rateLimit: RateLimit(count: 3, windowSeconds: 2), now: clock.now)
        try await MockServer.withRunning(ItemsService(), options: options) { server in
            for remaining in [2, 1, 0] {
                let response = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items", headers: Self.auth)
                #expect(response.status == 200)
                #expect(response.header("X-Test-Remaining") == [String(remaining)])
            }
            let rejection = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items", headers: Self.auth)
            #expect(rejection.status == 429)
            // The window [1_700_000_000, 1_700_000_002) ends 1.5 s after the clock's time: rounded up.
            #expect(rejection.header("Retry-After") == ["2"])
            #expect(rejection.header("X-Test-Remaining") == ["0"])
            // Requests without valid credentials are rejected before they count; /__mock is never limited.
            #expect(try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items").status == 401)
            #expect(try await MockHTTPClient.plain.send(.GET, server.baseURL + "/__mock/truth").status == 200)

            clock.advance(seconds: 2)
            let recovered = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items", headers: Self.auth)
            #expect(recovered.status == 200)
            #expect(recovered.header("X-Test-Remaining") == ["2"])
            let stats = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/__mock/stats").json()
            #expect(stats["rateLimited"]?.intValue == 1)
        }
    }

    /// The status of each of `count` sequential requests to a server with the given seed.
    private static func faultSequence(seed: UInt64, count: Int) async throws -> [Int] {
        let options = MockOptions(
            seed: seed, faultRate: 0.4, faultKinds: [.internalServerError, .badGateway, .serviceUnavailable])
        return try await MockServer.withRunning(ItemsService(), options: options) { server in
            var statuses: [Int] = []
            for _ in 0..<count {
                statuses.append(
                    try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items", headers: Self.auth).status)
            }
            let stats = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/__mock/stats").json()
            let faults = stats["faults"]?.objectValue ?? [:]
            #expect(faults.values.compactMap(\.intValue).reduce(0, +) == statuses.count { $0 != 200 })
            return statuses
        }
    }

    @Test("faults follow the seed: the same seed gives the same sequence of the configured kinds")
    func deterministicFaults() async throws {
        let first = try await Self.faultSequence(seed: 11, count: 40)
        let again = try await Self.faultSequence(seed: 11, count: 40)
        let other = try await Self.faultSequence(seed: 12, count: 40)
        #expect(first == again)
        #expect(first != other)
        #expect(Set(first).isSubset(of: [200, 500, 502, 503]))
        let faulted = first.count { $0 != 200 }
        #expect(faulted > 0 && faulted < 40)
    }

    @Test("a dropped connection closes without a response")
    func drop() async throws {
        let options = MockOptions(faultRate: 1, faultKinds: [.drop])
        try await MockServer.withRunning(ItemsService(), options: options) { server in
            let raw = await RawHTTP.exchange(
                port: server.port,
                request: "GET /items HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer secret\r\n\r\n")
            #expect(raw.isEmpty)
            // The mock's own endpoints still answer.
            let truth = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/__mock/truth")
            #expect(truth.status == 200)
        }
    }

    @Test("a truncated body sends the full Content-Length and half the bytes, then closes")
    func truncate() async throws {
        let options = MockOptions(faultRate: 1, faultKinds: [.truncate])
        try await MockServer.withRunning(ItemsService(), options: options) { server in
            let raw = await RawHTTP.exchange(
                port: server.port,
                request: "GET /items HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer secret\r\n\r\n")
            let (head, body) = RawHTTP.split(raw)
            #expect(head.first == "HTTP/1.1 200 OK")
            #expect(!head.contains { $0.lowercased().hasPrefix("x-baton-mock") })
            let lengthLine = try #require(head.first { $0.lowercased().hasPrefix("content-length:") })
            let length = try #require(Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)))
            #expect(length > 2000)
            #expect(body.count == length / 2)
            await #expect(throws: (any Error).self) {
                _ = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items", headers: Self.auth)
            }
        }
    }

    @Test("each request gets its own index, visible to the route")
    func requestIndex() async throws {
        try await MockServer.withRunning(ItemsService()) { server in
            var indexes: [Int] = []
            for _ in 0..<3 {
                let response = try await MockHTTPClient.plain.send(.GET, server.baseURL + "/items", headers: Self.auth)
                indexes.append(try #require(response.json()["requestIndex"]?.intValue))
            }
            #expect(indexes == [0, 1, 2])
        }
    }
}
