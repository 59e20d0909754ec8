import Foundation
import Logging

/// One log event reduced to what the handlers print: the message and sorted metadata, secrets already masked.
struct LogRecord {
    var level: Logger.Level
    var message: String
    var fields: [(key: String, value: Logger.MetadataValue)]
    var seconds: Int
    var milliseconds: Int

    /// Merges handler metadata, provider metadata and the event's own (later wins), adds the event's error, and
    /// masks secrets in every string.
    init(
        event: LogEvent, handlerMetadata: Logger.Metadata, provider: Logger.MetadataProvider?,
        redactor: SecretRedactor
    ) {
        var merged = handlerMetadata
        if let provided = provider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        if let error = event.error { merged["error"] = .string("\(error)") }
        level = event.level
        message = redactor.redact(event.message.description)
        fields = merged.sorted { $0.key < $1.key }.map { (key: $0.key, value: LogRecord.redact($0.value, redactor)) }
        // Not `timespec`: which module owns that C struct depends on the order a build loads modules, and a clean
        // build of this module once attributed it to CDispatch, which this file does not import.
        let now = Date().timeIntervalSince1970
        seconds = Int(now.rounded(.down))
        milliseconds = min(999, Int((now - now.rounded(.down)) * 1000))
    }

    private static func redact(_ value: Logger.MetadataValue, _ redactor: SecretRedactor) -> Logger.MetadataValue {
        if redactor.isEmpty { return value }
        switch value {
        case .string(let text): return .string(redactor.redact(text))
        case .stringConvertible(let item):
            return BatonLogHandler.isNumberOrBool(item) ? value : .string(redactor.redact(item.description))
        case .array(let items): return .array(items.map { redact($0, redactor) })
        case .dictionary(let items): return .dictionary(items.mapValues { redact($0, redactor) })
        }
    }

    /// The time as RFC 3339 UTC with milliseconds: `2024-05-01T12:00:00.123Z`.
    var utcTimestamp: String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)).\(pad(milliseconds, 3))Z"
    }

    /// The local wall-clock time with milliseconds: `12:00:00.123`.
    var localTime: String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        return "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)).\(pad(milliseconds, 3))"
    }

    private func pad(_ value: some BinaryInteger, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
