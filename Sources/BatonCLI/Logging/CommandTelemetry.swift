import BatonConfig
import BatonTelemetry
import Logging

/// OpenTelemetry export for one command (`--otel-collector-endpoint` and friends): started right after logging,
/// stopped (flushed, then closed, within 5 s) after the command, whatever its outcome.
enum CommandTelemetry {
    /// The `--otel-*` flags of `config` for connector `name`.
    static func options(
        _ config: ResolvedConfig, name: String, level: Logger.Level, redactor: SecretRedactor
    ) -> TelemetryOptions {
        TelemetryOptions(
            endpoint: config.string("otel-collector-endpoint"),
            certificatePath: config.string("otel-collector-endpoint-tls-cert-path"),
            certificate: config.string("otel-collector-endpoint-tls-cert"),
            insecure: config.bool("otel-collector-endpoint-tls-insecure"),
            tracingDisabled: config.bool("otel-tracing-disabled"),
            loggingDisabled: config.bool("otel-logging-disabled"),
            serviceName: name + "-server", logLevel: level, redact: { redactor.redact($0) })
    }

    /// Starts the export `config` asks for, if any, and routes `logging`'s handlers to it too.
    ///
    /// - Parameter ownsProcess: Installs the tracer process-wide (only the real `main`); otherwise only logs are
    ///   exported.
    /// - Throws: ``CommandError``: usage for contradictory flags, failure for a certificate that cannot be used.
    static func start(
        _ config: ResolvedConfig, name: String, logging: CommandLogging, ownsProcess: Bool
    ) throws(CommandError) -> Telemetry? {
        let options = options(config, name: name, level: logging.level, redactor: logging.output.redactor)
        let telemetry: Telemetry?
        do {
            telemetry = try Telemetry.start(options, installTracer: ownsProcess, logger: logging.logger(label: name))
        } catch {
            throw error.isUsage ? .usage(error.message) : .failure(error.message)
        }
        if let telemetry, telemetry.exportsLogs {
            logging.export { label in telemetry.logHandler(label: label) }
        }
        return telemetry
    }

    /// Runs `body`, then flushes and stops `telemetry` before returning its result or throwing its error.
    static func running<T: Sendable>(_ telemetry: Telemetry?, _ body: () async throws -> T) async throws -> T {
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        await telemetry?.shutdown()
        return try result.get()
    }
}
