import Foundation
public import Logging
import OTel
import ServiceLifecycle
import Synchronization
import Tracing

/// OpenTelemetry export as the reference SDK does it (`pkg/uotel`): spans and log records over OTLP/gRPC to one
/// collector, resource `service.name = <name>-server` and nothing else, every span sampled, W3C trace context.
///
/// Built on swift-otel, without letting it take over the process: the log exporter is a handler the caller
/// multiplexes with its own (``logHandler(label:)``), and the tracer is installed in `InstrumentationSystem` only
/// when the caller owns the process (`installTracer`), so code elsewhere makes spans through swift-distributed-tracing
/// (`withSpan`, `BatonTracing.withSpan`) and never imports OTel.
///
/// ```swift
/// guard let telemetry = try Telemetry.start(options, installTracer: true, logger: logger) else { … }
/// LoggingSystem.bootstrap { label in MultiplexLogHandler([mine(label), telemetry.logHandler(label: label)!]) }
/// … // the command
/// await telemetry.shutdown()  // flushes, then closes the connections; 5 s at most
/// ```
public final class Telemetry: Sendable {
    /// What was asked for.
    public let options: TelemetryOptions
    /// Whether spans are exported (tracing enabled and the tracer installed).
    public let exportsTraces: Bool
    /// Whether log records are exported.
    public var exportsLogs: Bool { logFactory != nil }

    private let logFactory: (@Sendable (String) -> any LogHandler)?
    private let group: ServiceGroup
    private let running: Task<Void, Never>
    private let logger: Logger

    /// The reference's shutdown deadline (`otelShutdownTimeout`).
    public static let shutdownDeadline = Duration.seconds(5)

    private init(
        options: TelemetryOptions, exportsTraces: Bool, logFactory: (@Sendable (String) -> any LogHandler)?,
        services: [any Service], logger: Logger
    ) {
        self.options = options
        self.exportsTraces = exportsTraces
        self.logFactory = logFactory
        self.logger = logger
        // No signals: the command's own handler turns Ctrl-C into cancellation, and ``shutdown(deadline:)`` ends this.
        // The group's own start/stop messages are not the command's business, even at debug level.
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        let group = ServiceGroup(
            services: services, gracefulShutdownSignals: [], cancellationSignals: [], logger: quiet)
        self.group = group
        running = Task.detached {
            do {
                try await group.run()
            } catch {
                logger.warning("otel: export stopped: \(error)")
            }
        }
    }

    /// Starts exporting, or returns `nil` when ``TelemetryOptions/isEnabled`` is false.
    ///
    /// - Parameters:
    ///   - options: The flags.
    ///   - installTracer: Install the tracer in `InstrumentationSystem` (once per process: only the process's
    ///     `main` may). Without it no spans are exported.
    ///   - logger: For the exporters' own diagnostics and the insecure-connection warning; it must not export (a
    ///     failing export would log about itself).
    /// - Throws: ``TelemetryError`` for bad flags or a certificate that cannot be used.
    public static func start(
        _ options: TelemetryOptions, installTracer: Bool, logger: Logger
    ) throws(TelemetryError) -> Telemetry? {
        guard options.isEnabled else { return nil }
        let collector = try options.collector()
        if collector.security == .plaintext {
            logger.warning(
                "otel: using INSECURE connection to collector", metadata: ["endpoint": "\(options.endpoint)"])
        } else if collector.hostIsAddress {
            // swift-otel's gRPC transport sends the host as TLS SNI, which NIOSSL refuses for an address.
            logger.warning(
                "otel: TLS to a collector given by IP address fails here; give its host name (as in its certificate)",
                metadata: ["endpoint": "\(options.endpoint)"])
        }
        // swift-otel reads a CA from a file; the decoded flag goes to a private file that the TLS context reads when
        // the exporters are made (below), and is removed right after.
        var caFile: String?
        var temporaryFile: String?
        defer { if let temporaryFile { unlink(temporaryFile) } }
        if case .certificateAuthority(let pem) = collector.security {
            if options.certificatePath.isEmpty {
                temporaryFile = try writePrivateFile(pem)
                caFile = temporaryFile
            } else {
                caFile = options.certificatePath
            }
        }
        let configuration = makeConfiguration(options, collector: collector, caFile: caFile, diagnostics: logger)
        var services: [any Service] = []
        var logFactory: (@Sendable (String) -> any LogHandler)?
        var exportsTraces = false
        do {
            if !options.loggingDisabled {
                var logs = configuration
                logs.traces.enabled = false
                let backend = try OTel.makeLoggingBackend(configuration: logs)
                let exporter = backend.factory
                let redact = options.redact
                let level = options.logLevel
                logFactory = { label in RedactingLogHandler(exporter(label), level: level, redact: redact) }
                services.append(backend.service)
            }
            if !options.tracingDisabled && installTracer {
                var traces = configuration
                traces.logs.enabled = false
                // The OTEL_* environment is not read for traces (the reference ignores it): a process environment
                // asking for a propagator swift-otel lacks would otherwise stop the process.
                services.append(try OTel.bootstrap(configuration: traces, environment: [:]))
                exportsTraces = true
            } else if !options.tracingDisabled {
                logger.debug("otel: spans are exported only by a process's own command line")
            }
        } catch {
            throw .failure("cannot start OpenTelemetry export: \(error)")
        }
        return Telemetry(
            options: options, exportsTraces: exportsTraces, logFactory: logFactory, services: services,
            logger: logger)
    }

    /// The exporting log handler for a logger labelled `label` (records at ``TelemetryOptions/logLevel`` and above,
    /// secrets masked), to multiplex with the command's own; `nil` when logs are not exported.
    public func logHandler(label: String) -> (any LogHandler)? {
        logFactory?(label)
    }

    /// Exports what is buffered, then closes the connections: the reverse of the reference, which closes first and
    /// loses the last batch. Gives up after `deadline`; safe to call from a cancelled task, and more than once.
    public func shutdown(deadline: Duration = Telemetry.shutdownDeadline) async {
        let group = self.group
        let running = self.running
        // A hard deadline: the connections' own close can outlast it (a TLS peer that never answers close_notify
        // costs NIOSSL's 5 s), and what was flushed before is not lost by giving up then.
        let finished = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let resumed = Mutex(false)
            let resume: @Sendable (Bool) -> Void = { value in
                if resumed.withLock({ done in
                    defer { done = true }
                    return !done
                }) {
                    continuation.resume(returning: value)
                }
            }
            Task.detached {
                await group.triggerGracefulShutdown()
                await running.value
                resume(true)
            }
            Task.detached {
                try? await Task.sleep(for: deadline)
                resume(false)
            }
        }
        if !finished {
            running.cancel()
            logger.warning("error shutting down otel: the exporters did not stop within \(deadline)")
        }
    }

    // MARK: Configuration

    static func makeConfiguration(
        _ options: TelemetryOptions, collector: TelemetryOptions.Collector, caFile: String?, diagnostics: Logger
    ) -> OTel.Configuration {
        var configuration = OTel.Configuration.default
        configuration.serviceName = options.serviceName
        configuration.resourceAttributes = [:]
        configuration.diagnosticLogger = .custom(diagnostics)
        configuration.diagnosticLogLevel = .warning
        configuration.propagators = [.traceContext]
        configuration.metrics.enabled = false

        var exporter = OTel.Configuration.OTLPExporterConfiguration.default
        exporter.protocol = .grpc
        exporter.endpoint = collector.url
        exporter.certificateFilePath = caFile

        // The reference's batch span processor: the Go SDK's defaults.
        configuration.traces.sampler = .alwaysOn
        configuration.traces.exporter = .otlp
        configuration.traces.otlpExporter = exporter
        configuration.traces.batchSpanProcessor.scheduleDelay = .seconds(5)
        configuration.traces.batchSpanProcessor.exportTimeout = .seconds(30)
        configuration.traces.batchSpanProcessor.maxQueueSize = 2048
        configuration.traces.batchSpanProcessor.maxExportBatchSize = 512

        // Logs every second (v0.25.0), other batch settings the defaults.
        configuration.logs.exporter = .otlp
        configuration.logs.otlpExporter = exporter
        configuration.logs.level = OTel.Configuration.LogLevel(options.logLevel)
        configuration.logs.batchLogRecordProcessor.scheduleDelay = .seconds(1)
        configuration.logs.batchLogRecordProcessor.exportTimeout = .seconds(30)
        configuration.logs.batchLogRecordProcessor.maxQueueSize = 2048
        configuration.logs.batchLogRecordProcessor.maxExportBatchSize = 512
        return configuration
    }

    /// Writes `text` to a new file only this user can read; returns its path.
    private static func writePrivateFile(_ text: String) throws(TelemetryError) -> String {
        var template = Array((NSTemporaryDirectory() + "/baton-otel-ca-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .failure("cannot write the collector's CA certificate to a temporary file") }
        defer { close(descriptor) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result <= 0 {
                unlink(path)
                throw .failure("cannot write the collector's CA certificate to a temporary file")
            }
            written += result
        }
        return path
    }
}

extension OTel.Configuration.LogLevel {
    init(_ level: Logger.Level) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info, .notice: self = .info
        case .warning: self = .warning
        case .error, .critical: self = .error
        }
    }
}
