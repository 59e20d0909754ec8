import ArgumentParser
import AsyncHTTPClient
import BatonStore
import BatonTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

@testable import BatonInspect

/// `baton explorer`: the real server, started in-process on a free port, queried over HTTP and in Chromium.
@Suite struct ExplorerTests {
    /// Runs `body` against the explorer serving `c1z`, started as the command starts it.
    private func withExplorer<Result>(
        _ c1z: String, host: String = "127.0.0.1", warnings: Collected = Collected(),
        _ body: (ExplorerServer) async throws -> Result
    ) async throws -> Result {
        let command = try ExplorerCommand.parse(["-f", c1z, "--port", "0", "--host", host])
        let store = try C1ZStore.open(c1z: c1z)
        defer { try? store.close() }
        let context = CommandContext(
            output: OutputBuffer(sink: { _ in }), environment: [:],
            standardError: { text in warnings.text.withLock { $0 += text } })
        let server = try await command.start(store, context, stopOnSignals: false)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    private func get(_ url: String, method: HTTPMethod = .GET, host: String? = nil) async throws -> (
        status: Int, headers: HTTPHeaders, body: String
    ) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let host { request.headers.replaceOrAdd(name: "Host", value: host) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), response.headers, String(buffer: body))
    }

    private func json(_ text: String) throws -> [String: Any] {
        try require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "JSON object")
    }

    @Test func servesThePageAndAPagedReadOnlyAPI() async throws {
        let directory = try TemporaryDirectory(prefix: "explorer")
        let c1z = try await Fixtures.demo(in: directory.path)
        try await withExplorer(c1z) { server in
            #expect(server.baseURL.hasPrefix("http://127.0.0.1:"))
            let page = try await get(server.baseURL + "/")
            #expect(page.status == 200)
            #expect(page.headers["Content-Security-Policy"].first?.contains("connect-src 'self'") == true)
            #expect(page.headers["Cache-Control"].first == "no-store")
            #expect(page.body.contains("\"api\":\"/api\""))

            let overview = try json(try await get(server.baseURL + "/api/overview").body)
            #expect((overview["types"] as? [Any])?.isEmpty == false)

            let users = try json(try await get(server.baseURL + "/api/resources?type=user").body)
            let items = try require(users["items"] as? [[String: Any]], "items")
            #expect(!items.isEmpty && items.allSatisfy { $0["t"] as? String == "user" })
            let user = try require(items.first?["id"] as? String, "a user id")

            let access = try json(try await get(server.baseURL + "/api/access?type=user&id=\(user)").body)
            #expect(access["next"] is String)
            #expect((access["items"] as? [[String: Any]])?.isEmpty == false)

            // The wiki is reached through a chain of nested groups, outermost first.
            let demoUser = try json(try await get(server.baseURL + "/api/access?type=user&id=u001").body)
            let wiki = try require(
                (demoUser["items"] as? [[String: Any]])?.first {
                    ($0["ent"] as? [String: Any])?["id"] as? String == "app:a-wiki:access"
                },
                "the wiki grant")
            let chain = (wiki["via"] as? [[[String: Any]]])?.first?.compactMap { $0["id"] as? String }
            #expect(chain == ["group:g-backend:member", "group:g-engineering:member", "group:g-all-staff:member"])

            let found = try json(try await get(server.baseURL + "/api/resources?q=%20").body)
            #expect(found["items"] is [Any])

            // Read-only: nothing but GET is routed.
            #expect(try await get(server.baseURL + "/api/overview", method: .POST).status >= 400)
            #expect(try await get(server.baseURL + "/api/nothing").status == 404)
            // A request naming another host (a rebound DNS name) is refused.
            #expect(try await get(server.baseURL + "/api/overview", host: "attacker.example:80").status == 421)
        }
    }

    @Test func pagesFollowTheCursor() async throws {
        let directory = try TemporaryDirectory(prefix: "explorer")
        let c1z = try await Fixtures.okta(in: directory.path)
        try await withExplorer(c1z) { server in
            var cursor = ""
            var ids: [String] = []
            repeat {
                let page = try json(try await get(server.baseURL + "/api/resources?cursor=\(cursor)").body)
                let items = try require(page["items"] as? [[String: Any]], "items")
                #expect(items.count <= ExplorerAPI.pageSize)
                ids += items.compactMap { ($0["t"] as? String ?? "") + ":" + ($0["id"] as? String ?? "") }
                cursor = page["next"] as? String ?? ""
            } while !cursor.isEmpty
            let store = try C1ZStore.open(c1z: c1z)
            defer { try? store.close() }
            let resources = try store.counts().resources
            #expect(Int64(ids.count) == resources)
            #expect(Set(ids).count == ids.count)
        }
    }

    @Test func rendersInChromiumWithHostileNamesAsText() async throws {
        let directory = try TemporaryDirectory(prefix: "explorer")
        let c1z = try Fixtures.hostile(in: directory.path)
        try await withExplorer(c1z) { server in
            let overview = try await Chromium.dumpDOM(server.baseURL + "/")
            #expect(overview.contains("data-ready=\"overview\""))
            #expect(overview.contains("Resources by type"))
            for route in ["#/r/user/x1", "#/p/user/x1", "#/r/role/r1", "#/search//"] {
                let dom = try await Chromium.dumpDOM(server.baseURL + "/" + route)
                #expect(dom.contains("data-ready="), "route \(route) did not finish rendering")
                #expect(!dom.lowercased().contains("<img"), "route \(route)")
                #expect(!dom.contains("<b "), "route \(route)")
                #expect(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "route \(route)")
            }
            let role = try await Chromium.dumpDOM(server.baseURL + "/#/r/role/r1")
            #expect(role.contains("class=\"path\""))
            try await Chromium.screenshot(server.baseURL + "/#/r/role/r1", to: directory.path("explorer.png"))
        }
    }

    @Test func warnsWhenListeningBeyondLoopback() async throws {
        let directory = try TemporaryDirectory(prefix: "explorer")
        let c1z = try Fixtures.hostile(in: directory.path)
        let warnings = Collected()
        try await withExplorer(c1z, host: "0.0.0.0", warnings: warnings) { server in
            #expect(server.baseURL.hasPrefix("http://localhost:"))
        }
        #expect(warnings.text.withLock { $0 }.contains("no authentication"))
        let quiet = Collected()
        try await withExplorer(c1z, warnings: quiet) { _ in }
        #expect(quiet.text.withLock { $0 }.isEmpty)
    }

    @Test func badInputIsOneLine() async throws {
        let directory = try TemporaryDirectory(prefix: "explorer")
        for arguments in [
            ["explorer", "-f", directory.path("missing.c1z"), "--port", "0"],
            ["explorer", "-f", directory.path("missing.c1z"), "--port", "70000"],
        ] {
            let result = await BatonInspect.run(arguments: arguments, environment: [:])
            #expect(result.exitCode == 1)
            #expect(result.standardError.hasPrefix("baton: ") && result.standardError.filter { $0 == "\n" }.count == 1)
        }
    }
}

/// Text written from several tasks.
final class Collected: Sendable {
    let text = Mutex("")
}
