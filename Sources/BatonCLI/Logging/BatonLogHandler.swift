import BatonSDK
public import Logging

/// The command line's swift-log handler: one line per event, as JSON for machines or as readable text for people.
///
/// - ``Format-swift.enum/json``: one JSON object per line, as the reference connectors write in
///   `--log-format json`:
///   `{"level":"info","ts":"2024-05-01T12:00:00.123Z","logger":"baton-demo","msg":"sync finished","resources":62}`.
///   Metadata keys become top-level keys (one that would shadow `level`, `ts`, `logger` or `msg` is written as
///   `metadata.<key>`); numbers and bools given as `.stringConvertible` are written bare, other values as strings.
/// - ``Format-swift.enum/console``: `12:00:00.123 INFO  sync finished resources=62 file=sync.c1z`, the level
///   optionally coloured.
///
/// Secrets are masked by the ``LogOutput`` in both formats.
///
/// ```swift
/// let output = LogOutput(redacting: [apiToken]) { line in print(line, terminator: "") }
/// let logger = Logger(label: "baton-okta") { BatonLogHandler(label: $0, output: output, format: .json) }
/// ```
public struct BatonLogHandler: LogHandler {
    /// How a line looks.
    public enum Format: Sendable, Equatable {
        /// One JSON object per line.
        case json
        /// Readable text; `colors` adds ANSI colours to the level.
        case console(colors: Bool)
    }

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// The logger's label, written as `logger` in JSON.
    public let label: String
    public let format: Format
    private let output: LogOutput

    /// Creates a handler writing `format` lines to `output` at `level` and above.
    public init(label: String, output: LogOutput, format: Format, level: Logger.Level = .info) {
        self.label = label
        self.output = output
        self.format = format
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let record = LogRecord(
            event: event, handlerMetadata: metadata, provider: metadataProvider, redactor: output.redactor)
        switch format {
        case .json: output.emit(jsonLine(record))
        case .console(let colors): output.emit(consoleLine(record, colors: colors))
        }
    }

    // MARK: JSON

    private func jsonLine(_ record: LogRecord) -> String {
        var line = "{\"level\":" + GoJSON.quote(BatonLogHandler.levelName(record.level))
        line += ",\"ts\":" + GoJSON.quote(record.utcTimestamp)
        line += ",\"logger\":" + GoJSON.quote(label)
        line += ",\"msg\":" + GoJSON.quote(record.message)
        for (key, value) in record.fields {
            let name = BatonLogHandler.reservedKeys.contains(key) ? "metadata." + key : key
            line += "," + GoJSON.quote(name) + ":" + BatonLogHandler.json(value)
        }
        return line + "}\n"
    }

    static let reservedKeys: Set<String> = ["level", "ts", "logger", "msg"]

    /// The reference's (zap's) level names.
    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "debug"
        case .info, .notice: "info"
        case .warning: "warn"
        case .error, .critical: "error"
        }
    }

    /// A metadata value as JSON: numbers and bools bare, other values as strings, arrays and dictionaries (keys
    /// sorted) nested.
    static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return GoJSON.quote(text)
        case .stringConvertible(let item):
            return isNumberOrBool(item) ? item.description : GoJSON.quote(item.description)
        case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .dictionary(let items):
            let pairs = items.sorted { $0.key < $1.key }.map { GoJSON.quote($0.key) + ":" + json($0.value) }
            return "{" + pairs.joined(separator: ",") + "}"
        }
    }

    /// Integers, finite floating-point numbers and bools, whose descriptions are valid JSON.
    static func isNumberOrBool(_ item: any CustomStringConvertible & Sendable) -> Bool {
        switch item {
        case is any BinaryInteger, is Bool: true
        case let number as Double: number.isFinite
        default: false
        }
    }

    // MARK: Console

    private func consoleLine(_ record: LogRecord, colors: Bool) -> String {
        var line = record.localTime + " " + BatonLogHandler.consoleLevel(record.level, colors: colors) + " "
        line += record.message
        for (key, value) in record.fields {
            line += " " + key + "=" + BatonLogHandler.consoleText(value)
        }
        return line + "\n"
    }

    private static func consoleLevel(_ level: Logger.Level, colors: Bool) -> String {
        let name: String
        let color: String
        switch level {
        case .trace, .debug: (name, color) = ("DEBUG", "\u{1B}[35m")
        case .info, .notice: (name, color) = ("INFO ", "\u{1B}[34m")
        case .warning: (name, color) = ("WARN ", "\u{1B}[33m")
        case .error, .critical: (name, color) = ("ERROR", "\u{1B}[31m")
        }
        return colors ? color + name + "\u{1B}[0m" : name
    }

    /// A value as `key=value` shows it: plain when it is one word, else JSON-quoted.
    static func consoleText(_ value: Logger.MetadataValue) -> String {
        let text: String
        switch value {
        case .string(let string): text = string
        case .stringConvertible(let item): text = item.description
        case .array, .dictionary: return json(value)
        }
        let needsQuotes =
            text.isEmpty
            || text.unicodeScalars.contains { scalar in
                scalar.properties.isWhitespace || scalar == "\"" || scalar == "=" || scalar.value < 0x20
            }
        return needsQuotes ? GoJSON.quote(text) : text
    }
}
