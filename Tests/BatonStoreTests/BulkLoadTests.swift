import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

/// Large grant loads drop the secondary grants indexes and rebuild them before they are needed.
@Suite struct BulkLoadTests {
    static let indexQuery = "select count(*) from sqlite_master where type = 'index' and tbl_name = 'v1_grants'"

    func indexCount(_ path: String) throws -> String {
        String(decoding: try run("sqlite3", [path, Self.indexQuery]).output, as: UTF8.self)
    }

    /// A sync with `count` grants of one entitlement, written in pages of `page`.
    func bulkSync(_ directory: TemporaryDirectory, count: Int, page: Int) throws -> (C1ZStore, String) {
        let store = try C1ZStore.openWorking(at: directory.path("work.db"))
        let syncID = try store.startSync()
        let group = C1ZSample.resource("group", "everyone")
        let entitlement = C1ZSample.entitlement(group)
        let grants = try (0..<count).map { try C1ZSample.grant(entitlement, to: C1ZSample.resource("user", "u\($0)")) }
        for start in stride(from: 0, to: count, by: page) {
            let batch = StoreBatch(grants: Array(grants[start..<min(count, start + page)]))
            try store.write(batch, syncID: syncID, checkpoint: "{\"page\":\(start)}")
        }
        return (store, syncID)
    }

    /// Copies the working files mid-load, as a killed process would leave them.
    func snapshot(_ directory: TemporaryDirectory) throws -> TemporaryDirectory {
        let copy = try TemporaryDirectory()
        for name in ["work.db", "work.db-wal"] where FileManager.default.fileExists(atPath: directory.path(name)) {
            try FileManager.default.copyItem(atPath: directory.path(name), toPath: copy.path(name))
        }
        return copy
    }

    @Test func smallPagesAddUpToABulkLoadAndReadsRebuildTheIndexes() throws {
        let directory = try TemporaryDirectory()
        let (store, syncID) = try bulkSync(directory, count: 12_000, page: 250)
        let killed = try snapshot(directory)

        let principal = GrantFilter(principal: C1ZSample.resourceID("user", "u11999"))
        #expect(
            try store.listGrants(syncID: syncID, filter: principal).items.map(\.id)
                == ["group:everyone:member:user:u11999"])
        #expect(try store.principalsHolding(entitlementID: "group:everyone:member", syncID: syncID).count == 12_000)
        try store.close()
        #expect(try indexCount(directory.path("work.db")) == "7\n")

        // The killed copy had its indexes dropped; reopening brings them back with the rows intact.
        try withExtendedLifetime(killed) { () throws -> Void in
            #expect(try indexCount(killed.path("work.db")) == "3\n")
            let resumed = try C1ZStore.openWorking(at: killed.path("work.db"))
            #expect(try resumed.counts(syncID: syncID).grants == 12_000)
            try resumed.close()
            #expect(try indexCount(killed.path("work.db")) == "7\n")
        }
    }

    @Test func savedFilesAlwaysCarryEveryIndex() throws {
        let directory = try TemporaryDirectory()
        let (store, _) = try bulkSync(directory, count: 10_000, page: 10_000)
        try store.save(toC1Z: directory.path("sync.c1z"))
        try store.close()
        try C1ZContainer.decompress(c1z: directory.path("sync.c1z"), toDatabase: directory.path("saved.db"))
        #expect(try indexCount(directory.path("saved.db")) == "7\n")
    }

    @Test func smallSyncsIntoLargeFilesKeepTheirIndexes() throws {
        let directory = try TemporaryDirectory()
        let (store, first) = try bulkSync(directory, count: 30_000, page: 10_000)
        try store.endSync(syncID: first)
        let second = try store.startSync()
        let entitlement = C1ZSample.entitlement(C1ZSample.resource("group", "few"))
        let grants = try (0..<10_000).map { try C1ZSample.grant(entitlement, to: C1ZSample.resource("user", "f\($0)")) }
        // 10 000 new grants against 30 000 existing rows: not worth a rebuild.
        try store.write(StoreBatch(grants: grants), syncID: second)
        let copy = try snapshot(directory)
        try withExtendedLifetime(copy) { () throws -> Void in
            #expect(try indexCount(copy.path("work.db")) == "7\n")
        }
        try store.close()
    }
}
