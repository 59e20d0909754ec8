import BatonInspect
import BatonStore
import BatonTestSupport
import Foundation
import Testing

/// A file that is not a readable v1 c1z gives one clear line on standard error and exit code 1.
@Suite struct BadFileTests {
    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case missing, empty, wrongMagic, formatV3, truncatedZstd, corruptSQLite, oversize

        var testDescription: String { rawValue }

        /// Writes the bad file into `directory`; returns its path and the environment to run with.
        func make(in directory: String) throws -> (path: String, environment: [String: String]) {
            let path = directory + "/\(rawValue).c1z"
            switch self {
            case .missing:
                break
            case .empty:
                try Data().write(to: URL(fileURLWithPath: path))
            case .wrongMagic:
                try Data("SQLite format 3\0 but not a c1z".utf8).write(to: URL(fileURLWithPath: path))
            case .formatV3:
                try Data(C1ZContainer.v3Magic + [0, 0, 0, 4, 1, 2, 3, 4]).write(to: URL(fileURLWithPath: path))
            case .truncatedZstd:
                let whole = try Data(contentsOf: URL(fileURLWithPath: C1ZFixtures.c1zPath(C1ZFixtures.sdk0_7_27)))
                try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
            case .corruptSQLite:
                // A well-formed container around bytes that are not a database.
                let database = directory + "/garbage.db"
                try Data(repeating: 0x5A, count: 64 * 1024).write(to: URL(fileURLWithPath: database))
                try C1ZContainer.compress(database: database, toC1Z: path)
            case .oversize:
                // 2 MiB decoded against a 1 MiB limit.
                let database = directory + "/big.db"
                try Data(repeating: 0, count: 2 << 20).write(to: URL(fileURLWithPath: database))
                try C1ZContainer.compress(database: database, toC1Z: path)
                return (path, ["BATON_DECODER_MAX_DECODED_SIZE_MB": "1", "BATON_TMPDIR": directory])
            }
            return (path, ["BATON_TMPDIR": directory])
        }

        var expectedMessage: String {
            switch self {
            case .missing: "file not found"
            case .empty: "empty c1z file"
            case .wrongMagic: "does not start with a c1z header"
            case .formatV3: "unsupported c1z format v3"
            case .truncatedZstd: "truncated"
            case .corruptSQLite: "corrupt database"
            case .oversize: "max decoded size exceeded"
            }
        }
    }

    @Test(arguments: Case.allCases, ["stats", "grants", "syncs", "diff"])
    func failsWithOneLine(badFile: Case, command: String) async throws {
        try await withTemporaryDirectory { directory in
            let (path, environment) = try badFile.make(in: directory)
            let result = await BatonInspect.run(arguments: [command, "-f", path], environment: environment)
            #expect(result.exitCode == 1)
            #expect(result.standardOutput.isEmpty)
            let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2 && lines[1].isEmpty, "not one line: \(result.standardError)")
            #expect(result.standardError.hasPrefix("baton: "))
            #expect(result.standardError.contains(badFile.expectedMessage), "\(result.standardError)")
            // The unpacked copy is removed on failure too: only the inputs stay in the directory.
            let left = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(left.allSatisfy { $0.hasSuffix(".c1z") || $0.hasSuffix(".db") }, "\(left)")
        }
    }

    @Test func unusableArgumentsFailWithOneLine() async {
        for arguments in [["grants", "-r", "3001"], ["access", "-t", "user"], ["nonsense"], ["stats", "-o", "yaml"]] {
            let result = await BatonInspect.run(arguments: arguments, environment: [:])
            #expect(result.exitCode == 1, "\(arguments)")
            #expect(result.standardError.hasPrefix("baton: "), "\(arguments)")
            #expect(result.standardError.filter { $0 == "\n" }.count == 1, "\(arguments): \(result.standardError)")
        }
    }
}
