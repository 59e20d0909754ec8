import BatonSDK
import DemoConnector
import Foundation
import Testing

@Suite("baton-demo connector")
struct DemoConnectorTests {
    let runtime: ConnectorRuntime

    init() throws { runtime = try ConnectorRuntime(DemoConnector()) }

    /// Walks every page of a listing through the runtime.
    func all(_ typeID: String) async throws -> [Resource] {
        var token = ""
        var out: [Resource] = []
        repeat {
            let page = try await runtime.listResources(typeID: typeID, parent: nil, request: .init(pageToken: token))
            out += page.items
            token = page.nextPageToken
        } while !token.isEmpty
        return out
    }

    @Test func capabilitiesEqualTheCommittedFile() throws {
        let committed = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Connectors/Demo/baton_capabilities.json")
        let expected = try String(contentsOf: committed, encoding: .utf8)
        #expect(try runtime.capabilitiesJSON() == expected)
    }

    @Test func capabilitiesFollowTheReferenceShape() throws {
        let json = try runtime.capabilitiesJSON()
        #expect(json.hasPrefix("{\n  \"@type\": \"type.googleapis.com/c1.connector.v2.ConnectorCapabilities\",\n"))
        #expect(!json.hasSuffix("\n"))
        let caps = runtime.capabilities()
        #expect(caps.resourceTypeCapabilities.map(\.resourceType.id) == ["app", "group", "role", "user"])
        #expect(caps.resourceTypeCapabilities.allSatisfy { $0.hasPermissions })
        #expect(caps.connectorCapabilities.map(\.rawValue) == caps.connectorCapabilities.map(\.rawValue).sorted())
        let group = try #require(caps.resourceTypeCapabilities.first { $0.resourceType.id == "group" })
        #expect(group.capabilities == [.sync, .targetedSync, .provision])
        let user = try #require(caps.resourceTypeCapabilities.first { $0.resourceType.id == "user" })
        #expect(user.capabilities == [.sync, .targetedSync, .accountProvisioning])
        #expect(caps.credentialDetails.capabilityAccountProvisioning.preferredCredentialOption == .noPassword)
    }

    @Test func seedHasTheAdvertisedVariety() async throws {
        let users = try await all("user")
        #expect(users.count == 50)
        let traits = users.compactMap { $0.annotations.pick(C1_Connector_V2_UserTrait.self) }
        #expect(traits.count == 50)
        #expect(traits.filter { $0.status.status == .disabled }.count == 7)
        #expect(traits.filter { $0.accountType == .service }.count == 3)
        #expect(traits.filter { $0.emails.isEmpty }.count == 1)
        #expect(users.allSatisfy { $0.hasStatus })
        let groups = try await all("group")
        #expect(groups.count == 8)
    }

    @Test func nestedGroupGrantsAreExpandable() async throws {
        let groups = try await all("group")
        let ringA = try #require(groups.first { $0.id.resource == "g-ring-a" })
        let grants = try await runtime.listGrants(of: ringA, request: .init()).items
        let nested = try #require(grants.first { $0.principal.id.resourceType == "group" })
        #expect(nested.id == "group:g-ring-a:member:group:g-ring-b")
        let expandable = try #require(nested.annotations.pick(C1_Connector_V2_GrantExpandable.self))
        #expect(expandable.entitlementIds == ["group:g-ring-b:member"])
    }

    @Test func grantAndRevokeChangeTheDirectory() async throws {
        let groups = try await all("group")
        let empty = try #require(groups.first { $0.id.resource == "g-empty" })
        let member = try #require(try await runtime.listEntitlements(of: empty, request: .init()).items.first)
        var principal = Resource()
        principal.id = ResourceID("user", "u007")

        let first = try await runtime.grant(member, to: principal)
        #expect(first.grants.map(\.id) == ["group:g-empty:member:user:u007"])
        let again = try await runtime.grant(member, to: principal)
        #expect(again.annotations.contains(C1_Connector_V2_GrantAlreadyExists.self))

        let listed = try await runtime.listGrants(of: empty, request: .init()).items
        #expect(listed.map(\.id) == ["group:g-empty:member:user:u007"])
        #expect(try await runtime.revoke(listed[0]).isEmpty)
        #expect(try await runtime.revoke(listed[0]).contains(C1_Connector_V2_GrantAlreadyRevoked.self))
        #expect(try await runtime.listGrants(of: empty, request: .init()).items.isEmpty)
    }

    @Test func malformedPageTokenIsAClearError() async {
        await #expect(throws: BatonError.self) {
            _ = try await runtime.listResources(typeID: "user", parent: nil, request: .init(pageToken: "x"))
        }
    }
}
