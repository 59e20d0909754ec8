import ArgumentParser
import BatonScaffold
import Foundation

/// `baton-connector validate [Connectors/<Name>…]`: the publishing guide's checklist, exit 1 on any failure.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check connectors against the publishing guide and print a checklist (exit 1 on a failure).",
        discussion: """
            Checks a syncer for every declared resource type, the README's sections, the licence, \
            baton_capabilities.json against the executable's capabilities, tests, provisioning declared where \
            implemented, and secret config fields. Runs the built executables: build them first.
            """)

    @Argument(help: "Connector directories (default: every one under Connectors/).")
    var connectors: [String] = []
    @Option(help: "The baton-swift checkout.")
    var root = FileManager.default.currentDirectoryPath
    @Option(name: .customLong("bin-path"), help: "Where the built executables are (default: <root>/.build/debug).")
    var binPath: String?

    func run() async throws {
        let failures = try await CommandFailure.oneLine {
            let validator = ConnectorValidator(root: root, binPath: binPath ?? root + "/.build/debug")
            let paths = connectors.isEmpty ? validator.allConnectors() : connectors
            guard !paths.isEmpty else { throw ScaffoldError("no connectors under \(root)/Connectors") }
            var failures = 0
            for path in paths {
                let checks = try validator.validate(path)
                let failed = checks.filter { !$0.passed }.count
                failures += failed
                print("\(path): \(failed == 0 ? "ok" : "\(failed) of \(checks.count) checks failed")")
                for check in checks {
                    print("  [\(check.passed ? "ok" : "FAIL")] \(check.name): \(check.detail)")
                }
            }
            return failures
        }
        if failures > 0 { throw ExitCode.failure }
    }
}
