public import Foundation

/// The standard connector command line: sync to `-f/--file`, the provisioning commands, the `capabilities` and
/// `config` subcommands, `--help` and `--version`, all driven by the connector's ``ConnectorDefinition``.
///
/// A connector's `main.swift` is one call:
///
/// ```swift
/// import BatonCLI
/// import DemoConnector
///
/// await ConnectorCommand.main(
///     ConnectorDefinition(name: "baton-demo", version: "0.1.0") { _, _ in DemoConnector() })
/// ```
///
/// Exit statuses: 0 done; 1 the command failed; 2 the command line or configuration is wrong; 130 interrupted
/// (Ctrl-C; an interrupted sync resumes on the next run). Every failure is one line on standard error:
/// `baton-demo: <what went wrong>`.
public enum ConnectorCommand {
    /// Runs the command line of the current process and exits with its status.
    ///
    /// The first Ctrl-C (or SIGTERM) cancels the command cleanly; a second one exits at once.
    public static func main(_ definition: ConnectorDefinition) async -> Never {
        await main(definition, arguments: Array(CommandLine.arguments.dropFirst()))
    }

    /// Runs `arguments` (without the program name) as the process's command line and exits with its status; for
    /// tools that choose the definition from their own leading arguments (`baton sync -- <connector>`).
    public static func main(_ definition: ConnectorDefinition, arguments: [String]) async -> Never {
        let invocation = CommandInvocation(
            definition: definition, arguments: arguments,
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath, stdout: .standardOutput,
            stderr: .standardError, processors: ProcessInfo.processInfo.activeProcessorCount,
            bootstrapsLoggingSystem: true)
        let task = Task { await invocation.execute() }
        let interrupts = InterruptHandler { task.cancel() }
        var status = await task.value
        if status == CommandError.ExitCode.interrupted, let signal = interrupts.receivedSignal {
            status = 128 + signal
        }
        exit(status)
    }

    /// Runs the command line in-process and returns its exit status; cancelling the calling task interrupts it
    /// like Ctrl-C.
    ///
    /// - Parameters:
    ///   - definition: The connector.
    ///   - arguments: The arguments without the program name.
    ///   - environment: Where `BATON_*` variables are read from.
    ///   - currentDirectory: What relative paths (`--file`, `./.baton.yaml`) are resolved against.
    ///   - stdout: Results: capabilities, the config schema, provisioning outcomes, help.
    ///   - stderr: Logs, the progress line, the sync summary and errors.
    /// - Returns: 0 done, 1 failed, 2 bad command line or configuration, 130 interrupted.
    public static func run(
        _ definition: ConnectorDefinition, arguments: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        stdout: TextOutput = .standardOutput, stderr: TextOutput = .standardError
    ) async -> Int32 {
        let invocation = CommandInvocation(
            definition: definition, arguments: arguments, environment: environment,
            currentDirectory: currentDirectory, stdout: stdout, stderr: stderr,
            processors: ProcessInfo.processInfo.activeProcessorCount, bootstrapsLoggingSystem: false)
        return await invocation.execute()
    }
}
