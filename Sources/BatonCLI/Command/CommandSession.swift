import BatonConfig
import BatonHTTP
import BatonSDK
import Logging

/// A validated configuration with its logging, ready to build the connector and run one action.
struct CommandSession: Sendable {
    let invocation: CommandInvocation
    let config: ResolvedConfig
    let logging: CommandLogging
    let logger: Logger
    let monitor: SyncMonitor

    var name: String { invocation.name }
    /// Standard output with secrets masked (results echo ids and names the user typed).
    var stdout: TextOutput {
        let output = invocation.stdout
        let redactor = logging.output.redactor
        return TextOutput(isTerminal: output.isTerminal, columns: output.columns) { text in
            output.write(redactor.redact(text))
        }
    }

    /// What the connector factory receives besides the configuration.
    var context: ConnectorContext {
        ConnectorContext(
            logger: logger, httpTimeout: .seconds(max(1, config.int("http-timeout-seconds"))),
            userAgent: "\(name)/\(invocation.definition.version)", environment: invocation.environment,
            waitObserver: { [monitor] wait in monitor.record(wait) },
            workers: (try? SyncSettings.workers(
                config.int("workers"), parallelSync: config.bool("parallel-sync"), processors: invocation.processors))
                ?? ConnectorDefinition.defaultWorkers)
    }

    /// Runs `action` and returns the exit status.
    func runAction(_ action: CommandAction) async throws -> Int32 {
        switch action {
        case .daemon: try await runDaemon()
        case .sync: try await sync()
        case .grant: try await grant()
        case .revoke: try await revoke()
        case .createAccount: try await createAccount()
        case .deleteResource: try await deleteResource()
        }
        return CommandError.ExitCode.success
    }

    /// `capabilities`: prints `baton_capabilities.json` (no trailing newline unless a person is reading).
    func printCapabilities() async throws -> Int32 {
        let json = try await withConnector { runtime in try runtime.capabilitiesJSON() }
        stdout.write(json + (stdout.isTerminal ? "\n" : ""))
        return CommandError.ExitCode.success
    }

    /// Builds the connector, runs `body` with its runtime, then shuts it down and empties the HTTP caches (as the
    /// reference's `Cleanup` does), whether `body` succeeded or not.
    func withConnector<T: Sendable>(_ body: (ConnectorRuntime) async throws -> T) async throws -> T {
        let connector = try await invocation.definition.makeConnector(config, context)
        let result: Result<T, any Error>
        do {
            let runtime = try ConnectorRuntime(connector)
            result = .success(try await body(runtime))
        } catch {
            result = .failure(error)
        }
        await BatonHTTPClient.clearAllCaches()
        do {
            try await connector.shutdown()
        } catch {
            logger.warning("connector shutdown failed: \(CommandInvocation.commandError(error).message)")
        }
        return try result.get()
    }
}
