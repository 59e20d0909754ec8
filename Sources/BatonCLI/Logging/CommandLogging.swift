import BatonConfig
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The command's logging as `--log-level`, `--log-format` and `--log-path` describe it: lines go to standard
/// error (through the status line) and to every log file, secrets masked.
final class CommandLogging: Sendable {
    /// `--log-format`.
    enum Format: String, Sendable {
        case json
        case console
    }

    let level: Logger.Level
    let format: Format
    let statusLine: StatusLine
    let output: LogOutput
    private let files: LogFiles
    private let colors: Bool
    private let exporter = Mutex<(@Sendable (String) -> (any LogHandler)?)?>(nil)

    /// - Throws: ``CommandError`` (usage) for an unknown level or format, (failure) for a log file that cannot be
    ///   opened.
    init(config: ResolvedConfig, stderr: TextOutput, redactor secrets: [String]) throws(CommandError) {
        level = try CommandLogging.level(config.string("log-level"))
        guard let format = Format(rawValue: config.string("log-format").lowercased()) else {
            throw .usage("invalid log format \"\(config.string("log-format"))\": expected json or console")
        }
        self.format = format
        // The live line only makes sense for a person reading console output; JSON lines are for machines.
        let statusLine = StatusLine(output: stderr, enabled: format == .console)
        let files = try LogFiles(paths: config.stringList("log-path"))
        self.statusLine = statusLine
        self.files = files
        colors = stderr.isTerminal && format == .console
        output = LogOutput(redacting: secrets) { line in
            statusLine.write(line)
            files.write(line)
        }
    }

    /// `--log-level`: debug, info, warn (or warning), error.
    static func level(_ text: String) throws(CommandError) -> Logger.Level {
        switch text.lowercased() {
        case "debug": return .debug
        case "", "info": return .info
        case "warn", "warning": return .warning
        case "error": return .error
        default: throw .usage("invalid log level \"\(text)\": expected debug, info, warn or error")
        }
    }

    /// A handler for `label` in the chosen format (and exporting, once ``export(_:)`` is called).
    func handler(label: String) -> any LogHandler {
        let own = BatonLogHandler(
            label: label, output: output, format: format == .json ? .json : .console(colors: colors), level: level)
        guard let exporting = exporter.withLock({ $0 })?(label) else { return own }
        return MultiplexLogHandler([own, exporting])
    }

    /// Sends the records of handlers made from now on to `handler` as well (OpenTelemetry export).
    func export(_ handler: @escaping @Sendable (String) -> (any LogHandler)?) {
        exporter.withLock { $0 = handler }
    }

    /// A logger for `label` in the chosen format.
    func logger(label: String) -> Logger {
        Logger(label: label) { [self] label in handler(label: label) }
    }

    /// Closes the log files.
    func close() {
        statusLine.clear()
        files.close()
    }
}

/// The `--log-path` files, opened for appending.
final class LogFiles: Sendable {
    private let descriptors: Mutex<[Int32]>

    init(paths: [String]) throws(CommandError) {
        var opened: [Int32] = []
        for path in paths where !path.isEmpty {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                opened.forEach(TextOutput.closeDescriptor)
                throw .failure("cannot open log file \(path): \(reason)")
            }
            opened.append(descriptor)
        }
        descriptors = Mutex(opened)
    }

    func write(_ line: String) {
        descriptors.withLock { descriptors in
            for descriptor in descriptors {
                TextOutput.writeAll(line, to: descriptor)
            }
        }
    }

    func close() {
        descriptors.withLock { descriptors in
            descriptors.forEach(TextOutput.closeDescriptor)
            descriptors = []
        }
    }
}
