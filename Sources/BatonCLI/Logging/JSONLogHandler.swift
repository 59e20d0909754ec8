public import Logging

/// Writes one JSON object per line, as the reference connectors do in `--log-format json`:
/// `{"level":"info","ts":"2024-05-01T12:00:00.123Z","logger":"baton-demo","msg":"sync finished","resources":62}`.
///
/// Metadata keys become top-level keys (a key that would shadow `level`, `ts`, `logger` or `msg` is written as
/// `metadata.<key>`); string-convertible values are written as strings. Secrets are masked by the ``LogOutput``.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// The logger's label, written as `logger`.
    public let label: String
    private let output: LogOutput

    /// Creates a handler writing to `output` at `level` and above.
    public init(label: String, output: LogOutput, level: Logger.Level = .info) {
        self.label = label
        self.output = output
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let record = LogRecord(
            event: event, handlerMetadata: metadata, provider: metadataProvider, redactor: output.redactor)
        var line = "{\"level\":" + JSONText.quoted(JSONLogHandler.levelName(record.level))
        line += ",\"ts\":" + JSONText.quoted(record.utcTimestamp)
        line += ",\"logger\":" + JSONText.quoted(label)
        line += ",\"msg\":" + JSONText.quoted(record.message)
        for (key, value) in record.fields {
            let name = JSONLogHandler.reservedKeys.contains(key) ? "metadata." + key : key
            line += "," + JSONText.quoted(name) + ":" + JSONText.value(value)
        }
        output.emit(line + "}\n")
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
}

/// Minimal JSON writing for log lines.
enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A metadata value as JSON: numbers and bools given as `.stringConvertible` bare, other values as strings,
    /// arrays and dictionaries (keys sorted) nested.
    static func value(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return quoted(text)
        case .stringConvertible(let item): return isNumberOrBool(item) ? item.description : quoted(item.description)
        case .array(let items): return "[" + items.map { self.value($0) }.joined(separator: ",") + "]"
        case .dictionary(let items):
            let pairs = items.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + self.value($0.value) }
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
}
