import BatonConfig
import BatonSDK
import BatonStore
import Logging

/// One run of the command line: parse, then print help or version, export the schema, or run an action.
struct CommandInvocation: Sendable {
    let definition: ConnectorDefinition
    let arguments: [String]
    let environment: [String: String]
    let currentDirectory: String
    let stdout: TextOutput
    let stderr: TextOutput
    /// Processors available, for `--workers -1`.
    let processors: Int
    /// Whether to route `Logger(label:)` loggers made elsewhere in the process to the command's handlers (once per
    /// process: only the real `main` does it).
    let bootstrapsLoggingSystem: Bool

    var name: String { definition.name }

    /// Runs the command and returns the exit status; every failure is one line on standard error.
    func execute() async -> Int32 {
        var redactor = SecretRedactor([])
        do {
            return try await run(redactor: &redactor)
        } catch {
            let failure = CommandInvocation.commandError(error)
            stderr.write("\(name): \(redactor.redact(failure.message))\n")
            return failure.exitCode
        }
    }

    private func run(redactor: inout SecretRedactor) async throws -> Int32 {
        // The container probe takes its own few flags, none of them connector configuration.
        if arguments.first == HealthCheckCommand.name {
            return try await HealthCheckCommand.run(Array(arguments.dropFirst()), invocation: self)
        }
        let schema = try definition.schema(defaultOptions: DefaultFieldOptions(stdoutIsTerminal: stderr.isTerminal))
        let config = try schema.resolve(
            arguments: arguments, environment: environment, currentDirectory: currentDirectory)
        if config.versionRequested {
            stdout.write("\(name) version \(definition.version)\n")
            return CommandError.ExitCode.success
        }
        let request = try Subcommand.request(config.positionalArguments, command: name)
        if config.helpRequested {
            switch request {
            case .root, .help(nil): stdout.write(rootHelp(schema))
            case .run(let subcommand), .help(let subcommand?): stdout.write(help(for: subcommand, schema))
            }
            return CommandError.ExitCode.success
        }
        switch request {
        case .help(nil):
            stdout.write(rootHelp(schema))
            return CommandError.ExitCode.success
        case .help(let subcommand?):
            stdout.write(help(for: subcommand, schema))
            return CommandError.ExitCode.success
        case .run(.config):
            // Exactly the reference's bytes when piped (no trailing newline); a newline for a person's prompt.
            stdout.write(try schema.schemaJSON() + (stdout.isTerminal ? "\n" : ""))
            return CommandError.ExitCode.success
        case .run, .root:
            break
        }

        if let refusal = StandardFlags.refusal(in: config) { throw refusal }
        try config.validate()
        let secrets = CommandInvocation.secretValues(of: config)
        redactor = SecretRedactor(secrets)
        let logging = try CommandLogging(config: config, stderr: stderr, redactor: secrets)
        defer { logging.close() }
        let telemetry = try CommandTelemetry.start(
            config, name: name, logging: logging, ownsProcess: bootstrapsLoggingSystem)
        if bootstrapsLoggingSystem {
            LoggingSystem.bootstrap { [logging] label in logging.handler(label: label) }
        }
        let logger = logging.logger(label: name)
        logger.debug("configuration", metadata: ["flags": .dictionary(CommandInvocation.explicitValues(of: config))])
        warnAboutIgnoredFlags(config, logger: logger)

        let session = CommandSession(
            invocation: self, config: config, logging: logging, logger: logger,
            monitor: SyncMonitor(line: logging.statusLine))
        return try await CommandTelemetry.running(telemetry) {
            if request == .run(.capabilities) {
                return try await session.printCapabilities()
            }
            if request == .run(.connectorService) {
                return try await session.serveConnectorService()
            }
            return try await session.runAction(CommandAction.choose(for: config))
        }
    }

    // MARK: Help

    private func rootHelp(_ schema: ConfigSchema) -> String {
        schema.helpText(
            commandName: name, summary: definition.summary,
            subcommands: Subcommand.listed.map { ($0.rawValue, $0.summary) }, notes: StandardFlags.helpNotes)
    }

    private func help(for subcommand: Subcommand, _ schema: ConfigSchema) -> String {
        if subcommand == .help { return rootHelp(schema) }
        return subcommand.summary + "\n\nUsage:\n  \(name) \(subcommand.rawValue) [flags]\n\nFlags:\n"
            + schema.flagUsages(commandName: "\(name) \(subcommand.rawValue)", notes: StandardFlags.helpNotes)
    }

    // MARK: Configuration

    /// The values of every secret field that is set, to be masked wherever they might appear.
    static func secretValues(of config: ResolvedConfig) -> [String] {
        config.schema.fields.filter(\.isSecret).flatMap { field -> [String] in
            guard config.isSet(field.name) else { return [] }
            switch config.value(field.name) {
            case .string(let text)?: return [text]
            case .stringList(let items)?: return items
            case .stringMap(let map)?: return Array(map.values)
            default: return [config.string(field.name)]
            }
        }
    }

    /// The fields set explicitly, for the debug log; secret values as `***`.
    static func explicitValues(of config: ResolvedConfig) -> Logger.Metadata {
        var values: Logger.Metadata = [:]
        for field in config.schema.fields where config.isSet(field.name) {
            values[field.name] = .string(field.isSecret ? SecretRedactor.mask : config.string(field.name))
        }
        return values
    }

    /// Standard flags that are accepted but have no effect here: said once each, never silently dropped.
    private func warnAboutIgnoredFlags(_ config: ResolvedConfig, logger: Logger) {
        for line in StandardFlags.warnings(for: config) {
            logger.warning("\(line)")
        }
    }

    // MARK: Errors

    /// Any error as a ``CommandError``: configuration problems are usage errors, cancellation is an interruption,
    /// everything else a failure, always on one line.
    static func commandError(_ error: any Error) -> CommandError {
        switch error {
        case let error as CommandError:
            return CommandError(message: oneLine(error.message), exitCode: error.exitCode)
        case let error as ConfigError:
            let text =
                error.code == .validationFailed
                ? "invalid configuration: " + error.problems.joined(separator: "; ") : error.message
            return .usage(oneLine(text))
        case is CancellationError:
            return .interrupted("interrupted")
        case let error as BatonError:
            return error.code == .cancelled ? .interrupted(oneLine(error.message)) : .failure(oneLine(error.message))
        case let error as C1ZError:
            return .failure(oneLine(error.message))
        default:
            return .failure(oneLine(String(describing: error)))
        }
    }

    /// `text` on one line: line breaks become `; `.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(" ") }.joined(separator: "; ")
    }

    /// `path` relative to the command's directory.
    func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return currentDirectory.hasSuffix("/") ? currentDirectory + path : currentDirectory + "/" + path
    }
}
