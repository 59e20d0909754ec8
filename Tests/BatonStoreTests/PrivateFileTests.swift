import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

/// Every file the store writes holds a company's identity data (names, emails, who is admin): mode 0600,
/// whatever the umask leaves, also after a resume and an atomic replace.
@Suite struct PrivateFileTests {
    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    static func widen(_ path: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(try mode(path) == 0o644)
    }

    @Test func newWorkingDatabaseAndItsLogArePrivate() throws {
        let directory = try TemporaryDirectory()
        let working = directory.path("sync.c1z.partial")
        let store = try C1ZStore.openWorking(at: working)
        let syncID = try store.startSync()
        try store.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("user")]), syncID: syncID)
        #expect(try Self.mode(working) == 0o600)
        #expect(FileManager.default.fileExists(atPath: working + "-wal"))
        #expect(try Self.mode(working + "-wal") == 0o600)
        try store.close()
    }

    @Test func resumedWorkingDatabaseIsNarrowedToPrivate() throws {
        let directory = try TemporaryDirectory()
        let working = directory.path("sync.c1z.partial")
        let first = try C1ZStore.openWorking(at: working)
        _ = try first.startSync()
        try first.close()
        // As an older version (or a careless copy) would have left it.
        try Self.widen(working)
        let resumed = try C1ZStore.openWorking(at: working)
        #expect(try Self.mode(working) == 0o600)
        try resumed.close()
    }

    @Test(arguments: [false, true])
    func savedC1ZIsPrivateAlsoWhenReplacingAWiderFile(compact: Bool) throws {
        let directory = try TemporaryDirectory()
        let output = directory.path("sync.c1z")
        try Data("previous".utf8).write(to: URL(fileURLWithPath: output))
        try Self.widen(output)
        // A temporary left by a crash keeps its mode through O_TRUNC unless the save narrows it.
        try Data("stale".utf8).write(to: URL(fileURLWithPath: output + ".tmp"))
        try Self.widen(output + ".tmp")
        let store = try C1ZStore.openWorking(at: directory.path("work.db"))
        _ = try store.startSync()
        try store.save(toC1Z: output, compaction: compact ? .always : .never)
        try store.close()
        #expect(try Self.mode(output) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: output + ".tmp"))
    }

    @Test func workingDatabaseSeededFromAC1ZAndReadCopiesArePrivate() throws {
        let directory = try TemporaryDirectory()
        let output = directory.path("sync.c1z")
        let store = try C1ZStore.openWorking(at: directory.path("first.db"))
        _ = try store.startSync()
        try store.save(toC1Z: output)
        try store.close()

        let working = directory.path("sync.c1z.partial")
        let seeded = try C1ZStore.openWorking(at: working, seedingFrom: output)
        #expect(try Self.mode(working) == 0o600)
        try seeded.close()

        let reader = try C1ZStore.open(c1z: output, options: C1ZReadOptions(temporaryDirectory: directory.path))
        #expect(reader.databasePath.hasPrefix(directory.path + "/c1z"))
        #expect(try Self.mode(reader.databasePath) == 0o600)
        try reader.close()
    }
}
