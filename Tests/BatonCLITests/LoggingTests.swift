import Foundation
import Logging
import Synchronization
import Testing

@testable import BatonCLI

@Suite("Log handlers")
struct LoggingTests {
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func jsonHandlerWritesOneEscapedObjectPerLine() throws {
        let lines = Lines()
        let output = LogOutput(redacting: ["hunter22"]) { lines.append($0) }
        var logger = Logger(label: "baton-test") {
            BatonLogHandler(label: $0, output: output, format: .json, level: .debug)
        }
        logger[metadataKey: "connector"] = "demo"
        logger.warning(
            "quote \" and newline\n and password hunter22",
            metadata: [
                "count": .stringConvertible(3), "ratio": .stringConvertible(Double.nan), "msg": "shadowed",
                "nested": ["a": ["x", "y"]],
            ])
        logger.trace("below the level")
        let line = try #require(lines.all.first)
        #expect(lines.all.count == 1)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warn")
        #expect(object["logger"] as? String == "baton-test")
        #expect(object["msg"] as? String == "quote \" and newline\n and password ***")
        #expect(object["connector"] as? String == "demo")
        #expect(object["count"] as? Int == 3)
        #expect(object["ratio"] as? String == "nan")
        #expect(object["metadata.msg"] as? String == "shadowed")
        #expect((object["nested"] as? [String: [String]])?["a"] == ["x", "y"])
        let timestamp = try #require(object["ts"] as? String)
        #expect(timestamp.count == 24 && timestamp.hasSuffix("Z"))
    }

    @Test func consoleHandlerQuotesOnlyWhatNeedsIt() throws {
        let lines = Lines()
        let output = LogOutput { lines.append($0) }
        let logger = Logger(label: "baton-test") {
            BatonLogHandler(label: $0, output: output, format: .console(colors: false))
        }
        logger.info("sync finished", metadata: ["file": "sync.c1z", "note": "two words"])
        let line = try #require(lines.all.first)
        #expect(line.contains(" INFO  sync finished file=sync.c1z note=\"two words\"\n"))
    }

    @Test func redactorMasksLongestFirstAndIgnoresTinyValues() {
        let redactor = SecretRedactor(["abcd", "abcdefgh", "x", ""])
        #expect(redactor.redact("key=abcdefgh; short=abcd; x marks") == "key=***; short=***; x marks")
        #expect(SecretRedactor([]).isEmpty)
    }

    @Test func logLevelsFollowTheReferenceNames() throws {
        #expect(try CommandLogging.level("debug") == .debug)
        #expect(try CommandLogging.level("WARN") == .warning)
        #expect(try CommandLogging.level("") == .info)
        #expect(throws: CommandError.self) { try CommandLogging.level("verbose") }
    }
}
