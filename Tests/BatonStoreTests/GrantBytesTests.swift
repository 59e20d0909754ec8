import Foundation
import Testing

@testable import BatonStore

/// Expansion edits stored grants' sources at the byte level; the result must be byte-for-byte what a
/// full decode, edit and deterministic encode produce.
@Suite struct GrantBytesTests {
    func grant(sources: [String: Bool]?) throws -> C1_Connector_V2_Grant {
        var grant = C1_Connector_V2_Grant()
        grant.id = "repo:r1:push:user:u1"
        grant.entitlement.id = "repo:r1:push"
        grant.entitlement.resource.id.resourceType = "repository"
        grant.entitlement.resource.id.resource = "r1"
        grant.entitlement.resource.displayName = "r1"
        grant.principal.id.resourceType = "user"
        grant.principal.id.resource = "u1"
        var profile = Google_Protobuf_Struct()
        profile.fields["login"] = Google_Protobuf_Value(stringValue: "u1")
        profile.fields["z"] = Google_Protobuf_Value(numberValue: 3)
        var trait = C1_Connector_V2_UserTrait()
        trait.profile = profile
        grant.principal.annotations = [try Google_Protobuf_Any(message: trait)]
        grant.annotations = [try Google_Protobuf_Any(message: C1_Connector_V2_GrantImmutable())]
        if let sources {
            for (id, direct) in sources {
                var source = C1_Connector_V2_GrantSources.GrantSource()
                source.isDirect = direct
                grant.sources.sources[id] = source
            }
        }
        return grant
    }

    func edited(_ sources: C1_Connector_V2_GrantSources) -> C1_Connector_V2_GrantSources {
        var sources = sources
        var source = C1_Connector_V2_GrantSources.GrantSource()
        source.isDirect = true
        sources.sources["team:t9:member"] = source
        sources.sources["a-first:member"] = C1_Connector_V2_GrantSources.GrantSource()
        return sources
    }

    @Test(arguments: [nil, [:], ["repo:r1:push": true], ["team:t1:member": false, "repo:r1:push": true]])
    func replacingSourcesMatchesAFullReencode(sources: [String: Bool]?) throws {
        let original = try grant(sources: sources)
        let stored = try original.deterministicData()
        let read = try GrantBytes.sources(in: stored)
        #expect(read == original.sources)

        var expected = original
        expected.sources = edited(read)
        let rewritten = try GrantBytes.replacingSources(in: stored, with: edited(read))
        #expect(rewritten == (try expected.deterministicData()))
        #expect(try C1_Connector_V2_Grant(serializedBytes: rewritten).sources == expected.sources)
    }

    @Test func slimRowsWithoutEntitlementOrPrincipalAreRewritten() throws {
        var slim = C1_Connector_V2_Grant()
        slim.id = "g1"
        let stored = try slim.deterministicData()
        var expected = slim
        expected.sources = edited(slim.sources)
        #expect(try GrantBytes.replacingSources(in: stored, with: edited(slim.sources)) == expected.deterministicData())
    }

    @Test func bytesOutOfFieldOrderTakeTheFullPath() throws {
        let original = try grant(sources: ["repo:r1:push": true])
        // Sources first, then the rest: valid protobuf, but not the deterministic layout.
        var sourcesOnly = C1_Connector_V2_Grant()
        sourcesOnly.sources = original.sources
        var rest = original
        rest.clearSources()
        let shuffled = try sourcesOnly.deterministicData() + rest.deterministicData()
        #expect(try GrantBytes.layout(shuffled) == nil)
        #expect(try GrantBytes.sources(in: shuffled) == original.sources)

        var expected = original
        expected.sources = edited(original.sources)
        let rewritten = try GrantBytes.replacingSources(in: shuffled, with: edited(original.sources))
        #expect(rewritten == (try expected.deterministicData()))
    }

    @Test func principalAndSourcesAreReadWithoutTheEntitlement() throws {
        let original = try grant(sources: ["repo:r1:push": true])
        let (principal, sources) = try GrantBytes.principalAndSources(in: original.deterministicData())
        #expect(principal?.id == original.principal.id)
        #expect(principal?.annotations.count == 1)
        #expect(sources == original.sources)

        var slim = C1_Connector_V2_Grant()
        slim.id = "g1"
        let (none, empty) = try GrantBytes.principalAndSources(in: slim.deterministicData())
        #expect(none == nil)
        #expect(empty.sources.isEmpty)
    }

    @Test func truncatedBytesAreAnError() throws {
        let stored = try grant(sources: ["repo:r1:push": true]).deterministicData()
        #expect(throws: (any Error).self) { try GrantBytes.sources(in: stored.dropLast(3)) }
    }
}
