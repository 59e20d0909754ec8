public import Logging

/// Writes one readable line per event: `12:00:00.123 INFO  sync finished resources=62 file=sync.c1z`, with the
/// level coloured on a terminal. Secrets are masked by the ``LogOutput``.
public struct ConsoleLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// The logger's label (not printed: one command, one logger).
    public let label: String
    private let output: LogOutput
    private let colors: Bool

    /// Creates a handler writing to `output` at `level` and above; `colors` adds ANSI colours to the level.
    public init(label: String, output: LogOutput, level: Logger.Level = .info, colors: Bool = false) {
        self.label = label
        self.output = output
        self.logLevel = level
        self.colors = colors
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let record = LogRecord(
            event: event, handlerMetadata: metadata, provider: metadataProvider, redactor: output.redactor)
        var line = record.localTime + " " + level(record.level) + " " + record.message
        for (key, value) in record.fields {
            line += " " + key + "=" + ConsoleLogHandler.text(value)
        }
        output.emit(line + "\n")
    }

    private func level(_ level: Logger.Level) -> String {
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
    static func text(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return plain(text)
        case .stringConvertible(let item): return plain(item.description)
        case .array, .dictionary: return JSONText.value(value)
        }
    }

    private static func plain(_ text: String) -> String {
        let needsQuotes =
            text.isEmpty
            || text.unicodeScalars.contains { scalar in
                scalar.properties.isWhitespace || scalar == "\"" || scalar == "=" || scalar.value < 0x20
            }
        return needsQuotes ? JSONText.quoted(text) : text
    }
}
