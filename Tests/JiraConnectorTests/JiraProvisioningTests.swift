import BatonSDK
import BatonTestSupport
import Foundation
import JiraConnector
import MockJira
import MockKit
import Testing

/// Grants, revokes and account creation through the runtime, checked in the mock's truth.
@Suite("baton-jira provisioning")
struct JiraProvisioningTests {
    func resource(_ type: String, _ id: String) -> Resource {
        var resource = Resource()
        resource.id = ResourceID(type, id)
        resource.displayName = id
        return resource
    }

    func entitlement(_ type: String, _ id: String, _ slug: String) throws -> Entitlement {
        try Entitlement.assignment(resource: resource(type, id), name: slug)
    }

    func alreadyExists(_ result: ProvisionResult) -> Bool {
        result.annotations.contains(C1_Connector_V2_GrantAlreadyExists.self)
    }

    func alreadyRevoked(_ annotations: Annotations) -> Bool {
        annotations.contains(C1_Connector_V2_GrantAlreadyRevoked.self)
    }

    @Test func groupMembershipRoundTrip() async throws {
        try await JiraHarness.withMock(size: .small) { server in
            let runtime = try ConnectorRuntime(try JiraHarness.connector(server))
            let truth = try await JiraHarness.truth(server)
            let user = try #require(truth.users.first { $0.accountType == "atlassian" && $0.active })
            let group = try #require(truth.groups.first { !$0.members.contains(user.accountId) })
            let member = try entitlement("group", group.groupId, "member")
            let principal = resource("user", user.accountId)

            let first = try await runtime.grant(member, to: principal)
            #expect(!alreadyExists(first))
            #expect(first.grants.map(\.id) == ["group:\(group.groupId):member:user:\(user.accountId)"])
            #expect(alreadyExists(try await runtime.grant(member, to: principal)))
            #expect(try await JiraHarness.truth(server).group(group.groupId)?.members.contains(user.accountId) == true)

            let grant = try #require(first.grants.first)
            #expect(!alreadyRevoked(try await runtime.revoke(grant)))
            #expect(alreadyRevoked(try await runtime.revoke(grant)))
            #expect(try await JiraHarness.truth(server).group(group.groupId)?.members.contains(user.accountId) == false)

            // Groups hold users only.
            await #expect(throws: BatonError.self) {
                _ = try await runtime.grant(member, to: resource("group", group.groupId))
            }
        }
    }

    @Test func projectRoleRoundTripForUsersAndGroups() async throws {
        try await JiraHarness.withMock(size: .small) { server in
            let runtime = try ConnectorRuntime(try JiraHarness.connector(server))
            let truth = try await JiraHarness.truth(server)
            let project = try #require(truth.projects.first)
            let role = try #require(project.roles.first)
            let user = try #require(
                truth.users.first { $0.accountType == "atlassian" && !role.users.contains($0.accountId) })
            let group = try #require(truth.groups.first { !role.groups.contains($0.groupId) })
            let assigned = try entitlement("project-role", "\(project.id):\(role.id)", "assigned")

            for principal in [resource("user", user.accountId), resource("group", group.groupId)] {
                let result = try await runtime.grant(assigned, to: principal)
                #expect(!alreadyExists(result))
                #expect(alreadyExists(try await runtime.grant(assigned, to: principal)))
            }
            var now = try #require(
                try await JiraHarness.truth(server).project(project.id)?.roles.first { $0.id == role.id })
            #expect(now.users.contains(user.accountId) && now.groups.contains(group.groupId))

            for principal in [resource("user", user.accountId), resource("group", group.groupId)] {
                let grant = try Grant.make(entitlement: assigned, principal: principal)
                #expect(!alreadyRevoked(try await runtime.revoke(grant)))
                #expect(alreadyRevoked(try await runtime.revoke(grant)))
            }
            now = try #require(
                try await JiraHarness.truth(server).project(project.id)?.roles.first { $0.id == role.id })
            #expect(now.users == role.users && now.groups == role.groups)
        }
    }

    @Test func accountCreationThenAlreadyExists() async throws {
        try await JiraHarness.withMock { server in
            let runtime = try ConnectorRuntime(try JiraHarness.connector(server))
            var info = C1_Connector_V2_AccountInfo()
            info.profile = [
                "email": .init(stringValue: "new.hire@acme.example"),
                "products": .init(listValue: .init(values: [.init(stringValue: "jira-software")])),
            ]
            let credentials = C1_Connector_V2_LocalCredentialOptions()
            guard case .created(let created) = try await runtime.createAccount(info, credentials: credentials) else {
                Issue.record("expected a created account")
                return
            }
            let truth = try await JiraHarness.truth(server)
            let user = try #require(truth.users.first { $0.emailAddress == "new.hire@acme.example" })
            #expect(created.id.resource == user.accountId)
            guard case .alreadyExists(let existing) = try await runtime.createAccount(info, credentials: credentials)
            else {
                Issue.record("expected the existing account")
                return
            }
            #expect(existing.id.resource == user.accountId)
            #expect(
                runtime.capabilities().credentialDetails.capabilityAccountProvisioning.preferredCredentialOption
                    == .noPassword)
        }
    }
}
