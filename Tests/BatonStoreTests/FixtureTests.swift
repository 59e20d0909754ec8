import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

/// The Go-written fixtures, unpacked as they are (no migrations) for byte-level checks.
struct UnpackedFixture {
    let directory: TemporaryDirectory
    let connection: SQLiteConnection

    init(_ name: String) throws {
        directory = try TemporaryDirectory()
        try C1ZContainer.decompress(c1z: C1ZFixtures.c1zPath(name), toDatabase: directory.path("db"))
        connection = try SQLiteConnection(path: directory.path("db"), mode: .readOnly)
    }

    func blobs(_ table: String, column: String = "data") throws -> [(id: Int64, data: Data)] {
        var rows: [(Int64, Data)] = []
        try connection.query("select id, \(column) from \(table) order by id") { row in
            rows.append((row.int(0), row.blob(1)))
        }
        return rows
    }
}

/// Reads protobuf wire format just far enough to look at map-entry order, which decoding hides.
enum ProtoWire {
    struct Field {
        let number: Int
        /// The whole field, tag included.
        let range: Range<Int>
        /// The payload of a length-delimited field.
        let content: Range<Int>?
    }

    static func fields(_ bytes: [UInt8], in range: Range<Int>) -> [Field]? {
        var fields: [Field] = []
        var index = range.lowerBound
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < range.upperBound {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
        while index < range.upperBound {
            let start = index
            guard let tag = varint() else { return nil }
            var content: Range<Int>?
            switch tag & 7 {
            case 0: guard varint() != nil else { return nil }
            case 1: index += 8
            case 5: index += 4
            case 2:
                guard let length = varint() else { return nil }
                content = index..<(index + Int(length))
                index += Int(length)
            default: return nil
            }
            guard index <= range.upperBound else { return nil }
            fields.append(Field(number: Int(tag >> 3), range: start..<index, content: content))
        }
        return fields
    }

    /// The keys of a `google.protobuf.Struct`'s `fields` map, in stored order.
    static func structKeys(_ bytes: [UInt8], _ structRange: Range<Int>) -> [String] {
        (fields(bytes, in: structRange) ?? []).compactMap { entry in
            guard entry.number == 1, let content = entry.content,
                let key = fields(bytes, in: content)?.first(where: { $0.number == 1 })?.content
            else { return nil }
            return String(decoding: bytes[key], as: UTF8.self)
        }
    }

    /// `bytes` with the entries of the Struct at `structRange` sorted by key (lengths are unchanged).
    static func sortingStructEntries(_ bytes: [UInt8], _ structRange: Range<Int>) -> [UInt8] {
        let entries = fields(bytes, in: structRange) ?? []
        let keyed = entries.map { entry -> (String, ArraySlice<UInt8>) in
            let key = entry.content.flatMap { fields(bytes, in: $0)?.first(where: { $0.number == 1 })?.content }
            return (key.map { String(decoding: bytes[$0], as: UTF8.self) } ?? "", bytes[entry.range])
        }
        let sorted = keyed.sorted { $0.0 < $1.0 }.flatMap(\.1)
        return Array(bytes[..<structRange.lowerBound]) + sorted + Array(bytes[structRange.upperBound...])
    }
}

@Suite struct FixtureTests {
    static let syncID = "3MVKmjuVWqdm114MnqvL6ArQEUe"

    @Test(arguments: C1ZFixtures.all)
    func countsMatchTheGoStats(name: String) throws {
        let store = try C1ZStore.open(c1z: C1ZFixtures.c1zPath(name))
        defer { try? store.close() }
        #expect(try store.resolveSyncID() == Self.syncID)
        let stats = try store.stats(syncID: Self.syncID)
        var printed = stats.resourcesByResourceType
        printed["resource_types"] = stats.resourceTypes
        printed["entitlements"] = stats.entitlements
        printed["grants"] = stats.grants
        #expect(printed == (try C1ZFixtures.expectedStats(name)))
        #expect(
            printed == [
                "entitlements": 28, "grants": 82, "org": 1, "repository": 4, "resource_types": 4,
                "team": 3, "user": 12,
            ])
        #expect(try store.counts() == RecordCounts(resourceTypes: 4, resources: 20, entitlements: 28, grants: 82))
    }

    @Test(arguments: C1ZFixtures.all)
    func recordsMatchWhatGoPrinted(name: String) throws {
        BatonProtoRegistry.registerAll()
        let store = try C1ZStore.open(c1z: C1ZFixtures.c1zPath(name))
        defer { try? store.close() }
        // Go printed protojson; compare parsed JSON (the Go encoder varies whitespace on purpose).
        func expected(_ suffix: String, _ key: String, _ field: String) throws -> [NSDictionary] {
            let data = try read(C1ZFixtures.expectedPath(name, suffix))
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let items = try #require(root[key] as? [[String: Any]])
            return try items.map { try #require($0[field] as? NSDictionary) }
        }
        func json(_ messages: [some SwiftProtobuf.Message]) throws -> [NSDictionary] {
            try messages.map {
                try #require(try JSONSerialization.jsonObject(with: $0.jsonUTF8Data()) as? NSDictionary)
            }
        }
        #expect(
            try json(store.listResourceTypes().items)
                == expected("resource-types.json", "resourceTypes", "resourceType"))
        #expect(try json(store.listResources().items) == expected("resources.json", "resources", "resource"))
        #expect(
            try json(store.listEntitlements().items)
                == expected("entitlements.json", "entitlements", "entitlement"))
        #expect(try json(store.listGrants().items) == expected("grants.json", "grants", "grant"))
    }

    /// Every stored record decodes as its type and re-encodes deterministically to exactly the stored bytes.
    ///
    /// Finding: this holds for all 134 records of each fixture, including their deprecated `ETag`
    /// annotations, because the records contain no maps at the top level and `Any` payloads are kept as
    /// the stored bytes. (No fields are unknown to our schema either: dropping unknown fields, as reads
    /// do, changes nothing.) Payload-level differences are covered by the next test.
    @Test(arguments: C1ZFixtures.all)
    func everyBlobReencodesByteForByte(name: String) throws {
        let fixture = try UnpackedFixture(name)
        func check<Record: SwiftProtobuf.Message>(_ type: Record.Type, _ table: String) throws -> Int {
            let rows = try fixture.blobs(table)
            for row in rows {
                let record = try RecordDecoding.decode(Record.self, row.data)
                #expect(try record.deterministicData() == row.data, "\(table) row \(row.id)")
            }
            return rows.count
        }
        #expect(try check(C1_Connector_V2_ResourceType.self, "v1_resource_types") == 4)
        #expect(try check(C1_Connector_V2_Resource.self, "v1_resources") == 20)
        #expect(try check(C1_Connector_V2_Entitlement.self, "v1_entitlements") == 28)
        #expect(try check(C1_Connector_V2_Grant.self, "v1_grants") == 82)
        // Assets and sessions hold raw bytes, not protobuf; these syncs stored none.
        #expect(try fixture.blobs("v1_assets").isEmpty)
        let hasSessions = try fixture.connection.columns(of: "v1_connector_sessions").isEmpty == false
        #expect(hasSessions == (name == C1ZFixtures.sdk0_7_27))
        if hasSessions {
            #expect(try fixture.blobs("v1_connector_sessions", column: "value").isEmpty)
        }
    }

    /// Unpacking an annotation and re-encoding it deterministically can change its bytes.
    ///
    /// Finding: Go packs annotations with `anypb.New`, which marshals the payload non-deterministically,
    /// so the `profile` Struct inside `GroupTrait` (21 of 21) and `UserTrait` (23 of 47, those with two or
    /// more profile fields in non-sorted order) keeps Go's map iteration order, e.g. `orgID`,
    /// `members_count`, `repos_count`. Deterministic encoding sorts map entries by key. The bytes differ
    /// only in that order: sorting the stored entries gives exactly our encoding. Every other annotation
    /// type re-encodes identically. Since records keep `Any` payloads as stored, this never alters a
    /// record that is read and written back without unpacking its traits.
    @Test(arguments: C1ZFixtures.all)
    func annotationPayloadsDifferOnlyInProfileMapOrder(name: String) throws {
        BatonProtoRegistry.registerAll()
        let fixture = try UnpackedFixture(name)
        var annotations: [Google_Protobuf_Any] = []
        for row in try fixture.blobs("v1_resources") {
            annotations += try RecordDecoding.decode(C1_Connector_V2_Resource.self, row.data).annotations
        }
        for row in try fixture.blobs("v1_entitlements") {
            annotations += try RecordDecoding.decode(C1_Connector_V2_Entitlement.self, row.data).resource.annotations
        }
        for row in try fixture.blobs("v1_grants") {
            let grant = try RecordDecoding.decode(C1_Connector_V2_Grant.self, row.data)
            annotations += grant.annotations + grant.principal.annotations + grant.entitlement.resource.annotations
        }
        var total: [String: Int] = [:]
        var differing: [String: Int] = [:]
        for annotation in annotations {
            let type = try #require(Google_Protobuf_Any.messageType(forTypeURL: annotation.typeURL))
            let typeName = type.protoMessageName
            total[typeName, default: 0] += 1
            let ours = Array(try type.init(serializedBytes: annotation.value).deterministicData())
            let stored = Array(annotation.value)
            guard ours != stored else { continue }
            differing[typeName, default: 0] += 1
            // The only difference is the order of the profile Struct's entries.
            let profileField = typeName == C1_Connector_V2_GroupTrait.protoMessageName ? 2 : 3
            let profile = try #require(
                ProtoWire.fields(stored, in: 0..<stored.count)?.first(where: { $0.number == profileField })?.content)
            let keys = ProtoWire.structKeys(stored, profile)
            #expect(keys != keys.sorted())
            #expect(ProtoWire.sortingStructEntries(stored, profile) == ours)
        }
        #expect(
            differing == [
                C1_Connector_V2_GroupTrait.protoMessageName: 21,
                C1_Connector_V2_UserTrait.protoMessageName: 23,
            ])
        #expect(total[C1_Connector_V2_GroupTrait.protoMessageName] == 21)
        #expect(total[C1_Connector_V2_UserTrait.protoMessageName] == 47)
        #expect(total.values.reduce(0, +) == annotations.count)
    }

    @Test(arguments: C1ZFixtures.all)
    func syncRunsReadWithTheirOwnSchema(name: String) throws {
        let store = try C1ZStore.open(
            c1z: C1ZFixtures.c1zPath(name), options: C1ZReadOptions(applyMigrations: false))
        defer { try? store.close() }
        let runs = try store.listSyncRuns()
        let data = try read(C1ZFixtures.expectedPath(name, "syncs.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String: String]]])
        let expected = try #require(root["syncs"])
        #expect(runs.count == expected.count)
        for (run, go) in zip(runs, expected) {
            #expect(run.id == go["id"])
            #expect(run.syncToken == go["syncToken"])
            #expect(run.syncType.rawValue == go["syncType"])
            #expect(run.parentSyncID == "" && run.linkedSyncID == "" && !run.supportsDiff && run.stats == nil)
            let started = try #require(go["startedAt"].flatMap(SQLiteTime.parse))
            let ended = try #require(go["endedAt"].flatMap(SQLiteTime.parse))
            #expect(abs(run.startedAt.timeIntervalSince(started)) < 0.000_001)
            #expect(abs(try #require(run.endedAt).timeIntervalSince(ended)) < 0.000_001)
        }
        // Reads work on the unmigrated schema too.
        #expect(try store.latestFinishedSync(type: .full)?.id == Self.syncID)
        #expect(try store.listGrants(filter: GrantFilter(includeExpansion: true)).items.count == 82)
        #expect(try store.pendingExpansion(syncID: Self.syncID).items.isEmpty)
        #expect(try store.stats(syncID: Self.syncID).grants == 82)
    }

    @Test func freshSchemaIsTheGoDDL() throws {
        let directory = try TemporaryDirectory()
        let store = try C1ZStore.openWorking(at: directory.path("fresh.db"))
        try store.close()
        let fresh = try SQLiteConnection(path: directory.path("fresh.db"), mode: .readOnly)
        func objects(_ connection: SQLiteConnection) throws -> [(name: String, sql: String)] {
            var objects: [(String, String)] = []
            try connection.query("select name, sql from sqlite_master order by rowid") { row in
                objects.append((row.text(0), row.text(1)))
            }
            return objects
        }
        let ours = try objects(fresh)
        #expect(
            ours.map(\.name) == [
                "v1_resource_types", "idx_resource_types_external_sync_v1",
                "v1_resources", "idx_resources_resource_type_id_v1", "idx_resources_external_sync_v1",
                "idx_resources_parent_resource_id_v1",
                "v1_entitlements", "idx_entitlements_resource_id_v1", "idx_entitlements_external_sync_v1",
                "v1_sync_runs", "idx_sync_runs_sync_id_v1",
                "v1_grants", "idx_grants_resource_type_id_resource_id_v1", "idx_grants_principal_id_v1",
                "idx_grants_entitlement_id_principal_id_v1", "idx_grants_external_sync_v1",
                "idx_grants_entitlement_sync_grant_v1",
                "v1_assets", "idx_assets_external_sync_v1", "v1_connector_sessions", "idx_session_store_sync_key_v1",
                "idx_grants_sync_expansion_v1", "idx_grants_sync_needs_expansion_v1",
            ])
        // Everything the Go SDK v0.7.27 also created is textually identical, tabs and comments included;
        // only its sync-runs table predates the newer columns.
        let go = try UnpackedFixture(C1ZFixtures.sdk0_7_27)
        let goObjects = Dictionary(uniqueKeysWithValues: try objects(go.connection).map { ($0.name, $0.sql) })
        var compared = 0
        for object in ours where object.name != "v1_sync_runs" {
            guard let goSQL = goObjects[object.name] else { continue }
            #expect(object.sql == goSQL, "\(object.name)")
            compared += 1
        }
        #expect(compared == 21)
        let resources = try #require(ours.first { $0.name == "idx_resources_external_sync_v1" })
        #expect(resources.sql.hasSuffix("(parent_resource_type_id, parent_resource_id)"))
    }

    @Test func oldFilesAreMigratedOnOpen() throws {
        // Migrate an unpacked copy as a working database, then inspect the file.
        let directory = try TemporaryDirectory()
        try C1ZContainer.decompress(c1z: C1ZFixtures.c1zPath(C1ZFixtures.sdk0_2_14), toDatabase: directory.path("db"))
        let working = try C1ZStore.openWorking(at: directory.path("db"))
        try working.close()
        let connection = try SQLiteConnection(path: directory.path("db"), mode: .readOnly)
        #expect(
            try connection.columns(of: "v1_sync_runs").isSuperset(of: [
                "sync_type", "parent_sync_id", "linked_sync_id", "supports_diff", "grants_backfilled", "stats",
                "ingest_invariant_generation", "ingest_invariant_coverage", "ingest_invariant_mode",
            ]))
        #expect(try connection.columns(of: "v1_grants").isSuperset(of: ["expansion", "needs_expansion"]))
        #expect(try connection.scalarText("select sync_type || '|' || grants_backfilled from v1_sync_runs") == "full|1")
        #expect(
            try connection.scalarInt(
                "select count(*) from sqlite_master where name in "
                    + "('v1_connector_sessions', 'idx_grants_sync_expansion_v1', 'idx_grants_sync_needs_expansion_v1', "
                    + "'idx_grants_entitlement_sync_grant_v1')") == 4)
        #expect(try connection.scalarInt("select count(*) from v1_grants where expansion is not null") == 0)
    }
}
