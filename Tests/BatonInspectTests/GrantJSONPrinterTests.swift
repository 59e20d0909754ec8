import BatonProto
import BatonStore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonInspect

/// `GrantJSONPrinter` prints a grant from its stored bytes exactly as `ProtoJSON` prints the decoded grant,
/// byte for byte, whatever shape the bytes have.
@Suite struct GrantJSONPrinterTests {
    static func identifier(_ id: String, type: String = "V1Identifier") -> Google_Protobuf_Any {
        var any = Google_Protobuf_Any()
        any.typeURL = "type.googleapis.com/c1.connector.v2." + type
        any.value = (try? C1_Connector_V2_V1Identifier.with { $0.id = id }.serializedData()) ?? Data()
        return any
    }

    static func baseGrant() throws -> C1_Connector_V2_Grant {
        var group = C1ZSample.resource("group", "g1")
        group.annotations = [
            try Google_Protobuf_Any(
                deterministic: C1_Connector_V2_GroupTrait.with {
                    $0.profile.fields["apps_count"] = .with { $0.numberValue = 1 }
                    $0.profile.fields["ratio"] = .with { $0.numberValue = 0.5 }
                })
        ]
        return try C1ZSample.grant(C1ZSample.entitlement(group), to: C1ZSample.resource("user", "u1"))
    }

    /// The printer's text and references for `bytes`, and what the decoded grant prints.
    static func printBoth(_ bytes: [UInt8]) throws -> (printed: String, expected: String, references: String) {
        var printer = GrantJSONPrinter()
        var out: [UInt8] = []
        let references = try printer.append(ArraySlice(bytes), to: &out)
        let grant = try C1ZStore.decodeGrant(ArraySlice(bytes))
        return (
            String(decoding: out, as: UTF8.self), try ProtoJSON.string(grant),
            "\(references.entitlementID) \(references.resource.resource) \(references.principal.resource)"
        )
    }

    @Test func identifiersNeedingEveryKindOfEscapePrintAsSwiftProtobufPrintsThem() throws {
        var grant = try Self.baseGrant()
        let hostile = "q\"b\\s/\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}\u{85}\u{9F}\u{A0}é營😀<>&\u{2028}"
        grant.id = hostile
        grant.annotations = [Self.identifier(hostile), Self.identifier("raw", type: "RawId")]
        let (printed, expected, references) = try Self.printBoth(Array(try grant.deterministicData()))
        #expect(printed == expected)
        #expect(printed.contains(#"\u007F\u0085\u009F"#), "DEL and C1 controls use upper-case hex escapes")
        #expect(references == "group:g1:member g1 u1")
    }

    @Test(arguments: ["V1Identifier", "RawId", "ExternalLink"])
    func identifierAnnotationsWithEmptyOrExtraFieldsPrintLikeDecoded(type: String) throws {
        var grant = try Self.baseGrant()
        var empty = Self.identifier("", type: type)
        empty.value = Data()
        var extra = Self.identifier("x", type: type)
        extra.value += Data([0x10, 0x01])  // field 2, varint: not part of the message
        var twice = Self.identifier("first", type: type)
        twice.value += try C1_Connector_V2_V1Identifier.with { $0.id = "second" }.serializedData()
        grant.annotations = [empty, extra, twice]
        let (printed, expected, _) = try Self.printBoth(Array(try grant.deterministicData()))
        #expect(printed == expected)
        #expect(printed.contains("second") && !printed.contains("first"))
    }

    /// Principals embedded as their id alone are printed without SwiftProtobuf; any other shape is not.
    @Test func principalsAsIDsPrintLikeDecoded() throws {
        let ids: [C1_Connector_V2_ResourceId] = [
            .with {
                $0.resourceType = "user"
                $0.resource = "q\"\\\u{1}é😀"
            },
            .with { $0.resource = "no-type" },
            .with { $0.resourceType = "only-type" },
            .init(),
            .with {
                $0.resourceType = "user"
                $0.resource = "u2"
                $0.batonResource = true
            },
        ]
        for id in ids {
            var grant = try Self.baseGrant()
            grant.principal = .with { $0.id = id }
            let (printed, expected, references) = try Self.printBoth(Array(try grant.deterministicData()))
            #expect(printed == expected)
            #expect(references.hasSuffix(" " + id.resource))
        }
    }

    @Test func unregisteredAnnotationsPrintTheirTypeOnly() throws {
        var grant = try Self.baseGrant()
        grant.annotations = [SampleFile.user("u9", "x").annotations[0], Self.identifier("id")]
        let (printed, expected, _) = try Self.printBoth(Array(try grant.deterministicData()))
        #expect(printed == expected)
        #expect(printed.contains(#"{"@type":"\#(SampleFile.unknownAnnotationURL)"}"#))
    }

    @Test func sourcesAndUnknownFieldsPrintLikeDecoded() throws {
        var grant = try Self.baseGrant()
        grant.sources.sources = ["group:g2:member": .with { $0.isDirect = true }, "group:g1:member": .init()]
        var bytes = Array(try grant.deterministicData())
        bytes += [0xA0, 0x06, 0x01]  // field 100, varint 1: unknown, dropped by the decoding reader
        let (printed, expected, _) = try Self.printBoth(bytes)
        #expect(printed == expected)
        #expect(printed.contains("\"sources\""))
    }

    @Test func repeatedEmbeddedMessagesMergeAsDecodingMergesThem() throws {
        let grant = try Self.baseGrant()
        var bytes = Array(try grant.deterministicData())
        // A second principal field: protobuf merges it into the first (the display name is added).
        let extra = try C1_Connector_V2_Resource.with { $0.displayName = "Merged" }.serializedData()
        bytes += [0x12, UInt8(extra.count)] + Array(extra)
        let (printed, expected, _) = try Self.printBoth(bytes)
        #expect(printed == expected)
        #expect(printed.contains("Merged"))
    }

    @Test func invalidUTF8FailsAsDecodingFails() throws {
        var grant = try Self.baseGrant()
        grant.id = ""
        var bytes = Array(try grant.deterministicData())
        bytes += [0x1A, 0x02, 0xC3, 0x28]  // field 3 (id): an invalid UTF-8 sequence
        var printer = GrantJSONPrinter()
        var out: [UInt8] = []
        let error = #expect(throws: C1ZError.self) {
            _ = try printer.append(ArraySlice(bytes), to: &out)
        }
        #expect(error?.message.contains("stored c1.connector.v2.Grant does not decode") == true)
    }

    /// The Go-written fixtures include slim rows (no embedded entitlement or principal): the store fills
    /// them in, so the bytes decode to what `listGrants` returns.
    @Test(arguments: C1ZFixtures.all)
    func storedBytesDecodeToTheGrantsListGrantsReturns(fixture: String) throws {
        let store = try C1ZStore.open(c1z: C1ZFixtures.c1zPath(fixture))
        defer { try? store.close() }
        let decoded = try store.listGrants(filter: GrantFilter(includeExpansion: true)).items
        let stored = try store.listGrantBytes(filter: GrantFilter(includeExpansion: true)).items
        #expect(!decoded.isEmpty)
        #expect(try stored.map { try C1ZStore.decodeGrant($0) } == decoded)
        #expect(decoded.allSatisfy { $0.hasEntitlement && $0.hasPrincipal })
    }
}
