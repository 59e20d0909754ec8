import Logging
import Synchronization
import Testing

@testable import BatonTelemetry

/// Exported records go through the command's redactor: message, metadata of every origin, errors.
struct RedactionTests {
    final class Recorder: Sendable {
        let events = Mutex<[LogEvent]>([])
    }

    struct RecordingHandler: LogHandler {
        let recorder: Recorder
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            var event = event
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, new in new }
            recorder.events.withLock { $0.append(event) }
        }
    }

    struct Leak: Error, CustomStringConvertible {
        var description: String { "upstream said token=s3cr3t-t0ken" }
    }

    @Test func secretsAreMaskedEverywhereInExportedRecords() throws {
        let recorder = Recorder()
        let secret = "s3cr3t-t0ken"
        var logger = Logger(label: "t") { _ in
            RedactingLogHandler(RecordingHandler(recorder: recorder), level: .info) {
                $0.replacing(secret, with: "***")
            }
        }
        logger[metadataKey: "handler"] = "h-\(secret)"
        logger.info(
            "calling with \(secret)",
            metadata: [
                "plain": "\(secret)", "count": .stringConvertible(42),
                "nested": .dictionary(["list": .array([.string("x\(secret)")])]),
            ])
        logger.error("failed", error: Leak())
        logger.debug("below the level \(secret)")

        let events = recorder.events.withLock { $0 }
        try #require(events.count == 2)
        let rendered = events.map { "\($0.message) \($0.metadata ?? [:])" }.joined(separator: "\n")
        #expect(!rendered.contains(secret), "\(rendered)")
        #expect(events[0].message.description == "calling with ***")
        #expect(events[0].metadata?["handler"] == "h-***")
        #expect(events[0].metadata?["count"]?.description == "42")
        #expect(events[1].metadata?["error"] == "upstream said token=***")
        #expect(events[1].error == nil, "the error itself would reach the exporter unmasked")
    }
}
