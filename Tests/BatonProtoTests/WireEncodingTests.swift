import BatonProto
import Foundation
import Testing

/// Field numbers and wire types checked against bytes worked out by hand from the spec tables,
/// so a wrong number in a .proto file fails here rather than in a Go reader.
@Suite struct WireEncodingTests {
    @Test func resourceIdUsesFieldsOneToThree() throws {
        var id = C1_Connector_V2_ResourceId()
        id.resourceType = "user"
        id.resource = "u1"
        id.batonResource = true
        // 1:string "user", 2:string "u1", 3:varint 1.
        let expected: [UInt8] = [0x0A, 0x04, 0x75, 0x73, 0x65, 0x72, 0x12, 0x02, 0x75, 0x31, 0x18, 0x01]
        #expect([UInt8](try id.deterministicData()) == expected)
    }

    @Test func grantSourcesEncodeAfterAnnotationsWithMapKeysSorted() throws {
        var grant = C1_Connector_V2_Grant()
        grant.id = "g"
        var direct = C1_Connector_V2_GrantSources.GrantSource()
        direct.isDirect = true
        // Inserted out of order; deterministic encoding must still put "a" before "b".
        grant.sources.sources["b"] = direct
        grant.sources.sources["a"] = C1_Connector_V2_GrantSources.GrantSource()

        let expected: [UInt8] = [
            0x1A, 0x01, 0x67,  // 3: id "g"
            0x2A, 0x10,  // 5: sources, 16 bytes
            0x0A, 0x05, 0x0A, 0x01, 0x61, 0x12, 0x00,  // entry "a" -> {} (value always written)
            0x0A, 0x07, 0x0A, 0x01, 0x62, 0x12, 0x02, 0x08, 0x01,  // entry "b" -> {is_direct: true}
        ]
        #expect([UInt8](try grant.deterministicData()) == expected)
    }

    @Test func deterministicDataDoesNotDependOnInsertionOrder() throws {
        let keys = (0..<64).map { "resource-type-\($0)" }
        var forward = C1_Reader_V2_SyncStats()
        var backward = C1_Reader_V2_SyncStats()
        for (count, key) in keys.enumerated() {
            forward.resourcesByResourceType[key] = Int64(count)
        }
        for (count, key) in keys.enumerated().reversed() {
            backward.resourcesByResourceType[key] = Int64(count)
        }
        #expect(try forward.deterministicData() == backward.deterministicData())
    }

    @Test func syncStatsMapEntryIsStringKeyAndVarintValue() throws {
        var stats = C1_Reader_V2_SyncStats()
        stats.grants = 3
        stats.resourcesByResourceType["u"] = 2
        // 4: varint 3; 5: entry {1: "u", 2: varint 2}.
        let expected: [UInt8] = [0x20, 0x03, 0x2A, 0x05, 0x0A, 0x01, 0x75, 0x10, 0x02]
        #expect([UInt8](try stats.deterministicData()) == expected)
    }

    @Test func resourceTypeTraitsArePackedEnums() throws {
        var type = C1_Connector_V2_ResourceType()
        type.id = "g"
        type.traits = [.user, .group]
        type.sourcedExternally = true
        // 1: "g"; 3: packed [1, 2]; 6: varint 1.
        let expected: [UInt8] = [0x0A, 0x01, 0x67, 0x1A, 0x02, 0x01, 0x02, 0x30, 0x01]
        #expect([UInt8](try type.deterministicData()) == expected)
    }

    @Test func highFieldNumbersUseTwoDigitTags() throws {
        var resource = C1_Connector_V2_Resource()
        resource.createdAt = Google_Protobuf_Timestamp(seconds: 1)
        var trait = C1_Connector_V2_UserTrait()
        trait.employeeIds = ["e"]
        // Resource 12: created_at {1: varint 1}; UserTrait 13: employee_ids "e".
        #expect([UInt8](try resource.deterministicData()) == [0x62, 0x02, 0x08, 0x01])
        #expect([UInt8](try trait.deterministicData()) == [0x6A, 0x01, 0x65])
    }

    @Test func oneofMembersUseTheirHundredRangeNumbers() throws {
        var response = C1_Connector_V2_CreateAccountResponse()
        response.success = C1_Connector_V2_CreateAccountResponse.SuccessResult()
        response.success.isCreateAccountResult = true
        // 100: success {2: varint 1}; tag 100<<3|2 = 802 = varint A2 06.
        #expect([UInt8](try response.deterministicData()) == [0xA2, 0x06, 0x02, 0x10, 0x01])
    }

    @Test func unknownFieldsOfRetiredTombstonesSurviveARoundTrip() throws {
        // An old writer's ETag{value = 1: "v"} decodes into the empty tombstone and re-encodes intact.
        let old = Data([0x0A, 0x01, 0x76])
        let tag = try C1_Connector_V2_ETag(serializedBytes: old)
        #expect(try tag.deterministicData() == old)
    }
}
