import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

@Suite struct GrantExpansionTests {
    /// Reads `expansion` and `needs_expansion` of one grant straight from the closed database file.
    func columns(_ sample: SampleSync, _ grantID: String) throws -> String {
        let sql =
            "select case when expansion is null then 'NULL' else hex(expansion) end || '|' || needs_expansion "
            + "from v1_grants "
            + "where external_id = '\(grantID)'"
        let output = try run("sqlite3", [sample.directory.path("sync.c1z.partial"), sql]).output
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    func hex(_ message: C1_Connector_V2_GrantExpandable) throws -> String {
        try message.deterministicData().map { String(format: "%02X", $0) }.joined()
    }

    /// Closes the store, runs `sql` on its file and reopens it.
    func reopen(_ sample: SampleSync, after sql: String) throws -> C1ZStore {
        try sample.store.close()
        #expect(try run("sqlite3", [sample.directory.path("sync.c1z.partial"), sql]).status == 0)
        return try C1ZStore.openWorking(at: sample.directory.path("sync.c1z.partial"))
    }

    @Test func pendingExpansionListsExpandableGrants() throws {
        let sample = try SampleSync()
        let page = try sample.store.pendingExpansion(syncID: sample.syncID)
        #expect(page.nextPageToken.isEmpty)
        #expect(
            page.items == [
                PendingExpansion(
                    grantID: "group:admins:member:group:devs", entitlementID: "group:admins:member",
                    principal: sample.groups[1].id, expandable: C1ZSample.expandable(["group:devs:member"]))
            ])
    }

    @Test func needsExpansionFollowsTheGoCaseRules() throws {
        let sample = try SampleSync()
        let grant = sample.grants[5]
        let original = C1ZSample.expandable(["group:devs:member"])
        try sample.store.close()
        #expect(try columns(sample, grant.id) == "\(try hex(original))|1")

        // Pretend expansion processed it.
        var store = try reopen(sample, after: "update v1_grants set needs_expansion = 0")
        // Same metadata again: stays processed.
        try store.write(StoreBatch(grants: [grant]), syncID: sample.syncID)
        #expect(try store.pendingExpansion(syncID: sample.syncID).items.isEmpty)
        try store.close()
        #expect(try columns(sample, grant.id) == "\(try hex(original))|0")

        // Changed metadata: needs expansion again.
        store = try C1ZStore.openWorking(at: sample.directory.path("sync.c1z.partial"))
        let changed = C1ZSample.expandable(["group:devs:member"], shallow: true)
        let regrant = try C1ZSample.grant(sample.entitlements[0], to: sample.groups[1], expandable: changed)
        try store.write(StoreBatch(grants: [regrant]), syncID: sample.syncID)
        try store.close()
        #expect(try columns(sample, grant.id) == "\(try hex(changed))|1")

        // No metadata: cleared.
        store = try C1ZStore.openWorking(at: sample.directory.path("sync.c1z.partial"))
        try store.write(
            StoreBatch(grants: [try C1ZSample.grant(sample.entitlements[0], to: sample.groups[1])]),
            syncID: sample.syncID)
        try store.close()
        #expect(try columns(sample, grant.id) == "NULL|0")

        // Previously none, now some: needs expansion.
        store = try C1ZStore.openWorking(at: sample.directory.path("sync.c1z.partial"))
        try store.write(StoreBatch(grants: [grant]), syncID: sample.syncID)
        try store.close()
        #expect(try columns(sample, grant.id) == "\(try hex(original))|1")
    }

    @Test func blankOrUndecodableMetadata() throws {
        let sample = try SampleSync()
        let blank = try C1ZSample.grant(
            sample.entitlements[1], to: sample.groups[0], expandable: C1ZSample.expandable([" ", ""]))
        var garbled = try C1ZSample.grant(sample.entitlements[1], to: sample.users[0])
        garbled.id = "garbled"
        var annotation = Google_Protobuf_Any()
        annotation.typeURL = "type.googleapis.com/c1.connector.v2.GrantExpandable"
        annotation.value = Data([0xFF, 0xFF, 0xFF])
        garbled.annotations = [annotation]
        try sample.store.write(StoreBatch(grants: [blank, garbled]), syncID: sample.syncID)

        // Blank ids: the annotation is stripped but nothing is stored for expansion.
        var blankStripped = blank
        blankStripped.annotations = []
        #expect(try sample.store.grant(id: blank.id, syncID: sample.syncID) == blankStripped)
        // Undecodable: the grant is kept as it came.
        #expect(try sample.store.grant(id: "garbled", syncID: sample.syncID) == garbled)
        try sample.store.close()
        #expect(try columns(sample, blank.id) == "NULL|0")
        #expect(try columns(sample, "garbled") == "NULL|0")
    }

    @Test func expandedGrantsKeepTheExpansionColumns() throws {
        let sample = try SampleSync()
        var existing = sample.grants[5]
        existing.annotations = []
        existing.sources.sources["group:admins:member"] = .with { $0.isDirect = true }
        var derived = try C1ZSample.grant(sample.entitlements[0], to: sample.users[1])
        derived.sources.sources["group:devs:member"] = .with { $0.isDirect = false }
        // A stray GrantExpandable on expander output is dropped, not stored.
        derived.annotations = [try Google_Protobuf_Any(message: C1ZSample.expandable(["x:y:z"]))]
        try sample.store.writeExpandedGrants([existing, derived], syncID: sample.syncID)

        #expect(try sample.store.grant(id: existing.id, syncID: sample.syncID) == existing)
        var derivedStored = derived
        derivedStored.annotations = []
        #expect(try sample.store.grant(id: derived.id, syncID: sample.syncID) == derivedStored)
        #expect(try sample.store.pendingExpansion(syncID: sample.syncID).items.map(\.grantID) == [existing.id])
        try sample.store.close()
        #expect(try columns(sample, existing.id) == "\(try hex(C1ZSample.expandable(["group:devs:member"])))|1")
        #expect(try columns(sample, derived.id) == "NULL|0")
    }

    @Test func principalLookupsForTheExpander() throws {
        let sample = try SampleSync()
        let holders = try sample.store.principalsHolding(entitlementID: "group:admins:member", syncID: sample.syncID)
        #expect(
            holders == [
                PrincipalKey(resourceType: "user", resource: "u0"),
                PrincipalKey(resourceType: "user", resource: "u2"),
                PrincipalKey(resourceType: "user", resource: "u4"),
                PrincipalKey(resourceType: "group", resource: "devs"),
            ])
        let found = try sample.store.grantSources(
            entitlementID: "group:admins:member",
            principals: [PrincipalKey(sample.users[2].id), PrincipalKey(sample.users[3].id)], syncID: sample.syncID)
        #expect(Array(found.keys) == [PrincipalKey(sample.users[2].id)])
        #expect(found[PrincipalKey(sample.users[2].id)]?.map(\.sources) == [sample.grants[2].sources])

        // The edit lands in the stored grant, the rest of it unchanged.
        var stored = try #require(found[PrincipalKey(sample.users[2].id)]?.first)
        var source = C1_Connector_V2_GrantSources.GrantSource()
        source.isDirect = true
        stored.sources.sources["group:devs:member"] = source
        try sample.store.updateGrantSources([stored.rowID: stored.sources], syncID: sample.syncID)
        var expected = sample.grants[2]
        expected.sources = stored.sources
        let page = try sample.store.listGrants(
            syncID: sample.syncID, filter: GrantFilter(entitlementID: "group:admins:member"))
        #expect(page.items.first { $0.id == expected.id } == expected)
    }

    @Test func pendingExpansionPages() throws {
        let sample = try SampleSync(users: 0)
        let members = (0..<10_050).map { C1ZSample.resource("user", "m\($0)") }
        let grants = try members.map {
            try C1ZSample.grant(sample.entitlements[0], to: $0, expandable: C1ZSample.expandable(["group:devs:member"]))
        }
        try sample.store.write(StoreBatch(resources: members, grants: grants), syncID: sample.syncID)
        let first = try sample.store.pendingExpansion(syncID: sample.syncID)
        #expect(first.items.count == 10_000)
        #expect(!first.nextPageToken.isEmpty)
        let second = try sample.store.pendingExpansion(syncID: sample.syncID, pageToken: first.nextPageToken)
        #expect(second.items.count == 51)
        #expect(second.nextPageToken.isEmpty)
        #expect(Set((first.items + second.items).map(\.grantID)).count == 10_051)
    }
}
