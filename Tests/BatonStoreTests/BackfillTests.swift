import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

/// Old files keep `GrantExpandable` inside the grant bytes; reads must find it either way.
@Suite struct BackfillTests {
    /// The v0.2.14 fixture (no expansion columns) with one extra grant whose bytes carry the annotation.
    func oldFileWithExpandableGrant(in directory: TemporaryDirectory) throws
        -> (path: String, grant: C1_Connector_V2_Grant)
    {
        try C1ZContainer.decompress(c1z: C1ZFixtures.c1zPath(C1ZFixtures.sdk0_2_14), toDatabase: directory.path("db"))
        let team = C1ZSample.resource("team", "2001")
        let nested = C1ZSample.resource("team", "2002")
        let grant = try C1ZSample.grant(
            C1ZSample.entitlement(team), to: nested, expandable: C1ZSample.expandable(["team:2002:member"]))
        let hex = try grant.deterministicData().map { String(format: "%02X", $0) }.joined()
        let insert = """
            insert into v1_grants (resource_type_id, resource_id, entitlement_id, principal_resource_type_id, \
            principal_resource_id, external_id, data, sync_id, discovered_at) values ('team', '2001', \
            'team:2001:member', 'team', '2002', '\(grant.id)', X'\(hex)', '\(FixtureTests.syncID)', \
            '2026-11-23 10:40:57')
            """
        #expect(try run("sqlite3", [directory.path("db"), insert]).status == 0)
        let path = directory.path("old.c1z")
        try C1ZContainer.compress(database: directory.path("db"), toC1Z: path)
        return (path, grant)
    }

    @Test func migrationMovesTheAnnotationIntoTheColumns() throws {
        let directory = try TemporaryDirectory()
        let (path, grant) = try oldFileWithExpandableGrant(in: directory)
        let store = try C1ZStore.open(c1z: path)
        defer { try? store.close() }
        var stripped = grant
        stripped.annotations = []
        #expect(try store.grant(id: grant.id) == stripped)
        let withExpansion = try store.grant(id: grant.id, includeExpansion: true)
        #expect(try withExpansion?.deterministicData() == grant.deterministicData())
        #expect(try store.pendingExpansion(syncID: FixtureTests.syncID).items.map(\.grantID) == [grant.id])
        #expect(try store.listGrants().items.count == 83)
    }

    @Test func unmigratedReadsFindTheAnnotationInTheBytes() throws {
        let directory = try TemporaryDirectory()
        let (path, grant) = try oldFileWithExpandableGrant(in: directory)
        let store = try C1ZStore.open(c1z: path, options: C1ZReadOptions(applyMigrations: false))
        defer { try? store.close() }
        let read = try store.grant(id: grant.id, includeExpansion: true)
        #expect(try read?.deterministicData() == grant.deterministicData())
        let pending = try store.pendingExpansion(syncID: FixtureTests.syncID).items
        #expect(
            pending == [
                PendingExpansion(
                    grantID: grant.id, entitlementID: "team:2001:member",
                    principal: C1ZSample.resourceID("team", "2002"),
                    expandable: C1ZSample.expandable(["team:2002:member"]))
            ])
    }
}
