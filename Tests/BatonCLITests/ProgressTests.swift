import BatonConfig
import BatonSync
import Testing

@testable import BatonCLI

@Suite("Progress line and settings")
struct ProgressTests {
    @Test func lineShowsPhaseCountsRateAndWaits() {
        var progress = SyncProgress(phase: .grants)
        progress.resources = 62
        progress.entitlements = 12
        progress.grants = 140
        progress.retries = 1
        let waits = SyncMonitor.Waits(count: 2, rateLimited: 2, milliseconds: 4_000)
        let line = ProgressText.line(progress: progress, elapsed: .seconds(75), callsPerSecond: 35.4, waits: waits)
        #expect(
            line == "[grants] 62 resources, 12 entitlements, 140 grants | 35 calls/s | 2 waits 4.0s | 1 retries | 1:15")
        let quiet = ProgressText.line(
            progress: SyncProgress(phase: .expansion), elapsed: .seconds(3), callsPerSecond: nil, waits: .init())
        #expect(quiet == "[expanding grants] 0 resources, 0 entitlements, 0 grants | - calls/s | 0:03")
        progress.derivedGrants = 35
        let narrow = ProgressText.line(
            progress: progress, elapsed: .seconds(75), callsPerSecond: 35.4, waits: waits, columns: 80)
        #expect(narrow == "[grants] 62 res, 12 ent, 140 grants +35 | 35/s | 2 waits 4.0s | 1 retries | 1:15")
    }

    @Test func fitCutsToTheWidthMinusOne() {
        let text = String(repeating: "x", count: 100)
        #expect(StatusLine.fit(text, columns: 80).count == 79)
        #expect(StatusLine.fit("short", columns: 80) == "short")
    }

    @Test func rateMeterUsesTheRecentWindow() {
        var meter = RateMeter()
        let start = ContinuousClock.now
        #expect(meter.rate(at: start) == nil)
        meter.add(count: 0, at: start)
        meter.add(count: 10, at: start + .seconds(1))
        #expect(meter.rate(at: start + .seconds(1)) == 10)
        // Long after a burst the old samples fall out of the window.
        meter.add(count: 1_000, at: start + .seconds(2))
        meter.add(count: 1_010, at: start + .seconds(20))
        let rate = meter.rate(at: start + .seconds(20))
        #expect(rate.map { $0 < 10 } == true)
    }

    @Test func formatting() {
        #expect(ProgressText.clock(.seconds(3)) == "0:03")
        #expect(ProgressText.clock(.seconds(3_723)) == "1:02:03")
        #expect(ProgressText.duration(milliseconds: 450) == "450ms")
        #expect(ProgressText.duration(milliseconds: 4_250) == "4.2s")
        #expect(ProgressText.duration(milliseconds: 185_000) == "3m05s")
        #expect(ProgressText.bytes(512) == "512 B")
        #expect(ProgressText.bytes(15_000) == "14.6 KiB")
    }

    @Test func workersFollowTheDocumentedMeaning() throws {
        #expect(try SyncSettings.workers(-1, parallelSync: false, processors: 2) == 2)
        #expect(try SyncSettings.workers(-1, parallelSync: false, processors: 16) == 4)
        #expect(try SyncSettings.workers(0, parallelSync: false, processors: 2) == ConnectorDefinition.defaultWorkers)
        #expect(try SyncSettings.workers(0, parallelSync: true, processors: 2) == 2)
        #expect(try SyncSettings.workers(7, parallelSync: true, processors: 2) == 7)
        #expect(throws: CommandError.self) { try SyncSettings.workers(-2, parallelSync: false, processors: 2) }
    }

    @Test func dispatchFollowsTheReferenceOrder() throws {
        let schema = try ConnectorDefinition(name: "t", version: "0") { _, _ in throw CancellationError() }.schema()
        func action(_ arguments: [String]) throws -> CommandAction {
            CommandAction.choose(for: try schema.resolve(arguments: arguments, environment: [:], currentDirectory: "/"))
        }
        func refusal(_ arguments: [String]) throws -> CommandError? {
            StandardFlags.refusal(in: try schema.resolve(arguments: arguments, environment: [:], currentDirectory: "/"))
        }
        #expect(try action([]) == .sync)
        #expect(try action(["--grant-entitlement", "e", "--delete-resource", "r"]) == .grant)
        #expect(try action(["--revoke-grant", "g", "--create-account-login", "l"]) == .revoke)
        #expect(try action(["--create-account-email", "e@x.example"]) == .createAccount)
        #expect(try action(["--delete-resource", "r"]) == .deleteResource)
        // Commands baton-swift does not run are refused before dispatch, never dispatched to a sync.
        #expect(try refusal(["--rotate-credentials", "r"]) != nil)
        #expect(try refusal(["--invoke-action", "a"]) != nil)
        #expect(try refusal(["--grant-entitlement", "e", "--grant-principal", "p"]) == nil)
    }
}
