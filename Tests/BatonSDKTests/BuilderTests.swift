import BatonSDK
import Foundation
import Testing

@Suite("IDs in the reference formats")
struct IDTests {
    let group: ResourceType
    init() throws { group = try ResourceType(name: "Group", traits: [.group]) }

    @Test func resourceTypeIDFromName() throws {
        #expect(BatonID.resourceTypeID(fromName: "Org Role") == "org-role")
        #expect(try ResourceType(name: "Project Role Actor").id == "project-role-actor")
        #expect(try ResourceType(name: "User").displayName == "User")
    }

    @Test func entitlementAndGrantIDs() throws {
        let g = try Resource.group(name: "Eng", type: group, id: "123")
        let member = try Entitlement.assignment(resource: g, name: "member")
        #expect(member.id == "group:123:member")
        #expect(member.slug == "member")
        #expect(member.displayName == "member")
        #expect(member.purpose == .assignment)
        let grant = try Grant.make(resource: g, entitlementName: "member", principal: ResourceID("user", "456"))
        #expect(grant.id == "group:123:member:user:456")
        #expect(grant.entitlement.id == "group:123:member")
        #expect(grant.entitlement.displayName.isEmpty)  // only id + resource, as the reference
        #expect(BatonID.resourceExternalID(ResourceID("user", "456")) == "user:456")
    }

    @Test func parentIsNotPartOfIDs() throws {
        let team = try Resource.group(name: "T", type: group, id: "7", options: [.parent(ResourceID("org", "1"))])
        #expect(try Entitlement.permission(resource: team, name: "admin").id == "group:7:admin")
    }

    @Test func emptyOrHugeIDsAreRejected() {
        #expect(throws: BatonError(.invalidArgument, "resource id must not be empty")) {
            try Resource.make(name: "x", type: group, id: "")
        }
        #expect(throws: BatonError.self) {
            try Resource.make(name: "x", type: group, id: String(repeating: "a", count: 1025))
        }
        #expect(throws: BatonError.self) { try ResourceType(name: "") }
        #expect(throws: BatonError.self) {
            try Grant.make(
                resource: Resource.make(name: "x", type: group, id: "1"), entitlementName: "m",
                principal: ResourceID("user", ""))
        }
    }

    @Test func bidRoundTrip() throws {
        let id = ResourceID("repo", "acme/api:v2")
        let parent = ResourceID("org", "acme")
        let text = BID.resource(id, parent: parent)
        #expect(text == #"bid:r:org/acme/repo/acme\/api\:v2"#)
        let parsed = try BID.parseResource(text)
        #expect(parsed.id == id)
        #expect(parsed.parent == parent)
        #expect(try BID.parseResource("bid:r:user/42").id == ResourceID("user", "42"))
        #expect(throws: BatonError.self) { try BID.parseResource("user/42") }
        #expect(throws: BatonError.self) { try BID.parseResource("bid:r:a/b/c") }
        #expect(throws: BatonError.self) { try BID.parseResource("bid:r:user/") }
    }
}

@Suite("Resource builders")
struct ResourceBuilderTests {
    let userType: ResourceType
    init() throws { userType = try ResourceType(name: "User", traits: [.user]) }

    @Test func userDefaultsToEnabledHumanAndMirrorsOntoTheResource() throws {
        let created = Date(timeIntervalSince1970: 1_700_000_000)
        let user = try Resource.user(
            name: "Ada", type: userType, id: "u1",
            traits: [
                .email("ada@example.com", primary: true), .email(""), .login("ada"),
                .profile(["dept": "eng"]), .createdAt(created),
            ])
        let trait = try #require(user.annotations.pick(C1_Connector_V2_UserTrait.self))
        #expect(trait.status.status == .enabled)
        #expect(trait.accountType == .human)
        #expect(trait.emails.map(\.address) == ["ada@example.com"])
        #expect(user.status.status == .enabled)
        #expect(user.profile.fields["dept"]?.stringValue == "eng")
        #expect(user.createdAt.date == created)
    }

    @Test func disabledServiceAccount() throws {
        let user = try Resource.user(
            name: "bot", type: userType, id: "u2",
            traits: [.status(.disabled, details: "gone"), .accountType(.service)])
        #expect(user.status.status == .disabled)
        #expect(user.status.details == "gone")
        #expect(user.annotations.pick(C1_Connector_V2_UserTrait.self)?.accountType == .service)
    }

    @Test func resourceLevelFieldsWinOverTraitMirrors() throws {
        let user = try Resource.user(
            name: "x", type: userType, id: "u3", traits: [.profile(["a": "trait"])],
            options: [.profile(["a": "resource"]), .status(.deleted)])
        #expect(user.profile.fields["a"]?.stringValue == "resource")
        #expect(user.status.status == .deleted)
    }

    @Test func appHelpURLMustBeHTTPS() throws {
        let appType = try ResourceType(name: "App", traits: [.app])
        #expect(throws: BatonError.self) {
            try Resource.app(name: "a", type: appType, id: "1", traits: [.helpURL("http://x")])
        }
    }

    @Test func childTypeAndExternalLinkAnnotations() throws {
        let org = try Resource.make(
            name: "acme", type: ResourceType(name: "Org"), id: "1",
            options: [.childType("team"), .childType("repo"), .externalLink("https://x/acme")])
        #expect(org.annotations.all(C1_Connector_V2_ChildResourceType.self).map(\.resourceTypeID) == ["team", "repo"])
        #expect(org.annotations.pick(C1_Connector_V2_ExternalLink.self)?.url == "https://x/acme")
    }

    @Test func aliasesAreDeduplicatedAndBounded() throws {
        let r = try Resource.make(name: "a", type: userType, id: "1", options: [.aliases(["x", "y", "x"])])
        #expect(r.annotations.pick(C1_Connector_V2_Aliases.self)?.ids == ["x", "y"])
        #expect(throws: BatonError.self) {
            try Resource.make(name: "a", type: userType, id: "1", options: [.aliases([])])
        }
    }
}

@Suite("Annotations")
struct AnnotationTests {
    @Test func updateReplacesInPlaceAndPickDecodes() throws {
        var annotations = Annotations()
        var first = C1_Connector_V2_V1Identifier()
        first.id = "a"
        try annotations.append(first)
        try annotations.append(C1_Connector_V2_SkipGrants())
        try annotations.append(first)
        var second = first
        second.id = "b"
        try annotations.update(second)
        #expect(annotations.count == 2)
        #expect(annotations[0].messageName == "c1.connector.v2.V1Identifier")
        #expect(annotations.pick(C1_Connector_V2_V1Identifier.self)?.id == "b")
        #expect(annotations.contains(C1_Connector_V2_SkipGrants.self))
        #expect(!annotations.contains(C1_Connector_V2_SkipEntitlements.self))
    }

    @Test func unknownTypesAreKept() throws {
        var unknown = Google_Protobuf_Any()
        unknown.typeURL = "type.googleapis.com/c1.connector.v9.FromTheFuture"
        unknown.value = Data([0x0A, 0x01, 0x41])
        var annotations: Annotations = [unknown]
        try annotations.update(C1_Connector_V2_SkipGrants())
        annotations.removeAll(C1_Connector_V2_SkipGrants.self)
        #expect(annotations == [unknown])
    }

    @Test func expandableGrant() throws {
        let groupType = try ResourceType(name: "Group", traits: [.group])
        let g = try Resource.group(name: "g", type: groupType, id: "1")
        let grant = try Grant.make(
            resource: g, entitlementName: "member", principal: ResourceID("group", "2"),
            options: [
                .expandable(["group:2:member", "group:2:member"], shallow: true, resourceTypeIDs: ["user"]),
                .metadata(["k": "v"]),
            ])
        let expandable = try #require(grant.annotations.pick(C1_Connector_V2_GrantExpandable.self))
        #expect(expandable.entitlementIds == ["group:2:member"])
        #expect(expandable.shallow)
        #expect(expandable.resourceTypeIds == ["user"])
        #expect(grant.annotations.pick(C1_Connector_V2_GrantMetadata.self)?.metadata.fields["k"]?.stringValue == "v")
        #expect(throws: BatonError.self) {
            try Grant.make(
                resource: g, entitlementName: "member", principal: ResourceID("group", "2"),
                options: [.expandable([])])
        }
    }
}

@Suite("Deterministic encoding and JSON indentation")
struct EncodingTests {
    @Test func grantSourcesEncodeSortedWhateverTheInsertionOrder() throws {
        var a = Grant()
        a.id = "g"
        var b = a
        for key in ["z", "a", "m"] { a.sources.sources[key] = .init() }
        for key in ["m", "z", "a"] { b.sources.sources[key] = .init() }
        #expect(try a.deterministicData() == b.deterministicData())
        let bytes = try a.deterministicData()
        let keys = ["a", "m", "z"].map { Data($0.utf8) }
        let positions = keys.compactMap { bytes.range(of: $0)?.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func indentMatchesGoJSONIndent() {
        #expect(
            GoJSON.indent(#"{"a":[1,{"b":"x, y: {z}"}],"c":{},"d":[]}"#) == """
                {
                  "a": [
                    1,
                    {
                      "b": "x, y: {z}"
                    }
                  ],
                  "c": {},
                  "d": []
                }
                """)
        #expect(GoJSON.indent(#"{"q":"a\"b"}"#) == "{\n  \"q\": \"a\\\"b\"\n}")
    }
}

@Suite("ConnectorRuntime guards")
struct RuntimeGuardTests {
    struct Stuck: ResourceSyncer {
        var resourceType: ResourceType { (try? ResourceType(name: "User", traits: [.user])) ?? ResourceType() }
        let traitless: Bool
        func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
            let r =
                traitless
                ? try Resource.make(name: "u", type: resourceType, id: "1")
                : try Resource.user(name: "u", type: resourceType, id: "1")
            return Page([r], nextPageToken: "same")
        }
    }
    struct OneType: Connector {
        let syncers: [any ResourceSyncer]
        func metadata() async throws -> C1_Connector_V2_ConnectorMetadata { .init() }
        func validate() async throws -> Annotations { [] }
        var resourceSyncers: [any ResourceSyncer] { syncers }
    }

    @Test func unchangedPageTokenIsAConnectorBug() async throws {
        let runtime = try ConnectorRuntime(OneType(syncers: [Stuck(traitless: false)]))
        _ = try await runtime.listResources(typeID: "user", parent: nil, request: .init())
        await #expect {
            _ = try await runtime.listResources(typeID: "user", parent: nil, request: .init(pageToken: "same"))
        } throws: { ($0 as? BatonError)?.message.contains("next page token unchanged") == true }
    }

    @Test func missingTraitIsRejected() async throws {
        let runtime = try ConnectorRuntime(OneType(syncers: [Stuck(traitless: true)]))
        await #expect(throws: BatonError(.invalidArgument, "resource was missing expected trait UserTrait")) {
            _ = try await runtime.listResources(typeID: "user", parent: nil, request: .init())
        }
    }

    @Test func duplicateAndUnknownTypes() async throws {
        #expect(throws: BatonError.self) {
            try ConnectorRuntime(OneType(syncers: [Stuck(traitless: false), Stuck(traitless: false)]))
        }
        #expect(throws: BatonError.self) { try ConnectorRuntime(OneType(syncers: [])) }
        let runtime = try ConnectorRuntime(OneType(syncers: [Stuck(traitless: false)]))
        await #expect(throws: BatonError(.notFound, "error: list resources with unknown resource type team")) {
            _ = try await runtime.listResources(typeID: "team", parent: nil, request: .init())
        }
    }
}

@Suite("Annotation lookups")
struct AnnotationLookupTests {
    /// `holds` is a faster `isA`: both must agree on every shape of type URL.
    @Test(arguments: [
        "type.googleapis.com/c1.connector.v2.UserTrait", "c1.connector.v2.UserTrait", "x/y/c1.connector.v2.UserTrait",
        "type.googleapis.com/c1.connector.v2.UserTraitX", "type.googleapis.com/xc1.connector.v2.UserTrait",
        "type.googleapis.com/c1.connector.v2.GroupTrait", "", "/", "UserTrait",
    ])
    func holdsAgreesWithIsA(url: String) {
        var any = Google_Protobuf_Any()
        any.typeURL = url
        #expect(any.holds(C1_Connector_V2_UserTrait.self) == any.isA(C1_Connector_V2_UserTrait.self))
    }

    @Test func containsAndRemove() throws {
        var annotations: [Google_Protobuf_Any] = []
        try annotations.append(C1_Connector_V2_GrantImmutable())
        try annotations.append(C1_Connector_V2_UserTrait())
        #expect(annotations.contains(C1_Connector_V2_UserTrait.self))
        #expect(!annotations.contains(C1_Connector_V2_GroupTrait.self))
        #expect(annotations.removeAll(C1_Connector_V2_UserTrait.self) == 1)
        #expect(!annotations.contains(C1_Connector_V2_UserTrait.self))
    }
}
