import Logging

/// Hands log events to the exporting handler with secrets masked: the message, every metadata value (handler,
/// provider and the event's own) and the error, which becomes an `error` attribute as in the command's own lines.
///
/// The wrapped handler never holds metadata of its own, so nothing reaches it unmasked.
struct RedactingLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let exporter: any LogHandler
    private let redact: @Sendable (String) -> String

    init(_ exporter: any LogHandler, level: Logger.Level, redact: @escaping @Sendable (String) -> String) {
        self.exporter = exporter
        self.logLevel = level
        self.redact = redact
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.level >= logLevel else { return }
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        if let error = event.error { merged["error"] = .string("\(error)") }
        let masked = LogEvent(
            level: event.level, message: "\(redact(event.message.description))", error: nil,
            metadata: merged.mapValues { Self.redact($0, redact) }, source: event.source, file: event.file,
            function: event.function, line: event.line)
        exporter.log(event: masked)
    }

    static func redact(
        _ value: Logger.MetadataValue, _ redact: @Sendable (String) -> String
    ) -> Logger.MetadataValue {
        switch value {
        case .string(let text): return .string(redact(text))
        case .stringConvertible(let item):
            switch item {
            case is any BinaryInteger, is Bool, is Double: return value
            default: return .string(redact(item.description))
            }
        case .array(let items): return .array(items.map { Self.redact($0, redact) })
        case .dictionary(let items): return .dictionary(items.mapValues { Self.redact($0, redact) })
        }
    }
}
