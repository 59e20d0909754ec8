import BatonCLI
import BatonConfig
import BatonSDK
import BatonTestSupport
import DemoConnector
import Foundation
import Logging
import Testing

@Suite("Command line: secrets never printed")
struct SecretTests {
    static let secret = "tok-9f2c81d7e6b54a3a"

    /// A definition with a secret token, whose connector logs the token carelessly (as a buggy connector might).
    static func harness() throws -> CommandHarness {
        var harness = try CommandHarness()
        harness.fields = [
            ConfigField.string("api-token").required().secret().description("The demo API token")
        ]
        let directory = harness.directory
        harness.factory = { config, context in
            let token = config.string("api-token")
            context.logger.info("connecting with token \(token)", metadata: ["token": "\(token)"])
            context.logger.debug("auth header", metadata: ["headers": ["Authorization": "Bearer \(token)"]])
            return DemoConnector(directory: directory)
        }
        return harness
    }

    @Test(arguments: ["json", "console"])
    func secretIsMaskedInLogsAndTheSummary(format: String) async throws {
        let harness = try Self.harness()
        defer { harness.remove() }
        let logFile = harness.folder.file("baton.log")
        let result = await harness.run(
            [
                "-f", harness.file, "--api-token", Self.secret, "--log-level", "debug", "--log-format", format,
                "--log-path", logFile,
            ],
            terminal: true)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("connecting with token ***"))
        let logged = try String(contentsOfFile: logFile, encoding: .utf8)
        #expect(logged.contains("connecting with token ***"))
        for text in [result.stdout, result.stderr, logged] {
            #expect(!text.contains(Self.secret))
        }
    }

    @Test func secretFromTheEnvironmentIsMaskedToo() async throws {
        let harness = try Self.harness()
        defer { harness.remove() }
        let result = await harness.run(
            ["-f", harness.file, "--log-level", "debug", "--log-format", "json"],
            environment: ["BATON_API_TOKEN": Self.secret])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains(Self.secret))
        // The debug dump of the configuration shows the token was set, masked.
        #expect(result.stderr.contains(#""api-token":"***""#))
    }

    @Test func secretIsMaskedInErrors() async throws {
        var harness = try Self.harness()
        defer { harness.remove() }
        harness.factory = { config, _ in
            throw BatonError(.unauthenticated, "token \(config.string("api-token")) was rejected")
        }
        let result = await harness.run(["-f", harness.file, "--api-token", Self.secret])
        #expect(result.status == 1)
        #expect(result.stderrLines.last == "baton-demo: token *** was rejected")
        #expect(!result.stderr.contains(Self.secret))
    }

    @Test func secretIsAbsentFromHelpAndConfig() async throws {
        let harness = try Self.harness()
        defer { harness.remove() }
        let environment = ["BATON_API_TOKEN": Self.secret]
        let help = await harness.run(["--help"], environment: environment)
        let config = await harness.run(["config"], environment: environment)
        #expect(help.status == 0 && config.status == 0)
        #expect(help.stdout.contains("--api-token string"))
        for text in [help.stdout, help.stderr, config.stdout, config.stderr] {
            #expect(!text.contains(Self.secret))
        }
    }

    @Test func malformedSecretValueIsNotEchoed() async throws {
        var harness = try CommandHarness()
        defer { harness.remove() }
        harness.fields = [ConfigField.int("api-pin").secret()]
        let result = await harness.run(["--api-pin", "9f2c81d7-not-a-number"])
        #expect(result.status == 2)
        #expect(!result.stderr.contains("9f2c81d7"))
        #expect(result.stderrLines.count == 1)
    }
}
