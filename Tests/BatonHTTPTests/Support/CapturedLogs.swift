import Logging
import Synchronization

/// A swift-log handler that keeps every message and its metadata, rendered as text, for assertions.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    /// A debug-level logger writing here.
    var logger: Logger {
        var logger = Logger(label: "test.http") { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Every line logged so far: level, message and metadata.
    var all: [String] { lines.withLock { $0 } }

    /// Everything logged, as one string.
    var text: String { all.joined(separator: "\n") }

    fileprivate func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: " ")
            sink.append("\(event.level) \(event.message) \(rendered)")
        }
    }
}
