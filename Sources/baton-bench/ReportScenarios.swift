import AsyncHTTPClient
import BatonInspect
import BatonSDK
import BatonStore
import Foundation
import NIOCore
import NIOHTTP1

/// `baton report` and `baton explorer` on an access-shaped sync: users in groups, groups granted
/// repositories, half the grants memberships (direct) and half derived through a group.
enum ReportScenarios {
    /// Writes (once) `access-<grants>.c1z`: grants/20 users, grants/200 groups and repositories; each
    /// user is a member of 10 groups (group 0 has everyone) and holds `read` on each group's repository
    /// through the group (derived).
    static func accessFile(grants: Int, directory: String) throws -> String {
        let output = directory + "/access-\(grants).c1z"
        if FileManager.default.fileExists(atPath: output) { return output }
        let working = output + ".partial"
        C1ZStore.removeWorkingFiles(at: working)
        let userType = try ResourceType(id: "user", displayName: "User", traits: [.user])
        let groupType = try ResourceType(id: "group", displayName: "Group", traits: [.group])
        let repositoryType = try ResourceType(id: "repository", displayName: "Repository")
        let users = max(1, grants / 20)
        let groups = max(1, grants / 200)
        let store = try C1ZStore.openWorking(at: working)
        let sync = try store.startSync(type: .full)
        var batch = StoreBatch(resourceTypes: [userType, groupType, repositoryType])
        for n in 0..<groups {
            let group = try Resource.group(name: "Team \(n)", type: groupType, id: "g\(n)")
            let repository = try Resource.make(name: "repo-\(n)", type: repositoryType, id: "r\(n)")
            batch.resources += [group, repository]
            batch.entitlements += [
                try Entitlement.assignment(resource: group, name: "member"),
                try Entitlement.permission(resource: repository, name: "read"),
            ]
        }
        for n in 0..<users {
            batch.resources.append(
                try Resource.user(name: "User \(n)", type: userType, id: "u\(n)", traits: [.email("u\(n)@example.com")])
            )
        }
        try store.write(batch, syncID: sync)
        var grantBatch: [Grant] = []
        func flush() throws {
            try store.write(StoreBatch(grants: grantBatch), syncID: sync)
            grantBatch.removeAll(keepingCapacity: true)
        }
        for n in 0..<users {
            let user = ResourceID("user", "u\(n)")
            for k in 0..<10 {
                // Group 0 has every user (the longest lists); the other nine are spread over the rest.
                let group = k == 0 ? 0 : 1 + (n * 7 + k * 131) % max(1, groups - 1)
                grantBatch.append(
                    try Grant.make(
                        resource: try Resource.group(name: "Team \(group)", type: groupType, id: "g\(group)"),
                        entitlementName: "member", principal: user))
                var derived = try Grant.make(
                    resource: try Resource.make(name: "repo-\(group)", type: repositoryType, id: "r\(group)"),
                    entitlementName: "read", principal: user)
                derived.sources.sources = ["group:g\(group):member": .init()]
                grantBatch.append(derived)
            }
            if grantBatch.count >= 10_000 { try flush() }
        }
        try flush()
        _ = try store.endSync(syncID: sync)
        _ = try store.save(toC1Z: output, compaction: .whenWorthwhile)
        try store.close()
        C1ZStore.removeWorkingFiles(at: working)
        return output
    }

    /// `baton report` on `grants` grants: the time to write the page, its size, and the time headless
    /// Chromium takes to open it (whole browser run, and the page's own time to its first view).
    static func report(grants: Int, directory: String) async throws -> Figures {
        let c1z = try accessFile(grants: grants, directory: directory)
        let html = directory + "/access-\(grants).html"
        let (result, seconds) = await timed {
            await BatonInspect.run(arguments: ["report", "-f", c1z, "-o", html], environment: [:])
        }
        guard result.exitCode == 0 else { throw BenchError("baton report failed: \(result.standardError)") }
        let size = (try? FileManager.default.attributesOfItem(atPath: html)[.size] as? Int) ?? 0
        var extra = ["html_bytes": String(size)]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") {
            let url = URL(fileURLWithPath: html).absoluteString
            let (dom, browserSeconds) = try await timed { try headlessDOM(url) }
            extra["chromium_seconds"] = String(format: "%.2f", browserSeconds)
            extra["page_render_ms"] = renderMilliseconds(dom)
            let (_, blankSeconds) = try await timed { try headlessDOM("about:blank") }
            extra["chromium_blank_seconds"] = String(format: "%.2f", blankSeconds)
        }
        return Figures(
            scenario: "baton report (\(grants) grants)", seconds: seconds, items: grants, peakRSSMiB: peakRSSMiB(),
            extra: extra)
    }

    /// `baton explorer` on `grants` grants, as a child process: start-up, then the first page of each list
    /// (the slowest one is the figure).
    static func explorer(grants: Int, directory: String) async throws -> Figures {
        let c1z = try accessFile(grants: grants, directory: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Products.path("baton"))
        process.arguments = ["explorer", "-f", c1z, "--port", "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        let (baseURL, startSeconds) = try await timed { () -> String in
            try process.run()
            let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
            guard let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }) else {
                throw BenchError("baton explorer printed no address: \(line)")
            }
            return url.hasSuffix("/") ? String(url.dropLast()) : String(url)
        }
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var extra = ["start_seconds": String(format: "%.2f", startSeconds)]
        var slowest = 0.0
        let lists = [
            "overview": "/api/overview", "resources": "/api/resources", "search": "/api/resources?q=user%2012",
            "resource": "/api/resource?type=group&id=g0", "holders": "/api/holders?entitlement=group:g0:member",
            "holders_derived": "/api/holders?entitlement=repository:r0:read", "access": "/api/access?type=user&id=u1",
        ]
        for (name, path) in lists.sorted(by: { $0.key < $1.key }) {
            let (_, seconds) = try await timed { try await get(baseURL + path) }
            extra[name + "_ms"] = String(format: "%.1f", seconds * 1000)
            slowest = max(slowest, seconds)
        }
        return Figures(
            scenario: "baton explorer first pages (\(grants) grants, slowest)", seconds: slowest, items: lists.count,
            peakRSSMiB: peakRSSMiB(pid: process.processIdentifier), extra: extra)
    }

    private static func get(_ url: String) async throws {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 64 << 20)
        guard response.status.code == 200 else { throw BenchError("GET \(url): \(response.status.code)") }
    }

    private static func headlessDOM(_ url: String) throws -> String {
        let profile = NSTemporaryDirectory() + "baton-bench-chromium-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile)", "--dump-dom", url,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The page's `data-render-ms`: from its script starting to the first view drawn.
    private static func renderMilliseconds(_ dom: String) -> String {
        guard let range = dom.range(of: "data-render-ms=\"") else { return "?" }
        return String(dom[range.upperBound...].prefix { $0 != "\"" })
    }
}
