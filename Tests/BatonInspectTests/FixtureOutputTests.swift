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

    /// Go varies whitespace and the newer schema adds fields its reader drops, so this compares spellings: every
    /// key, string and number the Go tool printed is spelled exactly so in ours (`1`, not `1.0`).
    @Test(arguments: C1ZFixtures.goPrinted, jsonCommands)
    func everyTokenGoPrintsIsSpelledTheSame(fixture: String, command: String) async throws {
        let result = await baton(command, "-f", C1ZFixtures.c1zPath(fixture), "-o", "json")
        #expect(result.exitCode == 0)
        let expected = try C1ZFixtures.expectedText(fixture, command + ".json")
        let missing = JSONTokens.missing(from: result.standardOutput, expected: expected)
        #expect(missing.isEmpty, "\(fixture) \(command): \(missing.prefix(10))")
    }

    @Test func profileNumbersAreSpelledAsGoSpellsThem() async throws {
        let result = await baton("resources", "-f", C1ZFixtures.c1zPath(C1ZFixtures.oktaTiny), "-o", "json")
        let tokens = JSONTokens.count(result.standardOutput).keys
        // The fixture's groups carry integral profile numbers; SwiftProtobuf alone would print them as `1.0`.
        #expect(result.standardOutput.contains("\"apps_count\":1"))
        #expect(!tokens.contains { $0.first?.isNumber == true && $0.hasSuffix(".0") })
    }

    @Test(arguments: C1ZFixtures.all)
    func syncsEqualGoOutputToTheNanosecond(fixture: String) async throws {
        let result = await baton("syncs", "-f", C1ZFixtures.c1zPath(fixture), "-o", "json")
        #expect(result.exitCode == 0)
        let expected = try C1ZFixtures.expectedText(fixture, "syncs.json")
        let difference = try JSONComparison.difference(result.standardOutput, expected)
        #expect(difference == nil, "\(difference ?? "")")
        // Go stored and printed nanoseconds; a `Date` round trip would have lost the last digits.
        #expect(result.standardOutput.contains("\"startedAt\":\"2026-11-23T10:40:55.234843093Z\""))
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
}
