import BatonInspect
import BatonTestSupport
import Foundation
import Testing

/// Every command's output on the Go-written fixtures equals what the Go `baton` printed.
@Suite struct FixtureOutputTests {
    static let jsonCommands = ["resource-types", "resources", "entitlements", "grants"]

    @Test(arguments: C1ZFixtures.all, jsonCommands)
    func jsonEqualsGoOutput(fixture: String, command: String) async throws {
        let result = await baton(command, "-f", C1ZFixtures.c1zPath(fixture), "-o", "json")
        #expect(result.exitCode == 0)
        #expect(result.standardError.isEmpty)
        let expected = try C1ZFixtures.expectedText(fixture, command + ".json")
        let difference = try JSONComparison.difference(result.standardOutput, expected)
        #expect(difference == nil, "\(fixture) \(command): \(difference ?? "")")
    }

    @Test(arguments: C1ZFixtures.all)
    func syncsEqualGoOutputToTheMicrosecond(fixture: String) async throws {
        let result = await baton("syncs", "-f", C1ZFixtures.c1zPath(fixture), "-o", "json")
        #expect(result.exitCode == 0)
        // The store hands sync times over as `Date`, which cannot hold the nanoseconds Go stored and
        // printed; compare the times cut to microseconds and everything else exactly.
        let actual = try #require(JSONComparison.parse(result.standardOutput) as? [String: Any])
        let expected = try #require(
            JSONComparison.parse(try C1ZFixtures.expectedText(fixture, "syncs.json")) as? [String: Any])
        let difference = try JSONComparison.difference(
            Self.json(Self.microseconds(actual)), Self.json(Self.microseconds(expected)))
        #expect(difference == nil, "\(difference ?? "")")
        let started = try #require((actual["syncs"] as? [[String: Any]])?.first?["startedAt"] as? String)
        #expect(started == "2026-11-23T10:40:55.234843Z")
    }

    @Test(arguments: C1ZFixtures.all)
    func statsTableEqualsGoOutput(fixture: String) async throws {
        let result = await baton("stats", "-f", C1ZFixtures.c1zPath(fixture))
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == (try C1ZFixtures.expectedText(fixture, "stats.txt")))
    }

    @Test func globalOptionsMayPrecedeTheCommand() async throws {
        let fixture = C1ZFixtures.sdk0_7_27
        let before = await baton("-f", C1ZFixtures.c1zPath(fixture), "-o", "json", "resource-types")
        let after = await baton("resource-types", "--file=" + C1ZFixtures.c1zPath(fixture), "--output-format", "json")
        #expect(before.exitCode == 0)
        #expect(before.standardOutput == after.standardOutput)
        #expect(
            try JSONComparison.difference(
                before.standardOutput, C1ZFixtures.expectedText(fixture, "resource-types.json"))
                == nil)
    }

    @Test func unknownSyncIDFails() async {
        let result = await baton("grants", "-f", C1ZFixtures.c1zPath(C1ZFixtures.sdk0_2_14), "--sync-id", "2NoSuchSync")
        #expect(result.exitCode == 1)
        #expect(result.standardError == "baton: c1z: sync 2NoSuchSync not found\n")
    }

    @Test func namedSyncIDReadsThatSync() async throws {
        let fixture = C1ZFixtures.sdk0_2_14
        let result = await baton(
            "resource-types", "-f", C1ZFixtures.c1zPath(fixture), "-o", "json", "--sync-id",
            "3MVKmjuVWqdm114MnqvL6ArQEUe")
        #expect(
            try JSONComparison.difference(
                result.standardOutput, C1ZFixtures.expectedText(fixture, "resource-types.json"))
                == nil)
    }

    private static func microseconds(_ object: [String: Any]) -> [String: Any] {
        var object = object
        object["syncs"] = (object["syncs"] as? [[String: Any]])?.map { run in
            var run = run
            for key in ["startedAt", "endedAt"] {
                if let time = run[key] as? String {
                    run[key] = cutToMicroseconds(time)
                }
            }
            return run
        }
        return object
    }

    /// `…:55.234843093Z` → `…:55.234843Z` (rounded), matching protobuf JSON's 6-digit form.
    private static func cutToMicroseconds(_ time: String) -> String {
        guard let dot = time.firstIndex(of: "."), time.hasSuffix("Z") else { return time }
        let digits = time[time.index(after: dot)..<time.index(before: time.endIndex)]
        let nanos = Int(digits.padding(toLength: 9, withPad: "0", startingAt: 0)) ?? 0
        let micros = (nanos + 500) / 1_000
        let fraction = String(format: "%06d", micros)
        return String(time[..<dot]) + (micros == 0 ? "" : "." + fraction) + "Z"
    }

    private static func json(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }
}
