import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

@Suite struct SyncRunTests {
    @Test func lifecycle() throws {
        let directory = try TemporaryDirectory()
        let store = try C1ZStore.openWorking(at: directory.path("work.db"))
        expectC1ZError(.noSync) { _ = try store.resolveSyncID() }
        let before = Date()
        let full = try store.startSync(type: .full, parentSyncID: "ignored")
        #expect(KSUID(full) != nil)
        #expect(try store.latestUnfinishedSync(type: .full)?.id == full)
        #expect(try store.latestUnfinishedSync(type: .partial) == nil)
        #expect(try store.latestFinishedSync() == nil)
        #expect(try store.resolveSyncID() == full)

        try store.checkpoint(syncID: full, token: "{\"actions_map\":{},\"version\":1}")
        try store.markSupportsDiff(syncID: full)
        try store.endSync(syncID: full)
        let run = try #require(try store.syncRun(id: full))
        #expect(run.syncType == .full && run.parentSyncID == "" && run.supportsDiff)
        #expect(run.syncToken == "{\"actions_map\":{},\"version\":1}")
        #expect(run.startedAt >= before.addingTimeInterval(-0.001))
        #expect(try #require(run.endedAt) >= run.startedAt)
        #expect(try store.latestUnfinishedSync() == nil)

        let partial = try store.startSync(type: .partial, parentSyncID: full)
        #expect(try store.syncRun(id: partial)?.parentSyncID == full)
        #expect(try store.resolveSyncID() == full)
        #expect(try store.resolveSyncID(partial) == partial)
        expectC1ZError(.syncNotFound) { _ = try store.resolveSyncID("2B7xXxXxXxXxXxXxXxXxXxXxXxX") }
        try store.endSync(syncID: partial)
        expectC1ZError(.syncNotRunning) { try store.endSync(syncID: partial) }
        expectC1ZError(.syncNotRunning) { try store.checkpoint(syncID: partial, token: "{}") }
        #expect(try store.latestFinishedSync()?.id == partial)
        #expect(try store.latestFinishedSync(type: .full)?.id == full)
        #expect(try store.listSyncRuns().map(\.id) == [full, partial])
        try store.close()
    }

    @Test func unfinishedSyncsOlderThanSevenDaysAreNotResumed() throws {
        let directory = try TemporaryDirectory()
        var store = try C1ZStore.openWorking(at: directory.path("work.db"))
        let syncID = try store.startSync()
        try store.close()
        let eightDaysAgo = SQLiteTime.format(Date().addingTimeInterval(-8 * 24 * 3600))
        let update = "update v1_sync_runs set started_at = '\(eightDaysAgo)'"
        #expect(try run("sqlite3", [directory.path("work.db"), update]).status == 0)
        store = try C1ZStore.openWorking(at: directory.path("work.db"))
        #expect(try store.latestUnfinishedSync() == nil)
        // Still readable as the only sync.
        #expect(try store.resolveSyncID() == syncID)
        try store.close()
    }

    @Test func statsJSONMatchesGoEncoding() throws {
        let sample = try SampleSync()
        var runtime = C1_Reader_V2_SyncStats()
        runtime.stepDurationsMs = ["list-resources": 5, "list-grants": 12]
        runtime.connectorCallStats = [
            "ListUsers": .with {
                $0.count = 3; $0.totalMs = 40; $0.maxMs = 20
            }
        ]
        let stats = try sample.store.endSync(syncID: sample.syncID, runtimeStats: runtime)
        let expected = """
            {"resource_types":4,"resources":8,"entitlements":2,"grants":6,\
            "resources_by_resource_type":{"group":2,"org":1,"role":0,"user":5},\
            "grants_by_resource_type":{"group":6},"entitlements_by_resource_type":{"group":2},\
            "step_durations_ms":{"list-grants":12,"list-resources":5},\
            "connector_call_stats":{"ListUsers":{"count":3,"total_ms":40,"max_ms":20}}}
            """
        #expect(SyncStatsJSON.encode(stats) == expected)
        try sample.store.close()
        let stored = try run("sqlite3", [sample.directory.path("sync.c1z.partial"), "select stats from v1_sync_runs"])
        #expect(String(decoding: stored.output, as: UTF8.self) == expected + "\n")

        let reopened = try C1ZStore.openWorking(at: sample.directory.path("sync.c1z.partial"))
        #expect(try reopened.stats(syncID: sample.syncID) == stats)
        #expect(try reopened.syncRun(id: sample.syncID)?.stats == stats)
        try reopened.close()
    }

    @Test func resourcesOnlySyncsCountNoEntitlementsOrGrants() throws {
        let directory = try TemporaryDirectory()
        let store = try C1ZStore.openWorking(at: directory.path("work.db"))
        let syncID = try store.startSync(type: .resourcesOnly)
        let group = C1ZSample.resource("group", "g")
        try store.write(
            StoreBatch(
                resourceTypes: [C1ZSample.resourceType("group"), C1ZSample.resourceType("user")],
                resources: [group, C1ZSample.resource("stray", "s")],
                entitlements: [C1ZSample.entitlement(group)]),
            syncID: syncID)
        let stats = try store.endSync(syncID: syncID)
        // Resources of types the sync never recorded are not counted, as in Go.
        #expect(
            SyncStatsJSON.encode(stats)
                == #"{"resource_types":2,"resources":1,"resources_by_resource_type":{"group":1,"user":0}}"#)
        try store.close()
    }

    @Test func goJSONStringEscaping() {
        #expect(GoJSON.quote("a<b>&\"\\\n\t\u{01}\u{2028}é") == #""a\u003cb\u003e\u0026\"\\\n\t\u0001\u2028é""#)
        var object = GoJSONObject()
        object.add("zero", 0)
        object.add("empty", [String: Int64]())
        #expect(object.text == "{}")
        #expect(
            SyncStatsJSON.decode(#"{"resource_types":2,"grants_by_resource_type":{"a":1},"future":true}"#)
                == .with {
                    $0.resourceTypes = 2; $0.grantsByResourceType = ["a": 1]
                })
        #expect(SyncStatsJSON.decode("not json") == nil)
    }

    @Test func retentionKeepsTwoFullSyncs() throws {
        let directory = try TemporaryDirectory()
        let store = try C1ZStore.openWorking(at: directory.path("work.db"))
        func finishedSync(_ type: SyncType, parent: String = "") throws -> String {
            let id = try store.startSync(type: type, parentSyncID: parent)
            try store.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("user")]), syncID: id)
            try store.endSync(syncID: id)
            return id
        }
        let first = try finishedSync(.full)
        let oldPartial = try finishedSync(.partial, parent: first)
        let second = try finishedSync(.full)
        let third = try finishedSync(.full)
        let recentPartial = try finishedSync(.partial, parent: third)
        let current = try store.startSync(type: .full)

        let deleted = try store.cleanup(currentSyncID: current)
        #expect(deleted == [first, second, oldPartial])
        try store.endSync(syncID: current)
        let remaining = try store.listSyncRuns()
        #expect(remaining.map(\.id) == [third, recentPartial, current])
        #expect(remaining.filter { $0.syncType == .full }.count == 2)
        expectC1ZError(.syncNotFound) { _ = try store.counts(syncID: first) }
        #expect(try store.counts(syncID: third).resourceTypes == 1)
        // Without a running sync, `keep` full syncs stay, and partials older than them go.
        #expect(try store.cleanup(currentSyncID: nil, keep: 1) == [third, recentPartial])
        try store.close()
        // Every row of the deleted syncs is gone.
        let kept = "select count(*) from v1_resource_types where sync_id != '\(current)'"
        #expect(try run("sqlite3", [directory.path("work.db"), kept]).output == Data("0\n".utf8))
    }

    @Test func aCompactSaveGivesBackTheSpaceOfDeletedSyncs() throws {
        let directory = try TemporaryDirectory()
        let store = try C1ZStore.openWorking(at: directory.path("work.db"))
        let old = try store.startSync(type: .full)
        let users = (0..<3_000).map { C1ZSample.resource("user", "u\($0)") }
        try store.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("user")], resources: users), syncID: old)
        try store.endSync(syncID: old)
        let current = try store.startSync(type: .full)
        try store.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("user")]), syncID: current)
        #expect(try store.cleanup(currentSyncID: current, keep: 1) == [old])
        try store.endSync(syncID: current)

        let plain = try store.save(toC1Z: directory.path("plain.c1z"))
        let compact = try store.save(toC1Z: directory.path("compact.c1z"), compaction: .always)
        try store.close()
        #expect(compact.decompressedBytes * 2 < plain.decompressedBytes)
        #expect(!FileManager.default.fileExists(atPath: directory.path("work.db.compact")))
        let saved = try C1ZStore.open(c1z: directory.path("compact.c1z"))
        #expect(try saved.listSyncRuns().map(\.id) == [current])
        #expect(try saved.counts(syncID: current).resourceTypes == 1)
        try saved.close()
    }

    @Test func aSyncSaveCompactsOnlyAfterDeletingASync() throws {
        let directory = try TemporaryDirectory()
        let working = directory.path("work.db")
        let store = try C1ZStore.openWorking(at: working)
        let users = (0..<3_000).map { C1ZSample.resource("user", "u\($0)") }
        let first = try store.startSync(type: .full)
        try store.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("user")], resources: users), syncID: first)
        try store.endSync(syncID: first)
        // Nothing deleted and no free pages: the database is saved as it is, byte for byte.
        let asIs = try store.save(toC1Z: directory.path("first.c1z"), compaction: .whenWorthwhile)
        #expect(asIs.decompressedBytes == (try FileSystem.size(of: working) ?? 0))

        let second = try store.startSync(type: .full)
        try store.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("user")]), syncID: second)
        #expect(try store.cleanup(currentSyncID: second, keep: 1) == [first])
        try store.endSync(syncID: second)
        // The deleted sync's users sit in free pages of the working file; the saved copy leaves them behind.
        let compacted = try store.save(toC1Z: directory.path("second.c1z"), compaction: .whenWorthwhile)
        try store.close()
        #expect(compacted.decompressedBytes * 2 < (try FileSystem.size(of: working) ?? 0))
        let saved = try C1ZStore.open(c1z: directory.path("second.c1z"))
        #expect(try saved.counts(syncID: second).resources == 0)
        try saved.close()
    }

    @Test func retentionPolicyForDiffSyncsAndUnfinishedOnes() {
        func run(_ id: String, _ type: SyncType, started: TimeInterval, ended: TimeInterval?, linked: String = "")
            -> SyncRun
        {
            SyncRun(
                id: id, startedAt: Date(timeIntervalSince1970: started),
                endedAt: ended.map { Date(timeIntervalSince1970: $0) }, syncType: type, linkedSyncID: linked)
        }
        let runs = [
            run("f1", .full, started: 0, ended: 1), run("u1", .partialUpserts, started: 2, ended: 3),
            run("d1", .partialDeletions, started: 2, ended: 3), run("f2", .full, started: 4, ended: 5),
            run("d2", .partialDeletions, started: 6, ended: 7, linked: "u2"),
            run("u2", .partialUpserts, started: 6, ended: 7, linked: "d2"),
            run("open", .full, started: 8, ended: nil),
        ]
        #expect(
            RetentionPolicy.syncsToDelete(runs, currentSyncID: "", keepFullSyncs: 2, currentSyncOpen: false)
                == ["u1", "d1"])
        #expect(
            RetentionPolicy.syncsToDelete(runs, currentSyncID: "", keepFullSyncs: 1, currentSyncOpen: false)
                == ["f1", "u1", "d1"])
    }

    @Test func aKilledSyncResumesFromItsWorkingDatabase() throws {
        let sample = try SampleSync()
        let more = C1ZSample.resource("user", "after-checkpoint")
        try sample.store.write(StoreBatch(resources: [more]), syncID: sample.syncID, checkpoint: "{\"page\":\"2\"}")
        // Copy the working files while the store is still open: what a killed process leaves behind.
        let killed = try TemporaryDirectory()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: sample.store.databasePath + suffix) {
            try FileManager.default.copyItem(
                atPath: sample.store.databasePath + suffix, toPath: killed.path("sync.c1z.partial" + suffix))
        }
        try sample.store.close()

        for path in [killed.path("sync.c1z.partial"), sample.store.databasePath] {
            let resumed = try C1ZStore.openWorking(at: path, seedingFrom: killed.path("sync.c1z"))
            let run = try #require(try resumed.latestUnfinishedSync(type: .full))
            #expect(run.id == sample.syncID)
            #expect(run.syncToken == "{\"page\":\"2\"}")
            #expect(try resumed.resource(id: more.id, syncID: run.id) == more)
            #expect(try resumed.counts(syncID: run.id).grants == 6)
            try resumed.close()
        }
    }

    @Test func workingDatabasesSeedFromThePreviousC1Z() throws {
        let sample = try SampleSync()
        try sample.store.endSync(syncID: sample.syncID)
        let output = sample.directory.path("sync.c1z")
        try sample.store.save(toC1Z: output)
        try sample.store.close()
        C1ZStore.removeWorkingFiles(at: sample.store.databasePath)
        #expect(!FileManager.default.fileExists(atPath: sample.store.databasePath))

        let next = try C1ZStore.openWorking(at: sample.store.databasePath, seedingFrom: output)
        #expect(try next.latestFinishedSync(type: .full)?.id == sample.syncID)
        #expect(try next.counts(syncID: sample.syncID).grants == 6)
        try next.close()

        // Missing or empty outputs start fresh.
        try write(Data(), to: sample.directory.path("empty.c1z"))
        for seed in [sample.directory.path("empty.c1z"), sample.directory.path("absent.c1z")] {
            let fresh = try C1ZStore.openWorking(at: sample.directory.path("fresh.db"), seedingFrom: seed)
            #expect(try fresh.listSyncRuns().isEmpty)
            try fresh.close()
            C1ZStore.removeWorkingFiles(at: sample.directory.path("fresh.db"))
        }
    }

    @Test func aStaleLogIsNotReplayedIntoASeededDatabase() throws {
        let directory = try TemporaryDirectory()
        let previous = try C1ZStore.openWorking(at: directory.path("previous.db"))
        let kept = try previous.startSync()
        try previous.endSync(syncID: kept)
        try previous.save(toC1Z: directory.path("sync.c1z"))
        try previous.close()
        // The log of some other database, left where the working database used to be.
        let other = try C1ZStore.openWorking(at: directory.path("other.db"))
        let stray = try other.startSync()
        try other.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("user")]), syncID: stray)
        try write(try read(directory.path("other.db-wal")), to: directory.path("work.db-wal"))
        try other.close()

        let store = try C1ZStore.openWorking(at: directory.path("work.db"), seedingFrom: directory.path("sync.c1z"))
        #expect(try store.listSyncRuns().map(\.id) == [kept])
        try store.close()
    }
}
