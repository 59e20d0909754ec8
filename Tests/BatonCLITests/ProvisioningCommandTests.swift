import BatonCLI
import BatonSDK
import BatonTestSupport
import Foundation
import Testing

@Suite("Command line: provisioning")
struct ProvisioningCommandTests {
    static let grantArguments = [
        "--grant-entitlement", "group:g-empty:member", "--grant-principal", "u007", "--grant-principal-type", "user",
    ]

    @Test func grantThenAlreadyExistsThenRevokeThenAlreadyRevoked() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        #expect((await harness.sync()).status == 0)

        let granted = await harness.run(["-f", harness.file, "-p"] + Self.grantArguments)
        #expect(granted.status == 0, "\(granted.stderr)")
        #expect(granted.stdout == "granted group:g-empty:member to user u007 (group:g-empty:member:user:u007)\n")

        // Provisioning commands imply provisioning: no -p needed.
        let again = await harness.run(["-f", harness.file] + Self.grantArguments)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "grant already exists: group:g-empty:member to user u007\n")

        // The service now has the membership: a new sync records the grant, which can be revoked by id.
        #expect((await harness.sync()).status == 0)
        let grantID = "group:g-empty:member:user:u007"
        #expect(try C1ZSnapshot.load(harness.file).grants[grantID] != nil)
        let revoked = await harness.run(["-f", harness.file, "--revoke-grant", grantID])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout == "revoked \(grantID)\n")
        let revokedAgain = await harness.run(["-f", harness.file, "--revoke-grant", grantID])
        #expect(revokedAgain.stdout == "grant already revoked: \(grantID)\n")

        #expect((await harness.sync()).status == 0)
        #expect(try C1ZSnapshot.load(harness.file).grants[grantID] == nil)
    }

    @Test func grantWithoutASyncSaysToRunOne() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["-f", "missing.c1z"] + Self.grantArguments)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "baton-demo: missing.c1z does not exist: run a sync first (baton-demo -f missing.c1z)\n")
    }

    @Test func grantOfUnknownEntitlementOrPrincipalSaysWhatIsMissing() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        #expect((await harness.sync()).status == 0)
        let entitlement = await harness.run([
            "-f", harness.file, "--grant-entitlement", "group:g-nope:member", "--grant-principal", "u007",
            "--grant-principal-type", "user",
        ])
        #expect(entitlement.status == 1)
        #expect(entitlement.stderrLines.last?.contains("entitlement 'group:g-nope:member' is not in ") == true)
        #expect(entitlement.stderrLines.last?.contains("run a sync first") == true)
        let principal = await harness.run([
            "-f", harness.file, "--grant-entitlement", "group:g-empty:member", "--grant-principal", "u999",
            "--grant-principal-type", "user",
        ])
        #expect(principal.status == 1)
        #expect(principal.stderrLines.last?.contains("principal user 'u999' is not in ") == true)
        let untyped = await harness.run([
            "-f", harness.file, "--grant-entitlement", "group:g-empty:member", "--grant-principal", "u007",
        ])
        #expect(untyped.status == 2)
        #expect(untyped.stderrLines == ["baton-demo: --grant-principal-type is required with --grant-entitlement"])
    }

    @Test func revokeOfUnknownGrantSaysToRunASync() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        #expect((await harness.sync()).status == 0)
        let result = await harness.run(["-f", harness.file, "--revoke-grant", "group:g-empty:member:user:u001"])
        #expect(result.status == 1)
        #expect(result.stderrLines.last?.hasSuffix("run a sync first, or check the id") == true)
    }

    @Test func createAccountMergesLoginAndEmailThenReportsExisting() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let arguments = [
            "--create-account-login", "newbie", "--create-account-email", "newbie@demo.example",
            "--create-account-profile", #"{"department":"QA"}"#,
        ]
        let created = await harness.run(arguments)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "created account user u051 (newbie)\n")
        let existing = await harness.run(arguments)
        #expect(existing.stdout == "account already exists: user u051 (newbie)\n")
        let badProfile = await harness.run([
            "--create-account-email", "x@demo.example", "--create-account-profile", "[",
        ])
        #expect(badProfile.status == 2)
        #expect(badProfile.stderrLines == ["baton-demo: invalid --create-account-profile: expected a JSON object"])
    }

    @Test func deleteOnATypeWithoutDeleterFails() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["--delete-resource", "u001", "--delete-resource-type", "user"])
        #expect(result.status == 1)
        #expect(result.stderrLines.last == "baton-demo: resource type user does not support deletion")
        let untyped = await harness.run(["--delete-resource", "u001"])
        #expect(untyped.status == 2)
        #expect(untyped.stderrLines == ["baton-demo: --delete-resource-type is required with --delete-resource"])
    }
}
