import BatonSDK
import Foundation
import Testing

@testable import BatonHTTP

// Serialized: `clearAllCaches` empties every cache in the process, including those of sibling tests.
@Suite("GET response cache", .serialized)
struct CacheTests {
    static func server() async throws -> ScriptedHTTPServer {
        try await ScriptedHTTPServer.start { request in
            request.path == "/missing" ? .json(404, "{}") : .json("{\"path\":\"\(request.uri)\"}")
        }
    }

    /// Other test suites in the process run syncs, and every sync end clears the shared caches; the
    /// clients here opt out unless a test is about that clearing.
    static func client(maxBytes: Int = 1024 * 1024, clearedAtSyncEnd: Bool = false) -> BatonHTTPClient {
        var cache = CacheConfiguration(maxBytes: maxBytes)
        cache.clearedAtSyncEnd = clearedAtSyncEnd
        return BatonHTTPClient(configuration: .testing(cache: cache))
    }

    @Test("a repeated GET is served from the cache; query order does not matter")
    func hit() async throws {
        let server = try await Self.server()
        let client = Self.client()
        let first = try await client.send(HTTPRequest(.get, url: server.url("/users?a=1&b=2")))
        let second = try await client.send(HTTPRequest(.get, url: server.url("/users?b=2&a=1")))
        #expect(!first.isFromCache)
        #expect(second.isFromCache)
        #expect(second.body == first.body)
        #expect(server.requests.count == 1)
        let stats = await client.cacheStatistics()
        #expect(stats.hits == 1 && stats.misses == 1 && stats.entries == 1)
        try await server.stop()
    }

    @Test("no-cache, other methods and non-200 answers bypass the cache")
    func bypass() async throws {
        let server = try await Self.server()
        let client = Self.client()
        for _ in 0..<2 {
            _ = try await client.send(HTTPRequest(.get, url: server.url("/nc"), noCache: true))
            _ = try await client.send(
                HTTPRequest(.get, url: server.url("/hdr"), headers: ["Cache-Control": "no-cache"]))
            _ = try await client.send(HTTPRequest(.put, url: server.url("/put")))
            _ = try await client.send(
                HTTPRequest(.get, url: server.url("/missing"), acceptedStatuses: [404]))
        }
        for path in ["/nc", "/hdr", "/put", "/missing"] {
            #expect(server.count(path: path) == 2, "path \(path)")
        }
        try await server.stop()
    }

    @Test("host and credential are part of the key")
    func keyedByHostAndCredential() async throws {
        let server = try await Self.server()
        let client = Self.client()
        let viaIP = server.url("/me")
        let viaName = try #require(URL(string: "http://localhost:\(server.port)/me"))
        _ = try await client.send(
            HTTPRequest(.get, url: viaIP, headers: ["Authorization": "Bearer alice"]))
        _ = try await client.send(
            HTTPRequest(.get, url: viaIP, headers: ["Authorization": "Bearer bob"]))
        _ = try await client.send(
            HTTPRequest(.get, url: viaIP, headers: ["Authorization": "Bearer alice"]))
        #expect(server.count(path: "/me") == 2)
        _ = try await client.send(
            HTTPRequest(.get, url: viaName, headers: ["Authorization": "Bearer alice"]))
        #expect(server.count(path: "/me") == 3)
        _ = try await client.send(
            HTTPRequest(
                .get, url: viaIP, headers: ["Authorization": "Bearer alice", "Accept": "application/xml"]))
        #expect(server.count(path: "/me") == 4)
        try await server.stop()
    }

    @Test("the size bound evicts the least recently used entry")
    func sizeBound() async throws {
        let server = try await ScriptedHTTPServer.start { _ in
            .respond(status: 200, body: Data(repeating: 0x41, count: 1000))
        }
        // Room for two entries of ~1.1 kB, not three.
        let client = Self.client(maxBytes: 2500)
        for path in ["/a", "/b", "/a", "/c", "/a", "/b"] {
            _ = try await client.send(HTTPRequest(.get, url: server.url(path)))
        }
        // /a stays hot; /b was evicted by /c and fetched again.
        #expect(server.count(path: "/a") == 1)
        #expect(server.count(path: "/b") == 2)
        #expect(server.count(path: "/c") == 1)
        try await server.stop()
    }

    @Test("clearing every cache at sync end forces refetches")
    func clearAll() async throws {
        let server = try await Self.server()
        let client = Self.client(clearedAtSyncEnd: true)
        let keeper = Self.client()
        _ = try await client.send(HTTPRequest(.get, url: server.url("/z")))
        _ = try await keeper.send(HTTPRequest(.get, url: server.url("/k")))
        // A sync in a sibling test may clear too; only the step across our own clear is certain.
        let before = server.count(path: "/z")
        await BatonHTTPClient.clearAllCaches()
        _ = try await client.send(HTTPRequest(.get, url: server.url("/z")))
        _ = try await keeper.send(HTTPRequest(.get, url: server.url("/k")))
        #expect(server.count(path: "/z") == before + 1)
        #expect(server.count(path: "/k") == 1)
        try await server.stop()
    }

    @Test("entries expire after their time to live")
    func expiry() async {
        let cache = ResponseCache(configuration: CacheConfiguration(timeToLive: .seconds(10)))
        let start = ContinuousClock.now
        await cache.store(
            "k", status: 200, reason: "OK", headers: [:], body: Data("x".utf8), now: start)
        #expect(await cache.lookup("k", now: start + .seconds(9)) != nil)
        #expect(await cache.lookup("k", now: start + .seconds(10)) == nil)
        #expect(await cache.count == 0)
    }

    @Test(
        "configuration from the environment",
        arguments: [
            ([:], CacheConfiguration()),
            (["BATON_HTTP_CACHE_TTL": "60"], CacheConfiguration(timeToLive: .seconds(60))),
            (["BATON_HTTP_CACHE_TTL": "0"], CacheConfiguration(isEnabled: false, timeToLive: .zero)),
            (
                ["BATON_HTTP_CACHE_TTL": "99999999999"],
                CacheConfiguration(timeToLive: .seconds(31_536_000))
            ),
            (["BATON_HTTP_CACHE_MAX_SIZE": "50"], CacheConfiguration(maxBytes: 50 * 1024 * 1024)),
            (["BATON_DISABLE_HTTP_CACHE": "true"], CacheConfiguration(isEnabled: false)),
            (["BATON_DISABLE_HTTP_CACHE": "false"], CacheConfiguration()),
            (["BATON_HTTP_CACHE_TTL": "soon"], CacheConfiguration()),
        ])
    func environment(variables: [String: String], expected: CacheConfiguration) {
        #expect(CacheConfiguration.fromEnvironment(variables) == expected)
    }
}
