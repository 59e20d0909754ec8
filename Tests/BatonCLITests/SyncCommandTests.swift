import BatonCLI
import BatonSDK
import BatonStore
import BatonTestSupport
import DemoConnector
import Foundation
import Testing

@Suite("Command line: sync")
struct SyncCommandTests {
    @Test func syncWritesTheFileAndSummarizes() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["-f", "sync.c1z", "--log-format", "console"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let snapshot = try C1ZSnapshot.load(harness.file)
        #expect(snapshot.resources.count == 62)
        #expect(result.stderr.contains("Sync finished in "))
        #expect(result.stderr.contains(": sync.c1z, "))
        #expect(result.stderr.contains("4 resource types, 62 resources, 12 entitlements, "))
        #expect(result.stderr.contains(" derived)"))
        #expect(result.stderr.contains("connector calls"))
        // Not a terminal: no progress line.
        #expect(!result.stderr.contains("\r"))
    }

    @Test func jsonModeLogsOneObjectPerLineAndTheSummaryAsAnEvent() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["-f", harness.file, "--log-format", "json"], terminal: true)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}"), "no progress line or colours next to JSON logs")
        var messages: [String] = []
        for line in result.stderrLines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["level"] is String && object["ts"] is String)
            messages.append(try #require(object["msg"] as? String))
            if object["msg"] as? String == "sync finished" {
                #expect(object["resources"] as? Int == 62)
                #expect(object["resumed"] as? Bool == false)
                #expect(object["sync_type"] as? String == "full")
            }
        }
        #expect(messages.contains("sync finished"))
    }

    @Test func terminalShowsAProgressLineThatFitsTheWidth() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["-f", harness.file, "--log-format", "console"], terminal: true, columns: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let erase = "\r\u{1B}[2K"
        #expect(result.stderr.contains(erase + "["))
        // After each erase comes either a status line, or log lines followed by the status line drawn again; every
        // status line fits in 59 columns. The line is erased for good before the summary.
        let drawn = result.stderr.components(separatedBy: erase).dropFirst()
        var statuses = 0
        for chunk in drawn.dropLast() {
            let status = chunk.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
            #expect(status.count <= 59, "status line too wide: \(status)")
            #expect(status.hasPrefix("["))
            statuses += 1
        }
        #expect(statuses > 0)
        #expect(drawn.last?.hasPrefix("Sync finished") == true)
    }

    @Test func workersAndTypeFilter() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let filtered = await harness.sync(["--sync-resource-types", "user,group", "--workers", "-1"])
        #expect(filtered.status == 0, "\(filtered.stderr)")
        let snapshot = try C1ZSnapshot.load(harness.file)
        #expect(snapshot.resources.count == 58)
        let unknown = await harness.sync(["--sync-resource-types", "printer"])
        #expect(unknown.status == 1)
        #expect(unknown.stderrLines.last == "baton-demo: invalid resource type 'printer' in filter")
        let workers = await harness.sync(["--workers", "-3"])
        #expect(workers.status == 2)
        #expect(
            workers.stderrLines == [
                "baton-demo: invalid --workers -3: expected -1 (automatic), 0 (default) or a positive number"
            ])
    }

    @Test func skipEntitlementsAndGrantsSyncsResourcesOnly() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.sync(["--skip-entitlements-and-grants"])
        #expect(result.status == 0, "\(result.stderr)")
        let store = try C1ZStore.open(c1z: harness.file)
        defer { try? store.close() }
        let run = try #require(try store.listSyncRuns().last)
        #expect(run.syncType == .resourcesOnly)
    }

    @Test func targetedSyncTakesBIDs() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        #expect((await harness.sync()).status == 0)
        let targeted = await harness.sync(["--sync-resources", "bid:r:group/g-empty,bid:r:user/u007"])
        #expect(targeted.status == 0, "\(targeted.stderr)")
        let store = try C1ZStore.open(c1z: harness.file)
        defer { try? store.close() }
        let runs = try store.listSyncRuns()
        #expect(runs.map(\.syncType).contains(.partial))
    }

    @Test func malformedBIDIsOneLine() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.sync(["--sync-resources", "user/u001"])
        #expect(result.status == 2)
        #expect(
            result.stderrLines == [
                "baton-demo: invalid resource bid 'user/u001': expected bid:r:<type>/<id>"
            ])
        #expect(!FileManager.default.fileExists(atPath: harness.file))
    }

    @Test func connectorFailureIsOneLineAndExitOne() async throws {
        var harness = try CommandHarness()
        defer { harness.remove() }
        harness.factory = { _, _ in throw BatonError(.unauthenticated, "demo: the API rejected the credentials") }
        let result = await harness.sync()
        #expect(result.status == 1)
        #expect(result.stderrLines.last == "baton-demo: demo: the API rejected the credentials")
    }

    @Test func interruptedSyncKeepsItsWorkAndResumes() async throws {
        var harness = try CommandHarness()
        defer { harness.remove() }
        let gate = StallGate()
        let directory = harness.directory
        harness.factory = { _, _ in StallingConnector(inner: DemoConnector(directory: directory), gate: gate) }
        let stalled = harness
        let interrupted = Task { await stalled.sync() }
        await gate.waitUntilStalled()
        interrupted.cancel()
        let result = await interrupted.value
        #expect(result.status == 130)
        #expect(result.stderrLines.last?.hasPrefix("baton-demo: interrupted; the sync is saved in ") == true)
        #expect(FileManager.default.fileExists(atPath: harness.file + ".partial"))
        #expect(!FileManager.default.fileExists(atPath: harness.file))

        harness.factory = nil
        let resumed = await harness.run(["-f", harness.file, "--log-format", "console"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("(resumed)"))
        #expect(try C1ZSnapshot.load(harness.file).resources.count == 62)
    }
}
