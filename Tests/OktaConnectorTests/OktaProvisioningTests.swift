import BatonSDK
import BatonTestSupport
import Foundation
import MockKit
import MockOkta
import OktaConnector
import Testing

/// Grants and revokes through the runtime, checked in the mock's truth and in the next sync.
@Suite("baton-okta provisioning")
struct OktaProvisioningTests {
    func resource(_ type: String, _ id: String) -> Resource {
        var resource = Resource()
        resource.id = ResourceID(type, id)
        resource.displayName = id
        return resource
    }

    func entitlement(_ type: String, _ id: String, _ slug: String) throws -> Entitlement {
        try Entitlement.assignment(resource: resource(type, id), name: slug)
    }

    func grant(_ entitlement: Entitlement, _ principal: Resource) throws -> Grant {
        try Grant.make(entitlement: entitlement, principal: principal)
    }

    func alreadyExists(_ result: ProvisionResult) -> Bool {
        result.annotations.contains(C1_Connector_V2_GrantAlreadyExists.self)
    }

    func alreadyRevoked(_ annotations: Annotations) -> Bool {
        annotations.contains(C1_Connector_V2_GrantAlreadyRevoked.self)
    }

    @Test func grantAndRevokeEveryKindThenSyncSeesIt() async throws {
        try await OktaHarness.withMock(size: .small) { server in
            let connector = try OktaHarness.connector(server)
            let runtime = try ConnectorRuntime(connector)
            let truth = try await OktaHarness.truth(server)
            let user = try #require(truth.users.first { $0.status == "ACTIVE" && $0.email != nil })
            let principal = resource("user", user.id)
            let group = try #require(
                truth.groups.first { $0.type == "OKTA_GROUP" && !$0.members.contains(user.id) })
            // A role the user holds in no way, so that its grant disappears again after the revokes.
            let role = try #require(
                truth.roles.first { role in
                    !role.users.contains(user.id) && !role.groups.contains(group.id)
                        && role.groups.allSatisfy { truth.group($0)?.members.contains(user.id) != true }
                })
            let app = try #require(truth.apps.first { !$0.users.contains(user.id) })
            // A second group for the app, without the user, so the user's own assignment stays direct.
            let appGroup = try #require(
                truth.groups.first {
                    $0.type == "OKTA_GROUP" && $0.id != group.id && !$0.members.contains(user.id)
                        && !app.groups.contains($0.id)
                })

            let member = try entitlement("group", group.id, "member")
            let assigned = try entitlement("role", role.type, "assigned")
            let access = try entitlement("app", app.id, "access")

            // Grant each, then grant again.
            let memberResult = try await runtime.grant(member, to: principal)
            #expect(memberResult.grants.map(\.id) == ["group:\(group.id):member:user:\(user.id)"])
            #expect(!alreadyExists(try await runtime.grant(assigned, to: principal)))
            #expect(alreadyExists(try await runtime.grant(assigned, to: principal)))
            #expect(!alreadyExists(try await runtime.grant(assigned, to: resource("group", group.id))))
            #expect(alreadyExists(try await runtime.grant(assigned, to: resource("group", group.id))))
            #expect(!alreadyExists(try await runtime.grant(access, to: principal)))
            #expect(alreadyExists(try await runtime.grant(access, to: principal)))
            #expect(!alreadyExists(try await runtime.grant(access, to: resource("group", appGroup.id))))
            #expect(alreadyExists(try await runtime.grant(access, to: resource("group", appGroup.id))))

            let granted = try await OktaHarness.truth(server)
            #expect(granted.group(group.id)?.members.contains(user.id) == true)
            #expect(granted.role(role.type)?.users.contains(user.id) == true)
            #expect(granted.role(role.type)?.groups.contains(group.id) == true)
            #expect(granted.app(app.id)?.directUsers.contains(user.id) == true)
            #expect(granted.app(app.id)?.groups.contains(appGroup.id) == true)

            let afterGrant = try await OktaHarness.sync(connector)
            let grantIDs = [
                "group:\(group.id):member:user:\(user.id)", "role:\(role.type):assigned:user:\(user.id)",
                "role:\(role.type):assigned:group:\(group.id)", "app:\(app.id):access:user:\(user.id)",
                "app:\(app.id):access:group:\(appGroup.id)",
            ]
            for id in grantIDs { #expect(afterGrant.grants[id] != nil, "\(id) after the grant") }
            #expect(Set(afterGrant.grants.keys) == granted.expected().grants)

            // Revoke each, then revoke again.
            let revokes = [
                try grant(member, principal), try grant(assigned, principal),
                try grant(assigned, resource("group", group.id)), try grant(access, principal),
                try grant(access, resource("group", appGroup.id)),
            ]
            for revoke in revokes {
                #expect(!alreadyRevoked(try await runtime.revoke(revoke)), "\(revoke.id)")
            }
            for revoke in revokes.dropFirst() {
                #expect(alreadyRevoked(try await runtime.revoke(revoke)), "\(revoke.id) again")
            }

            let revoked = try await OktaHarness.truth(server)
            #expect(revoked.group(group.id)?.members.contains(user.id) == false)
            #expect(revoked.role(role.type)?.users.contains(user.id) == false)
            #expect(revoked.role(role.type)?.groups.contains(group.id) == false)
            #expect(revoked.app(app.id)?.directUsers.contains(user.id) == false)
            #expect(revoked.app(app.id)?.groups.contains(appGroup.id) == false)
            let afterRevoke = try await OktaHarness.sync(connector)
            for id in grantIDs { #expect(afterRevoke.grants[id] == nil, "\(id) after the revoke") }
            #expect(Set(afterRevoke.grants.keys) == revoked.expected().grants)
        }
    }

    @Test func principalsOfTheWrongTypeAreRejected() async throws {
        try await OktaHarness.withMock { server in
            let runtime = try ConnectorRuntime(try OktaHarness.connector(server))
            let truth = try await OktaHarness.truth(server)
            let group = try #require(truth.groups.first { $0.type == "OKTA_GROUP" })
            let member = try entitlement("group", group.id, "member")
            await #expect(throws: BatonError.self) {
                try await runtime.grant(member, to: resource("group", group.id))
            }
            let assigned = try entitlement("role", "ORG_ADMIN", "assigned")
            await #expect(throws: BatonError.self) {
                try await runtime.grant(assigned, to: resource("app", "0oa1"))
            }
        }
    }

    func accountInfo(login: String, email: String, first: String?, last: String) -> C1_Connector_V2_AccountInfo {
        var info = C1_Connector_V2_AccountInfo()
        info.login = login
        var address = C1_Connector_V2_AccountInfo.Email()
        address.address = email
        address.isPrimary = true
        info.emails = [address]
        if let first { info.profile.fields["first_name"] = Google_Protobuf_Value(stringValue: first) }
        info.profile.fields["last_name"] = Google_Protobuf_Value(stringValue: last)
        return info
    }

    @Test func createAccountThenAgainIsAlreadyExistsAndDeleteRemovesTheUser() async throws {
        try await OktaHarness.withMock { server in
            let runtime = try ConnectorRuntime(try OktaHarness.connector(server))
            let info = accountInfo(
                login: "ada.new@example.com", email: "ada.new@example.com", first: "Ada", last: "New")
            let options = C1_Connector_V2_LocalCredentialOptions()

            guard case .created(let created) = try await runtime.createAccount(info, credentials: options) else {
                Issue.record("the first creation did not create")
                return
            }
            let truth = try await OktaHarness.truth(server)
            let user = try #require(truth.users.first { $0.login == "ada.new@example.com" })
            #expect(created.id == ResourceID("user", user.id))
            #expect(user.status == "PROVISIONED")

            guard case .alreadyExists(let existing) = try await runtime.createAccount(info, credentials: options) else {
                Issue.record("a second creation with the same login was not 'already exists'")
                return
            }
            #expect(existing.id == created.id)
            #expect(try await OktaHarness.truth(server).users.count == truth.users.count)

            // An active user takes Okta's two DELETEs (deactivate, then delete); both happen.
            _ = try await runtime.deleteResource(created.id, parent: nil)
            #expect(try await OktaHarness.truth(server).users.contains { $0.id == user.id } == false)
            await #expect(throws: BatonError.self) { try await runtime.deleteResource(created.id, parent: nil) }
        }
    }

    @Test func createAccountWithoutANameIsOneClearError() async throws {
        try await OktaHarness.withMock { server in
            let runtime = try ConnectorRuntime(try OktaHarness.connector(server))
            let info = accountInfo(login: "x@example.com", email: "x@example.com", first: nil, last: "X")
            let error = await #expect(throws: BatonError.self) {
                try await runtime.createAccount(info, credentials: C1_Connector_V2_LocalCredentialOptions())
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("firstName") == true)
        }
    }
}
