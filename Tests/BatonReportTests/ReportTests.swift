import BatonStore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonInspect

/// `baton report`: the file it writes, and the page as Chromium renders it.
@Suite struct ReportTests {
    /// Writes the report of `c1z` to `path` and returns the page's file URL.
    private func pageURL(_ c1z: String, _ path: String) async throws -> String {
        let result = await BatonInspect.run(arguments: ["report", "-f", c1z, "-o", path], environment: [:])
        guard result.exitCode == 0 else { throw HarnessError(message: "baton report: \(result.standardError)") }
        return URL(fileURLWithPath: path).absoluteString
    }

    @Test func writesOnePrivateSelfContainedPage() async throws {
        let directory = try TemporaryDirectory(prefix: "report")
        let c1z = try await Fixtures.demo(in: directory.path)
        let html = directory.path("demo.html")
        let result = await BatonInspect.run(arguments: ["report", "-f", c1z, "-o", html], environment: [:])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let attributes = try FileManager.default.attributesOfItem(atPath: html)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(
            page.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"))
        #expect(page.contains("connect-src 'none'"))
        // Nothing is fetched: no external scripts, styles, images or links to other origins.
        #expect(!page.contains(" src="))
        let withoutNamespace = page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"))
        #expect(!FileManager.default.fileExists(atPath: html + ".tmp"))
    }

    @Test func rendersTheDemoSyncInChromium() async throws {
        let directory = try TemporaryDirectory(prefix: "report")
        let c1z = try await Fixtures.demo(in: directory.path)
        let url = try await pageURL(c1z, directory.path("demo.html"))

        let overview = try await Chromium.dumpDOM(url)
        #expect(overview.contains("data-ready=\"overview\""))
        #expect(overview.contains("Resources by type"))
        #expect(overview.contains("<svg class=\"chart\""))
        #expect(overview.contains(">derived<"))

        let search = try await Chromium.dumpDOM(url + "#/search//user")
        #expect(search.contains("data-ready=\"search\""))
        #expect(search.contains("data-table=\"resources\""))
        #expect(search.contains("href=\"#/r/user/"))

        // Demo User 1 reaches the wiki through All Staff, which it is in through Engineering, which it
        // is in through Backend: the path names each step, outermost first.
        let access = try await Chromium.dumpDOM(url + "#/p/user/u001")
        #expect(access.contains("data-ready=\"p\""))
        let wikiPath = try require(
            access.components(separatedBy: "<div class=\"path\">").dropFirst()
                .map { $0.components(separatedBy: "</div>")[0] }.first { $0.contains("#/r/app/a-wiki\"") },
            "the path to the wiki")
        let steps = ["#/r/group/g-backend", "#/r/group/g-engineering", "#/r/group/g-all-staff", "#/r/app/a-wiki"]
        let positions = steps.compactMap { wikiPath.range(of: $0)?.lowerBound }
        #expect(positions.count == steps.count && positions == positions.sorted(), "\(wikiPath)")

        try await Chromium.screenshot(url, to: directory.path("overview.png"))
    }

    @Test func rendersTheOktaMockSyncInChromium() async throws {
        let directory = try TemporaryDirectory(prefix: "report")
        let c1z = try await Fixtures.okta(in: directory.path)
        let url = try await pageURL(c1z, directory.path("okta.html"))
        let overview = try await Chromium.dumpDOM(url)
        #expect(overview.contains("data-ready=\"overview\""))
        #expect(overview.contains(">user<") && overview.contains(">group<"))
        let users = try await Chromium.dumpDOM(url + "#/search//user")
        #expect(users.contains("data-ready=\"search\""))
        // The first user's page: its profile values and what it can reach.
        let link = try require(users.range(of: "href=\"#/r/user/"), "a user link")
        let id = users[link.upperBound...].prefix { $0 != "\"" }
        let user = try await Chromium.dumpDOM(url + "#/r/user/" + id)
        #expect(user.contains("data-ready=\"r\""))
        #expect(user.contains("<dt>email</dt>"))
        let access = try await Chromium.dumpDOM(url + "#/p/user/" + id)
        #expect(access.contains("data-ready=\"p\""))
        #expect(access.contains("data-table=\"access-"))
    }

    /// Files the Go tools wrote, the old schema (no expansion columns, slim grant rows) included.
    @Test(arguments: C1ZFixtures.all)
    func rendersGoWrittenFiles(fixture: String) async throws {
        let directory = try TemporaryDirectory(prefix: "report")
        let url = try await pageURL(C1ZFixtures.c1zPath(fixture), directory.path("go.html"))
        let overview = try await Chromium.dumpDOM(url)
        #expect(overview.contains("data-ready=\"overview\""))
        #expect(overview.contains(">Repository<"))
        let search = try await Chromium.dumpDOM(url + "#/search//repository")
        let link = try require(search.range(of: "href=\"#/r/repository/"), "a repository link")
        let id = search[link.upperBound...].prefix { $0 != "\"" }
        let repository = try await Chromium.dumpDOM(url + "#/r/repository/" + id)
        #expect(repository.contains("data-ready=\"r\""))
        #expect(repository.contains("data-table=\"holders-"))
    }

    @Test func showsWhoHoldsWhatAndThroughWhichGroup() async throws {
        let directory = try TemporaryDirectory(prefix: "report")
        let c1z = try Fixtures.hostile(in: directory.path)
        let url = try await pageURL(c1z, directory.path("hostile.html"))

        let role = try await Chromium.dumpDOM(url + "#/r/role/r1")
        #expect(role.contains("data-ready=\"r\""))
        #expect(role.contains("derived"))
        // The path of the derived grant: the user, then the group it came through, then the role.
        #expect(role.contains("class=\"path\""))
        #expect(role.contains("href=\"#/r/group/g1\""))

        let principal = try await Chromium.dumpDOM(url + "#/p/user/x1")
        #expect(principal.contains("data-ready=\"p\""))
        #expect(principal.contains("role (1)"))
        #expect(principal.contains("group (1)"))
    }

    @Test func rendersHostileNamesAsText() async throws {
        let directory = try TemporaryDirectory(prefix: "report")
        let c1z = try Fixtures.hostile(in: directory.path)
        let html = directory.path("hostile.html")
        #expect(await BatonInspect.run(arguments: ["report", "-f", c1z, "-o", html], environment: [:]).exitCode == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(!page.contains(Fixtures.hostileName), "the embedded data spells < as \\u003c")
        let url = URL(fileURLWithPath: html).absoluteString
        for route in ["", "#/search//", "#/r/user/x1", "#/p/user/x1", "#/r/role/r1"] {
            let dom = try await Chromium.dumpDOM(url + route)
            #expect(dom.contains("data-ready="), "route \(route) did not finish rendering")
            // Created elements would serialize as tags; text serializes escaped.
            #expect(!dom.lowercased().contains("<img"), "route \(route)")
            #expect(!dom.contains("<b "), "route \(route)")
            #expect(!dom.contains("<script>alert"), "route \(route)")
            if route != "#/search//" && route != "" {
                #expect(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "route \(route)")
            }
        }
        let user = try await Chromium.dumpDOM(url + "#/r/user/x1")
        #expect(user.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
        #expect(user.contains("&lt;b onmouseover=alert(3)&gt;bold&lt;/b&gt;"))
    }

    @Test func highlightsWhatChangedBetweenTwoSyncs() async throws {
        let directory = try TemporaryDirectory(prefix: "report")
        let old = try Fixtures.hostile(in: directory.path)
        let new = try await Fixtures.demo(in: directory.path)
        let html = directory.path("diff.html")
        let result = await BatonInspect.run(
            arguments: ["report", "-f", old, "--to", new, "-o", html], environment: [:])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let dom = try await Chromium.dumpDOM(URL(fileURLWithPath: html).absoluteString + "#/diff")
        #expect(dom.contains("data-ready=\"diff\""))
        #expect(dom.contains("<tr class=\"added\">"))
        #expect(dom.contains("<tr class=\"removed\">"))
        #expect(dom.contains("data-table=\"grants-removed\""))
    }

    @Test func refusesLargeSyncsPointingToTheExplorer() throws {
        let directory = try TemporaryDirectory(prefix: "report")
        let store = try C1ZStore.open(c1z: try Fixtures.hostile(in: directory.path))
        defer { try? store.close() }
        let lookup = RecordLookup(store: store, syncID: try store.resolveSyncID(nil))
        #expect(throws: InspectError.self) {
            try ReportData.json(lookup, file: "big.c1z", base: nil, grantLimit: 1)
        }
        do {
            _ = try ReportData.json(lookup, file: "big.c1z", base: nil, grantLimit: 1)
        } catch let error as InspectError {
            #expect(error.message.contains("baton explorer -f big.c1z"))
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func badInputIsOneLineAndNoFile() async throws {
        let directory = try TemporaryDirectory(prefix: "report")
        let html = directory.path("x.html")
        let missing = await BatonInspect.run(
            arguments: ["report", "-f", directory.path("missing.c1z"), "-o", html], environment: [:])
        #expect(missing.exitCode == 1)
        #expect(missing.standardError.hasPrefix("baton: ") && missing.standardError.filter { $0 == "\n" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: html))

        let c1z = try Fixtures.hostile(in: directory.path)
        let unwritable = await BatonInspect.run(
            arguments: ["report", "-f", c1z, "-o", directory.path("no/such/dir/x.html")], environment: [:])
        #expect(unwritable.exitCode == 1)
        #expect(unwritable.standardError.hasPrefix("baton: "))
    }
}
