import BatonConfig
import Foundation
import Testing

@testable import BatonCLI

/// The standard-flag table (``StandardFlags``), the README rendered from it, and what the command line does with
/// each flag agree.
@Suite("Standard flags: the table, the README and the behaviour agree")
struct StandardFlagsTests {
    static let options = DefaultFieldOptions(stdoutIsTerminal: false, now: 0)
    static let defaultFields = ConfigSchema.defaultFields(options)

    static func names(where matches: (FlagSupport) -> Bool) -> [String] {
        defaultFields.map(\.name).filter { StandardFlags.support[$0].map(matches) ?? false }
    }

    static let noEffect = names {
        if case .noEffect = $0 { return true }
        return false
    }
    static let refused = names {
        if case .refused = $0 { return true }
        return false
    }

    @Test func everyStandardFlagHasExactlyOneEntry() {
        let fieldNames = Set(Self.defaultFields.map(\.name))
        #expect(Set(StandardFlags.support.keys) == fieldNames)
        #expect(!Self.noEffect.isEmpty && !Self.refused.isEmpty)
    }

    @Test func readmeTableIsTheRenderedTable() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let begin = "<!-- standard-flags:begin -->\n"
        let end = "<!-- standard-flags:end -->"
        let start = try #require(text.range(of: begin))
        let stop = try #require(text.range(of: end, range: start.upperBound..<text.endIndex))
        let table = String(text[start.upperBound..<stop.lowerBound])
        let rendered = StandardFlags.markdownTable(Self.options)
        if table != rendered {
            let path = NSTemporaryDirectory() + "standard-flags.md"
            try rendered.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("README.md's standard-flag table is stale: the current one is in \(path)")
        }
    }

    /// The arguments that set `name` to a non-zero value, plus the partners its relationships require.
    static func arguments(setting name: String) -> [String] {
        let field = defaultFields.first { $0.name == name }!
        var arguments: [String]
        switch field.variant {
        case .bool: arguments = ["--\(name)"]
        case .int: arguments = ["--\(name)", "1"]
        default: arguments = ["--\(name)", name == "log-level-debug-expires-at" ? "2030-01-01T00:00:00Z" : "x"]
        }
        if name.hasPrefix("health-check-") { arguments.append("--health-check") }
        return arguments
    }

    @Test(arguments: noEffect)
    func noEffectFlagIsWarnedAboutAndRuns(flag: String) async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["capabilities", "--log-format", "console"] + Self.arguments(setting: flag))
        #expect(result.status == 0, "\(flag): \(result.stderr)")
        #expect(result.stderr.contains("--\(flag) has no effect in baton-swift and is ignored: "), "\(result.stderr)")
    }

    @Test(arguments: refused)
    func refusedFlagIsAUsageErrorAndNothingRuns(flag: String) async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["-f", harness.file] + Self.arguments(setting: flag))
        #expect(result.status == 2)
        guard case .refused(let reason)? = StandardFlags.support[flag] else {
            Issue.record("\(flag) is not refused")
            return
        }
        let service = flag == "client-id" || flag == "client-secret"
        let expected =
            service
            ? "baton-demo: daemon mode (--\(flag)) is not supported by baton-swift: \(reason)\n"
            : "baton-demo: --\(flag) is not supported by baton-swift: \(reason)\n"
        #expect(result.stderr == expected)
        #expect(!FileManager.default.fileExists(atPath: harness.file))
    }

    @Test func pebbleIsWarnedAboutAndSQLiteIsWritten() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run(["-f", harness.file, "--log-format", "console", "--storage-engine", "pebble"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("--storage-engine pebble: Pebble c1z files (format v3) are not written here"))
        let head = try #require(FileHandle(forReadingAtPath: harness.file)?.readData(ofLength: 5))
        #expect(head == Data("C1ZF\0".utf8))
    }

    @Test func implementedFlagsAreNotWarnedAbout() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let result = await harness.run([
            "-f", harness.file, "--log-format", "console", "--workers", "2", "--http-timeout-seconds", "30",
            "--storage-engine", "sqlite",
        ])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("no effect"))
    }

    @Test func helpMarksEveryVisibleFlagThatDoesNotWorkAsDescribed() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let help = await harness.run(["--help"]).stdout
        var marked = 0
        for field in Self.defaultFields where !field.isHidden {
            let line = try #require(
                help.split(separator: "\n").first { $0.contains("--\(field.name) ") || $0.hasSuffix("--\(field.name)") }
            )
            switch StandardFlags.support[field.name] {
            case .noEffect?:
                #expect(line.contains("[no effect here]"), "\(line)")
                marked += 1
            case .refused?:
                #expect(line.contains("[refused here]"), "\(line)")
                marked += 1
            default:
                #expect(!line.contains(" here]"), "\(line)")
            }
        }
        #expect(marked >= 4)
    }
}
