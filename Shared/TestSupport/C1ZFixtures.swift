import Foundation

/// The c1z files written by the Go tools (`shared/fixtures/c1z`) and what the Go `baton` printed for them.
///
/// Found through `BATON_FIXTURES_DIR` (the fixtures root, or the `c1z` directory itself) or else
/// relative to this source file: `<repo>/../shared/fixtures/c1z`.
public enum C1ZFixtures {
    /// The Go baton-github v0.1.18 output (SDK v0.2.14): an old schema without expansion columns.
    public static let sdk0_2_14 = "github-small.sdk-v0.2.14"
    /// The same sync re-written by Go `baton` v0.4.3 (SDK v0.7.27): a newer schema.
    public static let sdk0_7_27 = "github-small.sdk-v0.7.27"
    /// Every Go-written fixture name.
    public static let all = [sdk0_2_14, sdk0_7_27]
    /// A file written by this project's `baton-okta` (Okta mock, tiny tenant), with what the Go `baton`
    /// v0.4.3 printed for it: that older reader drops the newer schema's fields, so its output is a subset
    /// of ours, but every token it prints (profile numbers such as `"apps_count":1` included) must be ours.
    public static let oktaTiny = "okta-tiny.baton-swift"
    /// Every fixture with Go-printed JSON beside it.
    public static let goPrinted = all + [oktaTiny]

    /// Directory holding the `.c1z` fixtures and their `expected/` outputs.
    public static var directory: String {
        if let configured = ProcessInfo.processInfo.environment["BATON_FIXTURES_DIR"], !configured.isEmpty {
            let nested = configured + "/c1z"
            return FileManager.default.fileExists(atPath: nested) ? nested : configured
        }
        // <repo>/Shared/TestSupport/C1ZFixtures.swift → <repo>/../shared/fixtures/c1z
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures/c1z").path
    }

    /// Path of the fixture `name` (without extension).
    public static func c1zPath(_ name: String) -> String {
        directory + "/" + name + ".c1z"
    }

    /// Path of an expected output, e.g. `expectedPath(sdk0_2_14, "stats.txt")`.
    public static func expectedPath(_ name: String, _ suffix: String) -> String {
        directory + "/expected/" + name + "." + suffix
    }

    /// The counts the Go `baton stats` printed for a fixture (`Type | Count` table), by type.
    public static func expectedStats(_ name: String) throws -> [String: Int64] {
        let text = try String(contentsOfFile: expectedPath(name, "stats.txt"), encoding: .utf8)
        var counts: [String: Int64] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.count == 2, let count = Int64(cells[1]) {
                counts[cells[0]] = count
            }
        }
        return counts
    }
}
