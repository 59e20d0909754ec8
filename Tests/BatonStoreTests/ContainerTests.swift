import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

@Suite struct ContainerErrorTests {
    @Test func missingFile() throws {
        let directory = try TemporaryDirectory()
        let error = expectC1ZError(.fileNotFound) {
            _ = try C1ZStore.open(c1z: directory.path("absent.c1z"))
        }
        #expect(error?.message == "c1z: file not found: \(directory.path("absent.c1z"))")
    }

    @Test func emptyFile() throws {
        let directory = try TemporaryDirectory()
        try write(Data(), to: directory.path("empty.c1z"))
        let error = expectC1ZError(.emptyFile) {
            _ = try C1ZStore.open(c1z: directory.path("empty.c1z"))
        }
        #expect(error?.message.contains("empty c1z file") == true)
    }

    @Test(arguments: [Data("SQLite format 3\0".utf8), Data([0x43, 0x31]), Data("C1ZX\0rest".utf8)])
    func wrongMagic(contents: Data) throws {
        let directory = try TemporaryDirectory()
        try write(contents, to: directory.path("bad.c1z"))
        let error = expectC1ZError(.invalidFile) {
            _ = try C1ZStore.open(c1z: directory.path("bad.c1z"))
        }
        #expect(error?.message.hasPrefix("c1z: invalid file") == true)
    }

    @Test func pebbleFormatV3() throws {
        let directory = try TemporaryDirectory()
        try write(Data(C1ZContainer.v3Magic) + Data([0, 0, 0, 4, 1, 2, 3, 4]), to: directory.path("v3.c1z"))
        let error = expectC1ZError(.unsupportedFormat) {
            _ = try C1ZStore.open(c1z: directory.path("v3.c1z"))
        }
        #expect(
            error?.message
                == "unsupported c1z format v3 (Pebble); re-run the connector with --storage-engine sqlite "
                + "to write format v1")
    }

    @Test func truncatedStream() throws {
        let directory = try TemporaryDirectory()
        let valid = try read(try makeC1Z(from: sampleBytes(400_000), in: directory))
        for cut in [valid.count - 3, valid.count / 2, 7] {
            try write(valid.prefix(cut), to: directory.path("cut.c1z"))
            expectC1ZError(.truncated) {
                try C1ZContainer.decompress(c1z: directory.path("cut.c1z"), toDatabase: directory.path("out.db"))
            }
        }
        try write(valid.prefix(5), to: directory.path("header-only.c1z"))
        expectC1ZError(.truncated) {
            try C1ZContainer.decompress(c1z: directory.path("header-only.c1z"), toDatabase: directory.path("o.db"))
        }
    }

    @Test func trailingGarbage() throws {
        let directory = try TemporaryDirectory()
        let valid = try read(try makeC1Z(from: sampleBytes(50_000), in: directory))
        try write(valid + Data("trailing garbage".utf8), to: directory.path("trailing.c1z"))
        expectC1ZError(.trailingData) {
            try C1ZContainer.decompress(c1z: directory.path("trailing.c1z"), toDatabase: directory.path("out.db"))
        }
    }

    @Test func corruptCompressedBytes() throws {
        let directory = try TemporaryDirectory()
        var bytes = try read(try makeC1Z(from: sampleBytes(400_000), in: directory))
        bytes[bytes.count / 2] ^= 0xFF
        bytes[bytes.count / 2 + 1] ^= 0x55
        try write(bytes, to: directory.path("flipped.c1z"))
        expectC1ZError(.compression) {
            try C1ZContainer.decompress(c1z: directory.path("flipped.c1z"), toDatabase: directory.path("out.db"))
        }
    }

    @Test func contentSizeOverTheLimitFailsBeforeDecoding() throws {
        let directory = try TemporaryDirectory()
        let path = try makeC1Z(from: sampleBytes(300_000), in: directory)
        let limits = ZstdLimits(maxDecodedSize: 100_000)
        let error = expectC1ZError(.maxDecodedSizeExceeded) {
            try C1ZContainer.decompress(c1z: path, toDatabase: directory.path("out.db"), limits: limits)
        }
        #expect(
            error?.message
                == "c1z: max decoded size exceeded, increase DecoderMaxDecodedSize using "
                + "BATON_DECODER_MAX_DECODED_SIZE_MB environment variable")
        // Failing fast means nothing was decoded.
        #expect(try read(directory.path("out.db")).isEmpty)

        let streaming = ZstdLimits(maxDecodedSize: 100_000, failFastOnContentSize: false)
        expectC1ZError(.maxDecodedSizeExceeded) {
            try C1ZContainer.decompress(c1z: path, toDatabase: directory.path("out.db"), limits: streaming)
        }
        #expect(try C1ZContainer.decompress(c1z: path, toDatabase: directory.path("out.db")) == 300_000)
    }

    @Test func windowOverTheLimit() throws {
        let directory = try TemporaryDirectory()
        // Level 3 on 4 MB picks a 2 MiB window or more.
        let path = try makeC1Z(from: sampleBytes(4_000_000), in: directory)
        let error = expectC1ZError(.windowSizeExceeded) {
            try C1ZContainer.decompress(
                c1z: path, toDatabase: directory.path("out.db"), limits: ZstdLimits(maxWindowSize: 1 << 20))
        }
        #expect(
            error?.message
                == "c1z: window size exceeded, increase DecoderMaxMemory using BATON_DECODER_MAX_MEMORY_MB  "
                + "environment variable")
    }

    @Test func corruptDatabaseInsideAValidContainer() throws {
        let directory = try TemporaryDirectory()
        let path = try makeC1Z(from: sampleBytes(64 * 1024), in: directory)
        let error = expectC1ZError(.corruptDatabase) {
            _ = try C1ZStore.open(c1z: path)
        }
        #expect(error?.message.hasPrefix("c1z: corrupt database: ") == true)
        // A damaged page inside a real database is caught on open too.
        let store = try C1ZStore.openWorking(at: directory.path("good.db"))
        try store.close()
        var database = try read(directory.path("good.db"))
        database.replaceSubrange(0..<100, with: Data(repeating: 0x41, count: 100))
        let damaged = try makeC1Z(from: database, in: directory, name: "damaged.c1z")
        expectC1ZError(.corruptDatabase) {
            _ = try C1ZStore.open(c1z: damaged)
        }
    }

    @Test func readCopiesLiveInTheConfiguredTemporaryDirectoryAndGoAway() throws {
        let directory = try TemporaryDirectory()
        let working = try C1ZStore.openWorking(at: directory.path("work.db"))
        try working.save(toC1Z: directory.path("out.c1z"))
        try working.close()
        let unpackDirectory = directory.path("unpack")
        try FileManager.default.createDirectory(atPath: unpackDirectory, withIntermediateDirectories: false)
        let store = try C1ZStore.open(
            c1z: directory.path("out.c1z"), options: C1ZReadOptions(temporaryDirectory: unpackDirectory))
        #expect(store.databasePath.hasPrefix(unpackDirectory + "/c1z"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: unpackDirectory).count == 1)
        try store.close()
        try store.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: unpackDirectory).isEmpty)
        expectC1ZError(.closed) { _ = try store.listSyncRuns() }
    }
}

@Suite struct AtomicSaveTests {
    @Test func failedSaveLeavesThePreviousFileAndNoTemporary() throws {
        let directory = try TemporaryDirectory()
        let store = try C1ZStore.openWorking(at: directory.path("work.db"))
        let syncID = try store.startSync()
        try store.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("user")]), syncID: syncID)
        let output = directory.path("sync.c1z")
        try store.save(toC1Z: output)
        let before = try read(output)

        // A directory as the database makes the read fail after `<out>.tmp` was created.
        try FileManager.default.createDirectory(atPath: directory.path("not-a-db"), withIntermediateDirectories: false)
        expectC1ZError(.io) {
            try C1ZContainer.compress(database: directory.path("not-a-db"), toC1Z: output)
        }
        #expect(try read(output) == before)
        #expect(!FileManager.default.fileExists(atPath: output + ".tmp"))

        // A missing database fails before anything is written.
        expectC1ZError(.io) {
            try C1ZContainer.compress(database: directory.path("absent.db"), toC1Z: output)
        }
        #expect(try read(output) == before)
        #expect(!FileManager.default.fileExists(atPath: output + ".tmp"))
        try store.close()
    }

    @Test func saveReplacesTheFileWithAPrivateOne() throws {
        let directory = try TemporaryDirectory()
        let output = directory.path("sync.c1z")
        try write(Data("previous".utf8), to: output)
        let store = try C1ZStore.openWorking(at: directory.path("work.db"))
        _ = try store.startSync()
        let result = try store.save(toC1Z: output)
        try store.close()
        let saved = try read(output)
        #expect(UInt64(saved.count) == result.compressedBytes)
        #expect(Array(saved.prefix(5)) == C1ZContainer.v1Magic)
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try directory.contents() == ["sync.c1z", "work.db"])
    }

    @Test func savedDatabaseIsAPlainRollbackJournalFile() throws {
        let directory = try TemporaryDirectory()
        let store = try C1ZStore.openWorking(at: directory.path("work.db"))
        let syncID = try store.startSync()
        try store.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("user")]), syncID: syncID)
        try store.save(toC1Z: directory.path("sync.c1z"))
        // The store keeps working in WAL mode after a save.
        try store.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("group")]), syncID: syncID)
        try store.close()

        try C1ZContainer.decompress(c1z: directory.path("sync.c1z"), toDatabase: directory.path("saved.db"))
        let header = try read(directory.path("saved.db"))
        // Bytes 18 and 19 are the file format read/write versions: 1 = rollback journal, 2 = WAL.
        #expect(header[18] == 1 && header[19] == 1)
        // Bytes 16-17: the page size, big-endian.
        #expect(Int(header[16]) << 8 | Int(header[17]) == 16_384)
        #expect(
            try run("sqlite3", [directory.path("saved.db"), "select count(*) from v1_resource_types"]).output
                == Data("1\n".utf8))
    }
}
