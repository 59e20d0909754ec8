import BatonCLI
import BatonTestSupport
import Foundation
import MockConductorOne
import MockKit
import MockOkta
import OktaConnector
import Synchronization
import Testing

/// Text written by the command, kept for assertions.
final class CapturedText: Sendable {
    private let storage = Mutex("")
    var text: String { storage.withLock { $0 } }
    var output: TextOutput { TextOutput { [self] piece in storage.withLock { $0 += piece } } }
}

/// The Okta connector's command line, in-process, as a daemon against a ConductorOne mock.
struct DaemonRun {
    let task: Task<Int32, Never>
    let stderr: CapturedText
    let stdout: CapturedText

    static let definition = ConnectorDefinition(
        name: "baton-okta", version: "0.1.0", summary: "test", fields: OktaConfig.fields,
        relationships: OktaConfig.relationships, fieldGroups: OktaConfig.fieldGroups
    ) { config, context in
        try OktaConnector(config: config, http: context.httpConfiguration)
    }

    /// Starts `baton-okta <okta flags> <extra>` with the mock's client.env and CA in its environment.
    static func start(
        okta: MockServer, conductor: ConductorOneMock, directory: TemporaryDirectory, extra: [String] = [],
        environment: [String: String] = [:]
    ) -> DaemonRun {
        let arguments =
            [
                "--domain", okta.baseURL, "--api-token", OktaMock.defaultAPIToken, "--log-level", "error",
                "--c1z-temp-dir", directory.path,
            ]
            + extra
        var env = conductor.environment
        env["SSL_CERT_FILE"] = conductor.caPath
        env["BATON_HOST_ID"] = "daemon-test"
        env.merge(environment) { $1 }
        let stderr = CapturedText()
        let stdout = CapturedText()
        let task = Task {
            await ConnectorCommand.run(
                definition, arguments: arguments, environment: env, currentDirectory: directory.path,
                stdout: stdout.output, stderr: stderr.output)
        }
        return DaemonRun(task: task, stderr: stderr, stdout: stdout)
    }

    /// What a one-shot sync of the Okta mock writes: the content a daemon's upload must equal.
    static func oneShotSync(_ okta: MockServer) async throws -> C1ZSnapshot {
        try await ConnectorHarness.sync(
            OktaConnector(
                settings: OktaSettings(domain: okta.baseURL, authentication: .apiToken(OktaMock.defaultAPIToken)),
                http: ConnectorHarness.http(userAgent: "daemon-tests")))
    }

    /// Stops it as SIGTERM does and returns the exit status.
    func stop() async -> Int32 {
        task.cancel()
        return await task.value
    }
}
