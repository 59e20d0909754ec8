import BatonCLI
import BatonConfig
import BatonSDK
import BatonTestSupport
import DemoConnector
import Foundation
import Synchronization

/// Text written to a ``TextOutput`` during a test.
final class CapturedText: Sendable {
    private let text = Mutex("")

    /// An output that appends here.
    func output(isTerminal: Bool = false, columns: Int = 80) -> TextOutput {
        TextOutput(isTerminal: isTerminal, columns: columns) { [self] chunk in text.withLock { $0 += chunk } }
    }

    var value: String { text.withLock { $0 } }
}

/// What one in-process run of the command printed.
struct CommandResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Standard error split into lines (empty lines dropped).
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
}

/// Runs the connector command in-process against one demo directory and one temporary folder, so successive runs
/// see each other's provisioning (as calls to a real service would).
struct CommandHarness: Sendable {
    let directory = DemoDirectory()
    let folder: TestDirectory
    var fields: [ConfigField] = []
    var factory: ConnectorDefinition.Factory?

    init() throws {
        folder = try TestDirectory("baton-cli")
    }

    /// The c1z path the tests sync to.
    var file: String { folder.file("sync.c1z") }

    /// baton-demo's definition (as in `Connectors/Demo/Main/main.swift`), on the shared directory.
    var definition: ConnectorDefinition {
        let directory = directory
        return ConnectorDefinition(
            name: "baton-demo", version: "0.1.0",
            summary: "baton-demo syncs an in-memory demo directory: users, nested groups, roles and an app.",
            fields: fields, displayName: "Baton Demo",
            makeConnector: factory ?? { _, _ in DemoConnector(directory: directory) })
    }

    /// Runs with `arguments` in the temporary folder; the environment holds only what is passed.
    func run(
        _ arguments: [String], environment: [String: String] = [:], terminal: Bool = false, columns: Int = 80
    ) async -> CommandResult {
        let out = CapturedText()
        let err = CapturedText()
        let status = await ConnectorCommand.run(
            definition, arguments: arguments, environment: environment, currentDirectory: folder.path,
            stdout: out.output(isTerminal: terminal, columns: columns),
            stderr: err.output(isTerminal: terminal, columns: columns))
        return CommandResult(status: status, stdout: out.value, stderr: err.value)
    }

    /// A full sync to ``file`` (JSON logs, so nothing depends on a terminal).
    func sync(_ extra: [String] = []) async -> CommandResult {
        await run(["-f", file, "--log-format", "json"] + extra)
    }

    func remove() { folder.remove() }
}
