import BatonInspect
import BatonTestSupport
import Foundation
import Testing

/// `baton sync|grant … -- <connector>` end to end, in-process for `baton` and with `baton-demo` as the child.
@Suite("baton sync and grant through a connector service")
struct RemoteCommandTests {
    @Test func syncThenGrantThroughTheDemoConnector() async throws {
        let demo = try BuiltProducts.executable("baton-demo")
        let directory = try TemporaryDirectory(prefix: "remote-command")
        let path = directory.path("sync.c1z")
        let sync = await BatonInspect.run(arguments: ["sync", "-f", path, "--log-level", "error", "--", demo])
        #expect(sync.exitCode == 0, "\(sync.standardError)")
        let snapshot = try C1ZSnapshot.load(path)
        #expect(snapshot.resources.count == 62)

        // A user who is not yet a member of a group with a member entitlement.
        let group = try #require(
            snapshot.entitlements.keys.sorted().first { $0.hasPrefix("group:") && $0.hasSuffix(":member") })
        let members = Set(snapshot.grants.keys.filter { $0.hasPrefix(group + ":user:") })
        let user = try #require(
            snapshot.resources.keys.sorted().first { $0.hasPrefix("user:") && !members.contains(group + ":" + $0) })
        let userID = String(user.dropFirst("user:".count))
        let grant = ["grant", "-f", path, "--entitlement", group, "--principal-type", "user", "--principal", userID]

        let refused = await BatonInspect.run(arguments: grant + ["--log-level", "error", "--", demo])
        #expect(refused.exitCode == 1)
        #expect(refused.standardError == "baton grant: Grant: provisioning is not enabled\n")

        let granted = await BatonInspect.run(arguments: grant + ["--log-level", "error", "--", demo, "-p"])
        #expect(granted.exitCode == 0, "\(granted.standardError)")
        #expect(granted.standardOutput.hasPrefix("granted \(group) to user \(userID)"))
    }

    @Test func aMissingConnectorOrAForeignActionFlagIsAUsageError() async throws {
        let missing = await BatonInspect.run(arguments: ["sync", "-f", "x.c1z"])
        #expect(missing.exitCode == 2)
        #expect(
            missing.standardError
                == "baton sync: missing the connector: baton sync [flags] -- <connector executable> [its flags…]\n")
        let foreign = await BatonInspect.run(arguments: ["sync", "--revoke-grant", "g", "--", "baton-demo"])
        #expect(foreign.exitCode == 2)
        #expect(foreign.standardError == "baton sync: --revoke-grant does not belong to baton sync\n")
        let directory = try TemporaryDirectory(prefix: "remote-usage")
        let unknown = await BatonInspect.run(
            arguments: [
                "sync", "-f", directory.path("x.c1z"), "--log-level", "error", "--", "/nonexistent/baton-nothing",
            ])
        #expect(unknown.exitCode == 1)
        #expect(
            unknown.standardError
                == "baton sync: connector executable /nonexistent/baton-nothing not found or not executable\n")
    }
}
