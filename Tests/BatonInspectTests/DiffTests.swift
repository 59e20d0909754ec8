import BatonInspect
import BatonProto
import BatonTestSupport
import Foundation
import Testing

/// `diff` between the two syncs of one file, and between the latest syncs of two files.
@Suite struct DiffTests {
    /// The ids in one bucket of the diff JSON, in order.
    private static func ids(_ diff: [String: Any], _ kind: String, _ change: String) -> [String] {
        let records = ((diff[kind] as? [String: Any])?[change] as? [[String: Any]]) ?? []
        return records.compactMap { record in
            if let id = record["id"] as? String { return id }
            let resourceID = record["id"] as? [String: Any]
            return (resourceID?["resourceType"] as? String).map {
                $0 + ":" + ((resourceID?["resource"] as? String) ?? "")
            }
        }
    }

    private static func expectKnownChanges(_ output: String) throws {
        let diff = try #require(try JSONComparison.parse(output) as? [String: Any])
        #expect(ids(diff, "resources", "created") == ["user:u3"])
        #expect(ids(diff, "resources", "deleted") == ["user:u2"])
        // The group's profile Struct re-encodes in another order; it is not a change.
        #expect(ids(diff, "resources", "modified") == ["user:u1"])
        #expect(ids(diff, "entitlements", "created") == ["group:g1:admin"])
        #expect(ids(diff, "entitlements", "deleted").isEmpty)
        #expect(ids(diff, "entitlements", "modified").isEmpty)
        #expect(ids(diff, "grants", "created") == ["group:g1:member:user:u3"])
        #expect(ids(diff, "grants", "deleted") == ["group:g1:member:user:u2"])
        #expect(ids(diff, "grants", "modified").isEmpty)
        let modified = try #require(((diff["resources"] as? [String: Any])?["modified"] as? [[String: Any]])?.first)
        #expect(modified["displayName"] as? String == "Alice Smith")
    }

    @Test func theSampleGroupIsStoredAsDifferentBytesInTheTwoSyncs() throws {
        let first = try SampleFile.group("g1").deterministicData()
        let second = try SampleFile.group("g1", reversed: true).deterministicData()
        #expect(first != second)
        #expect(first.count == second.count)
    }

    @Test func comparesTheLastTwoSyncsOfOneFile() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleFile.write(in: directory)
            let result = await baton("diff", "-f", files.new, "-o", "json")
            #expect(result.exitCode == 0, "\(result.standardError)")
            try Self.expectKnownChanges(result.standardOutput)
        }
    }

    @Test func comparesTheLatestSyncsOfTwoFiles() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleFile.write(in: directory)
            let result = await baton("diff", "-f", files.old, "--to", files.new, "-o", "json")
            #expect(result.exitCode == 0, "\(result.standardError)")
            try Self.expectKnownChanges(result.standardOutput)
            let reversed = await baton("diff", "-f", files.new, "--to", files.old, "-o", "json")
            let diff = try #require(try JSONComparison.parse(reversed.standardOutput) as? [String: Any])
            #expect(Self.ids(diff, "resources", "created") == ["user:u2"])
            #expect(Self.ids(diff, "resources", "deleted") == ["user:u3"])
        }
    }

    @Test func consoleListsEachChange() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleFile.write(in: directory)
            let result = await baton("diff", "-f", files.new)
            #expect(result.exitCode == 0)
            #expect(result.standardOutput.contains(": 3 created, 2 deleted, 1 modified\n"))
            #expect(result.standardOutput.contains("deleted  | grants       | group:g1:member:user:u2"))
        }
    }

    @Test func aFileWithOneSyncCannotBeDiffedAlone() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleFile.write(in: directory)
            let result = await baton("diff", "-f", files.old)
            #expect(result.exitCode == 1)
            #expect(result.standardError.hasPrefix("baton: cannot diff a single sync run"))
            let same = await baton(
                "diff", "-f", C1ZFixtures.c1zPath(C1ZFixtures.sdk0_2_14), "--to",
                C1ZFixtures.c1zPath(C1ZFixtures.sdk0_7_27), "-o", "json")
            #expect(same.exitCode == 0)
            #expect(same.standardOutput == "{\"resources\":{},\"entitlements\":{},\"grants\":{}}\n")
        }
    }
}
