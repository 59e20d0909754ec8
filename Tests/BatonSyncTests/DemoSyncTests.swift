import BatonSDK
import BatonStore
import BatonSync
import BatonTestSupport
import DemoConnector
import Foundation
import Testing

/// Wraps a connector so its syncers fail on the Nth call, like a process killed mid-sync.
struct CrashingConnector: Connector {
    let inner: any Connector
    let counter: CallCounter
    let crashAt: Int

    func metadata() async throws -> C1_Connector_V2_ConnectorMetadata { try await inner.metadata() }
    func validate() async throws -> Annotations { try await inner.validate() }
    var resourceSyncers: [any ResourceSyncer] {
        inner.resourceSyncers.map { Crashing(inner: $0, counter: counter, crashAt: crashAt) }
    }

    struct Crashing: ResourceSyncer {
        let inner: any ResourceSyncer
        let counter: CallCounter
        let crashAt: Int
        var resourceType: ResourceType { inner.resourceType }
        func tick() throws {
            if counter.next() == crashAt { throw BatonError(.internal, "simulated crash") }
        }
        func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
            try tick()
            return try await inner.list(parent: parent, request: request)
        }
        func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
            try tick()
            return try await inner.entitlements(of: resource, request: request)
        }
        func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
            try tick()
            return try await inner.grants(of: resource, request: request)
        }
    }
}

final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

@Suite("Sync engine on baton-demo")
struct DemoSyncTests {
    func sync(_ connector: any Connector = DemoConnector(), to path: String, workers: Int = 4) async throws
        -> SyncSummary
    {
        var options = SyncOptions()
        options.workers = workers
        return try await Syncer(runtime: ConnectorRuntime(connector), outputPath: path, options: options).run()
    }

    @Test func fullSyncWritesEverything() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let summary = try await sync(to: dir.file("sync.c1z"))
        #expect(summary.syncType == "full")
        #expect(!FileManager.default.fileExists(atPath: dir.file("sync.c1z.partial")))
        let snapshot = try C1ZSnapshot.load(dir.file("sync.c1z"))
        #expect(snapshot.resourceTypes.count == 4)
        #expect(snapshot.resources.count == 62)  // 50 users, 8 groups, 3 roles, 1 app
        #expect(snapshot.entitlements.count == 12)
        #expect(summary.stats.resources == 62)
        // Derived through nesting: Platform ⊂ Backend ⊂ Engineering ⊂ All Staff.
        let grants = try snapshot.decodedGrants()
        let derived = try #require(grants["group:g-all-staff:member:user:u021"])
        #expect(derived.annotations.contains(C1_Connector_V2_GrantImmutable.self))
        #expect(derived.sources.sources.keys.sorted() == ["group:g-engineering:member"])
        #expect(derived.sources.sources["group:g-engineering:member"]?.isDirect == false)
        #expect(grants["role:r-developer:assigned:user:u001"]?.sources.sources.isEmpty == false)
    }

    @Test func concurrencyDoesNotChangeContent() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        _ = try await sync(to: dir.file("one.c1z"), workers: 1)
        _ = try await sync(to: dir.file("eight.c1z"), workers: 8)
        let one = try C1ZSnapshot.load(dir.file("one.c1z"))
        let eight = try C1ZSnapshot.load(dir.file("eight.c1z"))
        #expect(one.differences(from: eight) == [])
    }

    @Test(arguments: [1, 2, 5, 9, 14, 20, 27, 31])
    func resumeAfterCrashGivesIdenticalContent(crashAt: Int) async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        _ = try await sync(to: dir.file("clean.c1z"))

        let output = dir.file("sync.c1z")
        let directory = DemoDirectory()
        let crashing = CrashingConnector(
            inner: DemoConnector(directory: directory), counter: CallCounter(),
            crashAt: crashAt)
        await #expect(throws: BatonError.self) { _ = try await sync(crashing, to: output) }
        #expect(FileManager.default.fileExists(atPath: output + ".partial"))
        #expect(!FileManager.default.fileExists(atPath: output))

        let resumed = try await sync(DemoConnector(directory: directory), to: output)
        #expect(resumed.resumed)
        let clean = try C1ZSnapshot.load(dir.file("clean.c1z"))
        #expect(try C1ZSnapshot.load(output).differences(from: clean) == [])
    }

    @Test func previousFileSurvivesAFailedSyncAndRetentionKeepsTwo() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let output = dir.file("sync.c1z")
        _ = try await sync(to: output)
        let before = try Data(contentsOf: URL(fileURLWithPath: output))
        let crashing = CrashingConnector(inner: DemoConnector(), counter: CallCounter(), crashAt: 5)
        await #expect(throws: BatonError.self) { _ = try await sync(crashing, to: output) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == before)
        try FileManager.default.removeItem(atPath: output + ".partial")

        _ = try await sync(to: output)
        _ = try await sync(to: output)
        let store = try C1ZStore.open(c1z: output)
        defer { try? store.close() }
        #expect(try store.listSyncRuns().filter { $0.isFinished }.count == 2)
    }

    @Test func resourceTypeFilterAndResourcesOnly() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var options = SyncOptions()
        options.resourceTypeFilter = ["group"]
        _ = try await Syncer(
            runtime: ConnectorRuntime(DemoConnector()), outputPath: dir.file("g.c1z"),
            options: options
        ).run()
        let groups = try C1ZSnapshot.load(dir.file("g.c1z"))
        #expect(groups.resources.count == 8)
        #expect(groups.resourceTypes.keys.sorted() == ["group"])

        options = SyncOptions()
        options.skipEntitlementsAndGrants = true
        let summary = try await Syncer(
            runtime: ConnectorRuntime(DemoConnector()), outputPath: dir.file("r.c1z"),
            options: options
        ).run()
        #expect(summary.syncType == "resources_only")
        let resourcesOnly = try C1ZSnapshot.load(dir.file("r.c1z"), syncID: summary.syncID)
        #expect(resourcesOnly.resources.count == 62)
        #expect(resourcesOnly.grants.isEmpty)

        options = SyncOptions()
        options.resourceTypeFilter = ["nope"]
        await #expect(throws: BatonError(.invalidArgument, "invalid resource type 'nope' in filter")) {
            _ = try await Syncer(
                runtime: ConnectorRuntime(DemoConnector()), outputPath: dir.file("x.c1z"),
                options: options
            ).run()
        }
    }

    @Test func targetedSyncOfOneGroup() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var options = SyncOptions()
        options.targetedResources = [(ResourceID("group", "g-frontend"), nil)]
        let summary = try await Syncer(
            runtime: ConnectorRuntime(DemoConnector()), outputPath: dir.file("p.c1z"),
            options: options
        ).run()
        #expect(summary.syncType == "partial")
        let snapshot = try C1ZSnapshot.load(dir.file("p.c1z"), syncID: summary.syncID)
        #expect(snapshot.resources.keys.sorted() == ["group:g-frontend"])
        #expect(snapshot.grants.count == 10)
    }
}
