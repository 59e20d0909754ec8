import BatonTestSupport
import Foundation
import MockKit
import MockOkta
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real thing: the `baton-okta` executable killed with SIGKILL mid-sync, then run again.
@Suite("baton-okta killed and resumed")
struct KillResumeTests {
    @Test func syncsKilledAtSeveralMomentsResumeToTheCleanResultAndNeverTouchThePreviousFile() async throws {
        let executable = try BuiltProducts.executable("baton-okta")
        // Latency and a small page cap stretch the sync over about a second, with many checkpoints.
        let options = MockOptions(latency: .milliseconds(4), pageCap: 10)
        try await OktaHarness.withMock(size: .small, options: options) { server in
            let clean = try await OktaHarness.sync(try OktaHarness.connector(server))
            let directory = try TemporaryDirectory(prefix: "okta-kill")
            let output = directory.path("sync.c1z")
            let arguments = [
                "--domain", server.baseURL, "--api-token", OktaMock.defaultAPIToken, "-f", output,
                "--log-level", "error",
            ]

            // A first complete run leaves the file every later, killed run must leave alone.
            #expect(try await Self.run(executable, arguments, killAfter: nil) == 0)
            let previous = try Data(contentsOf: URL(fileURLWithPath: output))
            #expect(try C1ZSnapshot.load(output) == clean)

            var kills = 0
            var finished = false
            for delay in [150, 420, 90, 700, 260, 1_000, 330, 560] {
                let status = try await Self.run(executable, arguments, killAfter: .milliseconds(delay))
                if status == 0 {
                    finished = true
                    break
                }
                #expect(status == -SIGKILL, "run after \(delay) ms ended with \(status), not by the kill")
                kills += 1
                #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == previous, "killed at \(delay) ms")
            }
            if !finished {
                #expect(try await Self.run(executable, arguments, killAfter: nil) == 0)
            }
            #expect(kills >= 3, "the sync finished too fast to be killed; raise the mock's latency")
            let resumed = try C1ZSnapshot.load(output)
            #expect(resumed == clean, "\(resumed.differences(from: clean).prefix(5))")
            #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
        }
    }

    /// Runs `executable` to the end (or kills it with SIGKILL after `killAfter`); returns its exit
    /// status, or minus the signal that ended it.
    static func run(_ executable: String, _ arguments: [String], killAfter: Duration?) async throws -> Int32 {
        try await onOwnThread { try runBlocking(executable, arguments, killAfter: killAfter) }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], killAfter: Duration?) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let killAfter {
            let deadline = ContinuousClock.now + killAfter
            while process.isRunning, ContinuousClock.now < deadline { usleep(5_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    }
}
