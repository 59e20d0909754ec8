import BatonCLI
import BatonConfig
import Foundation
import Testing

@Suite("Command line: help, version, subcommands, errors")
struct CommandLineTests {
    @Test func helpListsDefaultAndConnectorFlagsButNoHiddenOnes() async throws {
        var harness = try CommandHarness()
        defer { harness.remove() }
        harness.fields = [
            ConfigField.string("instance-url").description("The demo instance URL"),
            ConfigField.string("api-token").secret().description("The demo API token"),
            ConfigField.bool("debug-dump").hidden().description("Dump every response"),
        ]
        let result = await harness.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let help = result.stdout
        #expect(help.hasPrefix("baton-demo syncs an in-memory demo directory"))
        for flag in [
            "-f, --file string", "--log-level string", "--log-format string", "-p, --provisioning",
            "--sync-resources strings", "--sync-resource-types strings", "--skip-entitlements-and-grants",
            "--workers int", "--http-timeout-seconds int", "-h, --help", "-v, --version", "--instance-url string",
            "--api-token string",
        ] {
            #expect(help.contains(flag), "missing \(flag)")
        }
        for hidden in [
            "--grant-entitlement", "--revoke-grant", "--create-account-login", "--delete-resource", "--skip-grants",
            "--debug-dump", "--c1z-temp-dir",
        ] {
            #expect(!help.contains(hidden), "hidden flag \(hidden) is listed")
        }
        #expect(help.contains("capabilities") && help.contains("Get connector capabilities"))
        #expect(help.contains("config") && help.contains("Get the connector config schema"))
        #expect(help.contains("0 the default (16)"))
        #expect(help.contains("(default \"sync.c1z\")"))
    }

    @Test func helpForASubcommandAndTheHelpCommand() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let viaFlag = await harness.run(["capabilities", "--help"])
        let viaCommand = await harness.run(["help", "capabilities"])
        #expect(viaFlag.status == 0 && viaCommand.status == 0)
        #expect(viaFlag.stdout == viaCommand.stdout)
        #expect(viaFlag.stdout.hasPrefix("Get connector capabilities\n\nUsage:\n  baton-demo capabilities [flags]"))
        let root = await harness.run(["help"])
        #expect(root.stdout == (await harness.run(["-h"])).stdout)
    }

    @Test func versionPrintsNameAndVersion() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let long = await harness.run(["--version"])
        #expect(long.status == 0)
        #expect(long.stdout == "baton-demo version 0.1.0\n")
        #expect((await harness.run(["-v"])).stdout == long.stdout)
    }

    @Test func capabilitiesMatchTheCommittedFile() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["capabilities"])
        #expect(result.status == 0)
        let golden = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Connectors/Demo/baton_capabilities.json")
        #expect(result.stdout == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test func configPrintsTheSchemaJSON() async throws {
        var harness = try CommandHarness()
        defer { harness.remove() }
        harness.fields = [ConfigField.string("instance-url").required().description("The demo instance URL")]
        // The schema export needs no valid configuration: the required field is not set.
        let result = await harness.run(["config"])
        #expect(result.status == 0)
        let expected = try harness.definition.schema(defaultOptions: .init(stdoutIsTerminal: false)).schemaJSON()
        #expect(result.stdout == expected)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let names = try #require(object["fields"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(names.contains("instance-url"))
        #expect(names.contains("log-level"))
        #expect(!names.contains("file"))
        #expect(object["displayName"] as? String == "Baton Demo")
    }

    @Test func unknownFlagIsOneLine() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["--no-such-flag", "-f", harness.file])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "baton-demo: unknown flag: --no-such-flag\n")
    }

    @Test func unknownCommandAndStrayArgumentsAreOneLine() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let unknown = await harness.run(["synk"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "baton-demo: unknown command \"synk\" for \"baton-demo\"\n")
        let stray = await harness.run(["capabilities", "extra"])
        #expect(stray.status == 2)
        #expect(stray.stderrLines.count == 1)
    }

    @Test func mutuallyExclusiveFlagsGiveTheReferenceText() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run([
            "-f", harness.file, "--grant-entitlement", "group:g-empty:member", "--grant-principal", "u007",
            "--revoke-grant", "group:g-backend:member:user:u001",
        ])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "baton-demo: fields marked as mutually exclusive were set: "
                + "('grant-entitlement' and 'revoke-grant')\n")
    }

    @Test func fieldsRequiredTogetherGiveTheReferenceText() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["-f", harness.file, "--grant-entitlement", "group:g-empty:member"])
        #expect(result.status == 2)
        #expect(result.stderr == "baton-demo: fields marked as needed together are missing: ('grant-principal')\n")
    }

    @Test func ruleViolationsAreOneLine() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["-f", harness.file, "--http-timeout-seconds", "5000"])
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("baton-demo: invalid configuration: field http-timeout-seconds"))
    }

    @Test func badLogLevelAndFormatAreUsageErrors() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let level = await harness.run(["-f", harness.file, "--log-level", "loud"])
        #expect(level.status == 2)
        #expect(level.stderr == "baton-demo: invalid log level \"loud\": expected debug, info, warn or error\n")
        let format = await harness.run(["-f", harness.file, "--log-format", "xml"])
        #expect(format.status == 2)
        #expect(format.stderr == "baton-demo: invalid log format \"xml\": expected json or console\n")
    }

    @Test func unsupportedReferenceCommandsAreRefusedNotSynced() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let feed = await harness.run(["-f", harness.file, "--event-feed", "true"])
        #expect(feed.status == 2)
        #expect(
            feed.stderr
                == "baton-demo: --event-feed is not supported by baton-swift: no connector here has an event feed\n")
        let service = await harness.run([
            "-f", harness.file, "--client-id", "id@example.conductor.one/x", "--client-secret", "not-a-real-secret",
        ])
        // Daemon mode is a mode of its own: a malformed secret stops it before anything is synced.
        #expect(service.status == 2)
        #expect(
            service.stderr
                == "baton-demo: invalid client secret: expected secret-token:conductorone.com:v1:<key>\n")
        #expect(!FileManager.default.fileExists(atPath: harness.file))
    }
}
