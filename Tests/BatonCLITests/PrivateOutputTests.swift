import BatonTestSupport
import Foundation
import Testing

/// What a sync leaves on disk holds a company's identity data: the c1z and the log file are mode 0600, also when
/// the sync replaces a wider file from before.
@Suite struct PrivateOutputTests {
    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func syncWritesPrivateFiles() async throws {
        let harness = try CommandHarness()
        defer { harness.remove() }
        let log = harness.folder.file("sync.log")
        let first = await harness.run(["-f", harness.file, "--log-path", log, "--log-format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Self.mode(harness.file) == 0o600)
        #expect(try Self.mode(log) == 0o600)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: harness.file)
        let second = await harness.run(["-f", harness.file])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Self.mode(harness.file) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: harness.file + ".partial"))
    }
}
