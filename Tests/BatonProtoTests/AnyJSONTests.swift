import BatonProto
import Foundation
import Testing

/// Annotations travel as `Any`; tools print them as protojson, which needs the registry.
@Suite struct AnyJSONTests {
    private func sampleUserTrait() -> C1_Connector_V2_UserTrait {
        var email = C1_Connector_V2_UserTrait.Email()
        email.address = "alice@example.com"
        email.isPrimary = true
        var trait = C1_Connector_V2_UserTrait()
        trait.emails = [email]
        trait.login = "alice"
        trait.accountType = .human
        return trait
    }

    @Test func userTraitAnyRoundTripsThroughJSONWithTypeFirst() throws {
        BatonProtoRegistry.registerAll()
        let trait = sampleUserTrait()
        let any = try Google_Protobuf_Any(message: trait)

        let json = try any.jsonString()
        #expect(json.hasPrefix(#"{"@type":"type.googleapis.com/c1.connector.v2.UserTrait""#))
        #expect(json.contains(#""accountType":"ACCOUNT_TYPE_HUMAN""#))

        let decoded = try Google_Protobuf_Any(jsonString: json)
        #expect(decoded.typeURL == "type.googleapis.com/c1.connector.v2.UserTrait")
        #expect(try C1_Connector_V2_UserTrait(unpackingAny: decoded) == trait)
    }

    /// The case that matters for c1z readers: an Any decoded from stored bytes (not built from a
    /// live message) must print as JSON with its fields.
    @Test func binaryDecodedResourcePrintsItsAnnotationsAsJSON() throws {
        BatonProtoRegistry.registerAll()
        var resource = C1_Connector_V2_Resource()
        resource.id.resourceType = "user"
        resource.id.resource = "1"
        resource.annotations = [try Google_Protobuf_Any(message: sampleUserTrait())]

        let stored = try resource.deterministicData()
        let decoded = try C1_Connector_V2_Resource(serializedBytes: stored)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(decoded.jsonString().utf8)) as? [String: Any])

        let annotations = try #require(object["annotations"] as? [[String: Any]])
        #expect(annotations.first?["@type"] as? String == "type.googleapis.com/c1.connector.v2.UserTrait")
        #expect(annotations.first?["login"] as? String == "alice")
        let id = try #require(object["id"] as? [String: Any])
        #expect(id["resourceType"] as? String == "user")
    }

    @Test func enumsRenderByNameInJSON() throws {
        var type = C1_Connector_V2_ResourceType()
        type.id = "user"
        type.traits = [.user]
        var entitlement = C1_Connector_V2_Entitlement()
        entitlement.purpose = .assignment

        #expect(try type.jsonString() == #"{"id":"user","traits":["TRAIT_USER"]}"#)
        #expect(try entitlement.jsonString() == #"{"purpose":"PURPOSE_VALUE_ASSIGNMENT"}"#)
        let parsed = try C1_Connector_V2_ResourceType(jsonString: #"{"traits":["TRAIT_MANAGED_DEVICE"]}"#)
        #expect(parsed.traits == [.managedDevice])
    }

    @Test func int64RendersAsAStringInJSON() throws {
        var stats = C1_Reader_V2_SyncStats()
        stats.grants = 82
        #expect(try stats.jsonString() == #"{"grants":"82"}"#)
    }
}
