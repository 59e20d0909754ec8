import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

/// A working store with one running sync holding a small organisation.
struct SampleSync {
    let directory: TemporaryDirectory
    let store: C1ZStore
    let syncID: String
    let types: [C1_Connector_V2_ResourceType]
    let org: C1_Connector_V2_Resource
    let users: [C1_Connector_V2_Resource]
    let groups: [C1_Connector_V2_Resource]
    let entitlements: [C1_Connector_V2_Entitlement]
    let grants: [C1_Connector_V2_Grant]

    init(users userCount: Int = 5) throws {
        directory = try TemporaryDirectory()
        store = try C1ZStore.openWorking(at: directory.path("sync.c1z.partial"))
        syncID = try store.startSync(type: .full)
        types = [
            C1ZSample.resourceType("org"), C1ZSample.resourceType("user", traits: [.user]),
            C1ZSample.resourceType("group", traits: [.group]), C1ZSample.resourceType("role", traits: [.role]),
        ]
        let org = C1ZSample.resource("org", "acme")
        let users = (0..<userCount).map { C1ZSample.resource("user", "u\($0)", parent: org.id) }
        let groups = [C1ZSample.resource("group", "admins", parent: org.id), C1ZSample.resource("group", "devs")]
        let entitlements = groups.map { C1ZSample.entitlement($0) }
        self.org = org
        self.users = users
        self.groups = groups
        self.entitlements = entitlements
        var grants: [C1_Connector_V2_Grant] = []
        for (index, user) in users.enumerated() {
            grants.append(try C1ZSample.grant(entitlements[index % 2], to: user))
        }
        // devs members are also admins members (nested group).
        grants.append(
            try C1ZSample.grant(
                entitlements[0], to: groups[1], expandable: C1ZSample.expandable([entitlements[1].id])))
        self.grants = grants
        try store.write(
            StoreBatch(
                resourceTypes: types, resources: [org] + users + groups, entitlements: entitlements,
                grants: grants),
            syncID: syncID, checkpoint: "{\"version\":1}")
    }
}

@Suite struct StoreRoundTripTests {
    @Test func everyRecordKindReadsBackAsWritten() throws {
        let sample = try SampleSync()
        let store = sample.store
        #expect(try store.listResourceTypes(syncID: sample.syncID).items == sample.types)
        #expect(try store.listResources(syncID: sample.syncID).items == [sample.org] + sample.users + sample.groups)
        #expect(try store.listEntitlements(syncID: sample.syncID).items == sample.entitlements)
        let grants = try store.listGrants(syncID: sample.syncID).items
        #expect(grants.count == sample.grants.count)
        #expect(Array(grants.prefix(5)) == Array(sample.grants.prefix(5)))
        // The expandable grant comes back without its annotation unless asked for.
        var stripped = sample.grants[5]
        stripped.annotations = []
        #expect(grants[5] == stripped)
        let withExpansion = try store.listGrants(syncID: sample.syncID, filter: GrantFilter(includeExpansion: true))
        #expect(try withExpansion.items[5].serializedBytes() as [UInt8] == sample.grants[5].serializedBytes())

        #expect(try store.resourceType(id: "user", syncID: sample.syncID) == sample.types[1])
        #expect(try store.resource(id: sample.users[2].id, syncID: sample.syncID) == sample.users[2])
        #expect(try store.entitlement(id: "group:devs:member", syncID: sample.syncID) == sample.entitlements[1])
        #expect(try store.grant(id: sample.grants[0].id, syncID: sample.syncID) == sample.grants[0])
        #expect(try store.grant(id: "nope", syncID: sample.syncID) == nil)
        #expect(try store.resource(id: C1ZSample.resourceID("user", "ghost"), syncID: sample.syncID) == nil)
        #expect(
            try store.counts(syncID: sample.syncID)
                == RecordCounts(
                    resourceTypes: 4, resources: 8, entitlements: 2, grants: 6))
        #expect(try store.syncRun(id: sample.syncID)?.syncToken == "{\"version\":1}")
    }

    @Test func storedColumnsFollowTheGoDerivations() throws {
        let sample = try SampleSync()
        try sample.store.close()
        let database = sample.directory.path("sync.c1z.partial")
        func query(_ sql: String) throws -> String {
            String(decoding: try run("sqlite3", ["-separator", "|", database, sql]).output, as: UTF8.self)
        }
        #expect(
            try query(
                "select resource_type_id, external_id, ifnull(parent_resource_type_id, 'NULL'), "
                    + "ifnull(parent_resource_id, 'NULL') from v1_resources where external_id in ('org:acme', 'user:u1') "
                    + "order by id") == "org|org:acme|NULL|NULL\nuser|user:u1|org|acme\n")
        #expect(
            try query("select resource_type_id, resource_id, external_id from v1_entitlements order by id")
                == "group|admins|group:admins:member\ngroup|devs|group:devs:member\n")
        #expect(
            try query(
                "select resource_type_id, resource_id, entitlement_id, principal_resource_type_id, "
                    + "principal_resource_id, external_id, expansion is null, needs_expansion from v1_grants where id = 6"
            )
                == "group|admins|group:admins:member|group|devs|group:admins:member:group:devs|0|1\n")
        #expect(try query("select count(*) from v1_grants where expansion is null and needs_expansion = 0") == "5\n")
        // Blobs are the deterministic encoding; the stored grant lost its GrantExpandable annotation.
        let stored = try query("select hex(data) from v1_resource_types where external_id = 'user'")
        let expected = try sample.types[1].deterministicData().map { String(format: "%02X", $0) }.joined()
        #expect(stored == expected + "\n")
        #expect(try query("select instr(data, cast('GrantExpandable' as blob)) from v1_grants where id = 6") == "0\n")
        let discovered = try query("select discovered_at from v1_grants where id = 1")
        #expect(SQLiteTime.parse(discovered.trimmingCharacters(in: .newlines)) != nil)
        #expect(
            try query("select sync_type, parent_sync_id, grants_backfilled, ended_at is null from v1_sync_runs")
                == "full||1|1\n")
    }

    @Test func pagesFollowRowIDs() throws {
        let sample = try SampleSync(users: 25)
        var seen: [C1_Connector_V2_Resource] = []
        var token = ""
        var pages = 0
        repeat {
            let page = try sample.store.listResources(syncID: sample.syncID, pageToken: token, pageSize: 10)
            #expect(page.items.count <= 10)
            seen += page.items
            token = page.nextPageToken
            pages += 1
        } while !token.isEmpty
        #expect(pages == 3)
        #expect(seen == [sample.org] + sample.users + sample.groups)
        let first = try sample.store.listResources(syncID: sample.syncID, pageSize: 10)
        // The token is the decimal row id after the last row of the page.
        #expect(first.nextPageToken == "11")
        #expect(
            try sample.store.listResources(syncID: sample.syncID, pageToken: "11", pageSize: 1).items
                == [sample.users[9]])
        expectC1ZError(.invalidPageToken) {
            _ = try sample.store.listResources(syncID: sample.syncID, pageToken: "eleven")
        }
        #expect(Paging.effectiveSize(0) == 10_000 && Paging.effectiveSize(20_000) == 10_000)
        #expect(Paging.effectiveSize(250) == 250)
    }

    @Test func filters() throws {
        let sample = try SampleSync()
        let store = sample.store
        let sync = sample.syncID
        #expect(try store.listResources(syncID: sync, resourceTypeID: "group").items == sample.groups)
        #expect(
            try store.listResources(syncID: sync, parent: sample.org.id).items
                == sample.users + [sample.groups[0]])
        #expect(
            try store.listEntitlements(syncID: sync, resource: sample.groups[1].id).items
                == [sample.entitlements[1]])
        let admins = try store.listGrants(syncID: sync, filter: GrantFilter(entitlementID: "group:admins:member"))
        #expect(
            admins.items.map(\.id) == [
                sample.grants[0].id, sample.grants[2].id, sample.grants[4].id,
                sample.grants[5].id,
            ])
        let usersOnly = GrantFilter(entitlementID: "group:admins:member", principalResourceTypeIDs: ["user"])
        #expect(try store.listGrants(syncID: sync, filter: usersOnly).items.count == 3)
        let byResource = GrantFilter(resource: sample.groups[1].id)
        #expect(
            try store.listGrants(syncID: sync, filter: byResource).items.map(\.id)
                == [sample.grants[1].id, sample.grants[3].id])
        let byPrincipal = GrantFilter(principal: sample.users[3].id)
        #expect(try store.listGrants(syncID: sync, filter: byPrincipal).items == [sample.grants[3]])
        let groupsOrRoles = GrantFilter(principalResourceTypeIDs: ["group", "role"])
        #expect(try store.listGrants(syncID: sync, filter: groupsOrRoles).items.map(\.id) == [sample.grants[5].id])
    }

    @Test func upsertsKeepOneRowPerExternalID() throws {
        let sample = try SampleSync()
        var renamed = sample.users[0]
        renamed.displayName = "Renamed"
        try sample.store.write(StoreBatch(resources: [renamed, renamed]), syncID: sample.syncID)
        let resources = try sample.store.listResources(syncID: sample.syncID, resourceTypeID: "user").items
        #expect(resources.count == 5)
        #expect(resources[0] == renamed)
    }

    @Test func writesNeedARunningSync() throws {
        let sample = try SampleSync()
        try sample.store.endSync(syncID: sample.syncID)
        let batch = StoreBatch(resourceTypes: [C1ZSample.resourceType("app")])
        expectC1ZError(.syncNotRunning) { try sample.store.write(batch, syncID: sample.syncID) }
        expectC1ZError(.syncNotFound) { try sample.store.write(batch, syncID: "0000000000000000000000000") }
        #expect(try sample.store.resourceType(id: "app", syncID: sample.syncID) == nil)
    }

    @Test func aFailedBatchWritesNothingAndKeepsTheCheckpoint() throws {
        let sample = try SampleSync()
        try sample.store.close()
        let database = sample.directory.path("sync.c1z.partial")
        // A trigger makes one grant insert fail in the middle of a batch.
        let trigger = """
            create trigger boom before insert on v1_grants when new.external_id = 'boom' \
            begin select raise(abort, 'boom'); end;
            """
        #expect(try run("sqlite3", [database, trigger]).status == 0)
        let store = try C1ZStore.openWorking(at: database)
        var broken = sample.grants[0]
        broken.id = "boom"
        let batch = StoreBatch(resources: [C1ZSample.resource("user", "late")], grants: [sample.grants[1], broken])
        #expect(throws: SQLiteError.self) {
            try store.write(batch, syncID: sample.syncID, checkpoint: "{\"version\":2}")
        }
        #expect(try store.resource(id: C1ZSample.resourceID("user", "late"), syncID: sample.syncID) == nil)
        #expect(try store.syncRun(id: sample.syncID)?.syncToken == "{\"version\":1}")
        #expect(try store.counts(syncID: sample.syncID).grants == 6)
        try store.close()
    }

    @Test func readOnlyStoresRefuseWrites() throws {
        let sample = try SampleSync()
        try sample.store.save(toC1Z: sample.directory.path("sync.c1z"))
        let reader = try C1ZStore.open(
            c1z: sample.directory.path("sync.c1z"), options: C1ZReadOptions(applyMigrations: false))
        #expect(try reader.listGrants().items.count == 6)
        expectC1ZError(.invalidRecord) {
            try reader.write(StoreBatch(resourceTypes: [C1ZSample.resourceType("x")]), syncID: sample.syncID)
        }
        try reader.close()
    }

    /// Grants are encoded in pieces on several threads, reusing a shared entitlement's bytes; every
    /// stored blob must still be exactly the grant's deterministic encoding, in the order written.
    @Test func storedGrantBytesAreTheDeterministicEncoding() throws {
        let directory = try TemporaryDirectory()
        let store = try C1ZStore.openWorking(at: directory.path("work.db"))
        let syncID = try store.startSync()
        var big = C1ZSample.resource("group", "big")
        big.description_p = String(repeating: "a long description ", count: 20)
        let entitlements = [C1ZSample.entitlement(big), C1ZSample.entitlement(C1ZSample.resource("role", "r"))]
        var grants: [C1_Connector_V2_Grant] = []
        for index in 0..<2_345 {
            // Runs of grants share an entitlement; some carry sources (a map) and annotations.
            var grant = try C1ZSample.grant(
                entitlements[(index / 100) % 2], to: C1ZSample.resource("user", "u\(index)"),
                expandable: index % 7 == 0 ? C1ZSample.expandable(["role:r:member"]) : nil)
            if index % 3 == 0 {
                for key in ["z", "a", "m"] {
                    grant.sources.sources["group:\(key):member"] = .with { $0.isDirect = true }
                }
            }
            grants.append(grant)
        }
        try store.write(StoreBatch(grants: grants), syncID: syncID)
        try store.close()

        let connection = try SQLiteConnection(path: directory.path("work.db"), mode: .readOnly)
        var stored: [Data] = []
        try connection.query("select data from v1_grants order by id") { stored.append($0.blob(0)) }
        #expect(stored.count == grants.count)
        for (grant, data) in zip(grants, stored) {
            var expected = grant
            expected.annotations.removeAll(where: GrantExpansion.isExpandable)
            #expect(try expected.deterministicData() == data, "\(grant.id)")
        }
    }
}
