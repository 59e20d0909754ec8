import BatonInspect
import BatonTestSupport
import Foundation
import Testing

/// `export csv|jsonl`: one row per grant, in stored order, the same bytes every time.
@Suite struct ExportTests {
    let file = C1ZFixtures.c1zPath(C1ZFixtures.sdk0_7_27)

    @Test(arguments: ["csv", "jsonl"])
    func exportIsDeterministic(format: String) async throws {
        let first = await baton("export", format, "-f", file)
        let second = await baton("export", format, "-f", file)
        #expect(first.exitCode == 0)
        #expect(first.standardOutput == second.standardOutput)
        let lines = first.standardOutput.split(separator: "\n")
        #expect(lines.count == (format == "csv" ? 83 : 82))
    }

    @Test func csvHasAHeaderAndOneRecordPerGrant() async throws {
        let result = await baton("export", "csv", "-f", file)
        let lines = result.standardOutput.components(separatedBy: "\n")
        #expect(
            lines.first
                == "grant_id,entitlement_id,resource_type,resource_id,principal_type,principal_id,direct,derived_from")
        #expect(lines[1] == "team:2003:member:user:3001,team:2003:member,team,2003,user,3001,true,")
        #expect(lines.last == "")
    }

    @Test func jsonlRowsFollowTheGrantsInStoredOrder() async throws {
        let export = await baton("export", "jsonl", "-f", file)
        let grants = await baton("grants", "-f", file, "-o", "json")
        let object = try #require(try JSONComparison.parse(grants.standardOutput) as? [String: Any])
        let grantIDs = ((object["grants"] as? [[String: Any]]) ?? []).compactMap {
            ($0["grant"] as? [String: Any])?["id"] as? String
        }
        let rows = try export.standardOutput.split(separator: "\n").map {
            try #require(try JSONComparison.parse(String($0)) as? [String: Any])
        }
        #expect(rows.compactMap { $0["grantId"] as? String } == grantIDs)
        #expect(Set(rows.map { Set($0.keys) }).count == 1)
    }

    @Test func derivedGrantsNameTheirSources() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleFile.write(in: directory)
            let csv = await baton("export", "csv", "-f", files.new)
            #expect(
                csv.standardOutput.contains(
                    "group:g1:member:user:u3,group:g1:member,group,g1,user,u3,true,group:g2:member\n"))
            let jsonl = await baton("export", "jsonl", "-f", files.new)
            #expect(jsonl.standardOutput.contains("\"direct\":true,\"derivedFrom\":[\"group:g2:member\"]}"))
        }
    }

    @Test func outWritesTheSameBytesToAFile() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/grants.jsonl"
            let toFile = await baton("export", "jsonl", "-f", file, "--out", path)
            #expect(toFile.exitCode == 0)
            #expect(toFile.standardOutput.isEmpty)
            let toStdout = await baton("export", "jsonl", "-f", file)
            let written = try String(contentsOfFile: path, encoding: .utf8)
            #expect(written == toStdout.standardOutput)
            let left = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(left == ["grants.jsonl"])
        }
    }

    /// Foundation's replaceItemAt on Linux removed the old file and then failed when given a relative
    /// path; the rename must replace it, relative or not.
    @Test func outReplacesAnEarlierFileAtARelativePath() async throws {
        try await withTemporaryDirectory { directory in
            let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
            let relative = String(repeating: "../", count: depth) + directory.dropFirst() + "/grants.csv"
            for _ in 0..<2 {
                let result = await baton("export", "csv", "-f", file, "--out", relative)
                #expect(result.exitCode == 0, "\(result.standardError)")
            }
            let written = try String(contentsOfFile: directory + "/grants.csv", encoding: .utf8)
            #expect(written.hasPrefix("grant_id,"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["grants.csv"])
        }
    }

    @Test func anUnwritableOutFails() async {
        let result = await baton("export", "csv", "-f", file, "--out", "/nonexistent-dir/grants.csv")
        #expect(result.exitCode == 1)
        #expect(result.standardError.hasPrefix("baton: cannot create /nonexistent-dir/grants.csv.tmp"))
    }
}
