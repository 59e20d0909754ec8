import BatonInspect
import BatonTestSupport
import Foundation
import Testing

/// The commands the Go fixtures have no expected output for, checked against the fixture's contents.
@Suite struct CommandTests {
    let file = C1ZFixtures.c1zPath(C1ZFixtures.sdk0_7_27)

    @Test func principalsListEachGrantHolderOnceWithCounts() async throws {
        let result = await baton("principals", "-f", file, "-o", "json")
        #expect(result.exitCode == 0)
        let object = try #require(try JSONComparison.parse(result.standardOutput) as? [String: Any])
        let items = try #require(object["resources"] as? [[String: Any]])
        let counts = items.compactMap { ($0["grantCount"] as? String).flatMap(Int.init) }
        #expect(counts.count == items.count)
        #expect(counts.reduce(0, +) == 82)
        let ids = items.compactMap {
            (($0["resource"] as? [String: Any])?["id"] as? [String: Any])?["resource"] as? String
        }
        #expect(Set(ids).count == ids.count)
        // The first grant of the file is to user 3001, who holds 8 grants.
        #expect(ids.first == "3001")
        #expect(counts.first == 8)
        #expect(items.allSatisfy { $0["resourceType"] != nil })
    }

    @Test func principalsOfOneEntitlement() async throws {
        let result = await baton("principals", "-f", file, "-e", "team:2001:member")
        #expect(result.exitCode == 0)
        let rows = result.standardOutput.split(separator: "\n").dropFirst()
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.hasSuffix("| 1     ") })
    }

    @Test func accessGroupsThePrincipalsGrantsByResource() async throws {
        let result = await baton("access", "-f", file, "-t", "user", "-r", "3001", "-o", "json")
        #expect(result.exitCode == 0)
        let object = try #require(try JSONComparison.parse(result.standardOutput) as? [String: Any])
        #expect((object["principal"] as? [String: Any])?["displayName"] as? String == "User 0 Person")
        let access = try #require(object["access"] as? [[String: Any]])
        let resources = access.compactMap { (($0["resource"] as? [String: Any])?["id"] as? [String: Any])?["resource"] }
        #expect(resources as? [String] == ["2003", "2001", "4001", "1001"])
        let entitlements = access.flatMap { ($0["entitlements"] as? [[String: Any]]) ?? [] }
        #expect(entitlements.count == 8)
        let grants = access.flatMap { ($0["grants"] as? [[String: Any]]) ?? [] }
        #expect(grants.count == 8)
        #expect(grants.allSatisfy { $0["direct"] as? Bool == true && $0["derivedFrom"] == nil })
    }

    @Test func accessToAnUnknownPrincipalFails() async {
        let result = await baton("access", "-f", file, "-t", "user", "-r", "999")
        #expect(result.exitCode == 1)
        #expect(result.standardError.hasPrefix("baton: principal user:999 not found"))
    }

    @Test func grantFiltersSelectByResourceTypeResourceAndEntitlement() async throws {
        func count(_ arguments: String...) async throws -> Int {
            let result = await BatonInspect.run(
                arguments: ["grants", "-f", file, "-o", "json"] + arguments, environment: [:])
            let object = try #require(try JSONComparison.parse(result.standardOutput) as? [String: Any])
            return (object["grants"] as? [Any])?.count ?? 0
        }
        #expect(try await count("-t", "repository") == 57)
        #expect(try await count("-t", "team", "-r", "2001") == 4)
        #expect(try await count("-e", "team:2001:member") == 3)
        #expect(try await count("-t", "team", "-e", "org:1001:admin") == 0)
        #expect(try await count("-t", "nothing") == 0)
    }

    @Test func emptyListsPrintAnEmptyObject() async throws {
        let result = await baton("resources", "-f", file, "-t", "nothing", "-o", "json")
        #expect(result.standardOutput == "{}\n")
    }

    @Test func resourceAndEntitlementFiltersMatchTheFullListing() async throws {
        let users = await baton("resources", "-f", file, "-t", "user", "-o", "json")
        let teamEntitlements = await baton("entitlements", "-f", file, "-t", "team", "-o", "json")
        let usersObject = try #require(try JSONComparison.parse(users.standardOutput) as? [String: Any])
        let teamObject = try #require(try JSONComparison.parse(teamEntitlements.standardOutput) as? [String: Any])
        #expect((usersObject["resources"] as? [Any])?.count == 12)
        #expect((teamObject["entitlements"] as? [Any])?.count == 6)
    }

    @Test(arguments: ["resource-types", "resources", "entitlements", "grants", "principals", "syncs", "stats"])
    func consoleTablesFitEightyColumns(command: String) async throws {
        let result = await baton(command, "-f", file)
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.map(\.count).max() ?? 0) columns")
    }

    @Test func helpDocumentsTheCommandsAndTwoFileDiff() async {
        let help = await baton("--help")
        #expect(help.exitCode == 0)
        for command in [
            "resource-types", "resources", "entitlements", "grants", "principals", "access", "syncs",
            "stats", "diff", "export",
        ] {
            #expect(help.standardOutput.contains("  " + command + " "), "\(command)")
        }
        let diffHelp = await baton("diff", "--help")
        #expect(diffHelp.exitCode == 0)
        #expect(diffHelp.standardOutput.contains("baton diff -f old.c1z --to new.c1z"))
        let viaHelpCommand = await baton("help", "diff")
        #expect(viaHelpCommand.standardOutput == diffHelp.standardOutput)
    }
}
