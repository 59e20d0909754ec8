import BatonProto
import Foundation
import SwiftProtobuf
import Testing

@testable import BatonStore

/// `GrantRowEncoder` must write exactly SwiftProtobuf's deterministic bytes, on every shape it encodes
/// itself and on every shape it hands back to SwiftProtobuf.
@Suite struct GrantRowEncoderTests {
    static func resource(_ type: String, _ id: String) -> C1_Connector_V2_Resource {
        var resource = C1_Connector_V2_Resource()
        resource.id.resourceType = type
        resource.id.resource = id
        return resource
    }

    static func entitlement(_ id: String) -> C1_Connector_V2_Entitlement {
        var entitlement = C1_Connector_V2_Entitlement()
        entitlement.id = id
        entitlement.resource = resource("group", String(id.split(separator: ":").dropFirst().first ?? "g"))
        entitlement.resource.displayName = "Group " + id
        entitlement.slug = "member"
        return entitlement
    }

    static func grant(
        _ entitlementID: String, _ principalID: String, sources: [String: Bool]? = nil, immutable: Bool = false
    ) throws -> C1_Connector_V2_Grant {
        var grant = C1_Connector_V2_Grant()
        grant.entitlement = entitlement(entitlementID)
        grant.principal = resource("user", principalID)
        grant.id = entitlementID + ":user:" + principalID
        if let sources {
            for (key, direct) in sources {
                var source = C1_Connector_V2_GrantSources.GrantSource()
                source.isDirect = direct
                grant.sources.sources[key] = source
            }
        }
        if immutable {
            grant.annotations.append(try Google_Protobuf_Any(deterministic: C1_Connector_V2_GrantImmutable()))
        }
        return grant
    }

    /// Encodes `grants` one after another with one encoder (so its caches are in play) and compares each.
    static func expectSwiftProtobufBytes(_ grants: [C1_Connector_V2_Grant]) throws {
        var encoder = GrantRowEncoder()
        for grant in grants {
            var bytes: [UInt8] = [0xEE]  // the encoder appends: what was there stays
            try encoder.append(grant, to: &bytes)
            #expect(bytes.first == 0xEE)
            #expect(Array(bytes.dropFirst()) == Array(try grant.deterministicData()), "\(grant)")
        }
    }

    @Test func aConnectorPageOfGrants() throws {
        let grants = try (0..<300).map { try Self.grant("group:g\($0 % 3):member", "u\($0)") }
        try Self.expectSwiftProtobufBytes(grants)
    }

    @Test func moreEntitlementsThanTheCacheHoldsInterleaved() throws {
        let grants = try (0..<200).map { try Self.grant("group:g\($0 % 11):member", "u\($0)") }
        try Self.expectSwiftProtobufBytes(grants)
    }

    @Test func derivedGrantsWithSourcesAndTheImmutableAnnotation() throws {
        let grants = try (0..<50).map { n in
            try Self.grant(
                "role:r\(n % 2):assigned", "u\(n)",
                sources: ["group:all:member": n % 2 == 0, "role:r\(n % 2):assigned": true, "": false, "zé": true],
                immutable: n % 3 != 0)
        }
        try Self.expectSwiftProtobufBytes(grants)
    }

    @Test func emptyAndPartialGrants() throws {
        var onlyID = C1_Connector_V2_Grant()
        onlyID.id = "x"
        var emptyPrincipal = C1_Connector_V2_Grant()
        emptyPrincipal.principal = C1_Connector_V2_Resource()
        var emptyPrincipalID = C1_Connector_V2_Grant()
        emptyPrincipalID.principal.id = C1_Connector_V2_ResourceId()
        var onlyType = try Self.grant("group:g:member", "u")
        onlyType.principal.id.resource = ""
        var batonResource = try Self.grant("group:g:member", "u")
        batonResource.principal.id.batonResource = true
        var emptySources = try Self.grant("group:g:member", "u")
        emptySources.sources = C1_Connector_V2_GrantSources()
        try Self.expectSwiftProtobufBytes([
            C1_Connector_V2_Grant(), onlyID, emptyPrincipal, emptyPrincipalID, onlyType, batonResource, emptySources,
        ])
    }

    @Test func longAndNonASCIIIDsNeedMultiByteLengths() throws {
        let long = String(repeating: "é", count: 9_000)  // 18,000 bytes: a three-byte varint
        try Self.expectSwiftProtobufBytes([
            try Self.grant("group:" + long + ":member", long, sources: [long: true]),
            try Self.grant("group:g:member", String(repeating: "a", count: 130)),
            try Self.grant("group:g:member", "用户\u{0}\u{1F600}"),
        ])
    }

    @Test func shapesHandedToSwiftProtobuf() throws {
        var fullPrincipal = try Self.grant("group:g:member", "u")
        fullPrincipal.principal.displayName = "User"
        fullPrincipal.principal.parentResourceID = Self.resource("org", "o").id
        fullPrincipal.principal.profile.fields["k"] = Google_Protobuf_Value(stringValue: "v")
        var unknownInGrant = try Self.grant("group:g:member", "u")
        try unknownInGrant.merge(serializedBytes: [0xF8, 0x01, 0x07] as [UInt8])  // field 31, varint 7
        var unknownInPrincipalID = try Self.grant("group:g:member", "u")
        try unknownInPrincipalID.principal.id.merge(serializedBytes: [0x20, 0x01] as [UInt8])  // field 4
        var unknownInSource = try Self.grant("group:g:member", "u", sources: ["a": true, "b": false])
        try unknownInSource.sources.sources["a"]!.merge(serializedBytes: [0x10, 0x01] as [UInt8])  // field 2
        var unknownInSources = try Self.grant("group:g:member", "u", sources: ["a": true])
        try unknownInSources.sources.merge(serializedBytes: [0x10, 0x05] as [UInt8])
        var twoAnnotations = try Self.grant("group:g:member", "u", immutable: true)
        twoAnnotations.annotations.append(try Google_Protobuf_Any(deterministic: C1_Connector_V2_GrantExpandable()))
        try Self.expectSwiftProtobufBytes([
            fullPrincipal, unknownInGrant, unknownInPrincipalID, unknownInSource, unknownInSources, twoAnnotations,
            try Self.grant("group:g:member", "u", immutable: true),
        ])
        #expect(!GrantRowEncoder.isIDOnly(fullPrincipal.principal))
        #expect(GrantRowEncoder.isIDOnly(Self.resource("user", "u")))
    }

    /// The encoder reads the fields it knows of and treats every other as a reason to fall back; a field
    /// added to the proto would be missed. This fails first: each message must leave every field number
    /// beyond the ones the encoder reads unknown.
    @Test(arguments: [
        ("Grant", C1_Connector_V2_Grant.self as any SwiftProtobuf.Message.Type, 5),
        ("Resource", C1_Connector_V2_Resource.self, 12), ("ResourceId", C1_Connector_V2_ResourceId.self, 3),
        ("GrantSources", C1_Connector_V2_GrantSources.self, 1),
        ("GrantSource", C1_Connector_V2_GrantSources.GrantSource.self, 1),
    ])
    func theMessagesHaveNoFieldsTheEncoderDoesNotRead(
        name: String, type: any SwiftProtobuf.Message.Type, knownFields: Int
    ) throws {
        var bytes: [UInt8] = []
        for field in (knownFields + 1)...2_047 {
            GrantRowEncoder.appendVarint(UInt64(field << 3), to: &bytes)  // wire type 0
            bytes.append(0x01)
        }
        let message = try type.init(serializedBytes: bytes)
        #expect(message.unknownFields.data == Data(bytes), "\(name) knows a field above \(knownFields)")
    }
}
