import BatonSDK
import BatonTestSupport
import Foundation
import GitHubConnector
import MockGitHub
import MockKit
import Testing

/// Grants, revokes, account creation and deletes through the runtime, checked in the mock's truth and
/// in the next sync.
@Suite("baton-github provisioning")
struct GitHubProvisioningTests {
    /// A resource as a sync stores it: children of an org carry it as their parent.
    func resource(_ type: String, _ id: Int, org: Int? = nil) -> Resource {
        var resource = Resource()
        resource.id = ResourceID(type, String(id))
        resource.displayName = String(id)
        if let org { resource.parentResourceID = ResourceID("org", String(org)) }
        return resource
    }

    func entitlement(_ resource: Resource, _ slug: String) throws -> Entitlement {
        try Entitlement.permission(resource: resource, name: slug)
    }

    func alreadyExists(_ result: ProvisionResult) -> Bool {
        result.annotations.contains(C1_Connector_V2_GrantAlreadyExists.self)
    }

    @Test func grantAndRevokeEveryKindThenSyncSeesIt() async throws {
        try await GitHubHarness.withMock(.init(size: .small)) { server, _ in
            let connector = try GitHubHarness.connector(server)
            let runtime = try ConnectorRuntime(connector)
            let truth = try await GitHubHarness.truth(server)
            let main = try #require(truth.main)
            let orgID = main.id
            // A plain member in no team and with no org role, and a repository the user cannot reach directly.
            let user = try #require(
                main.members.first { member in
                    member.role == "member"
                        && !main.teams.contains { ($0.members + $0.maintainers).contains(member.id) }
                        && !main.roles.contains { $0.users.contains(member.id) }
                })
            let principal = resource("user", user.id, org: orgID)
            let team = try #require(main.teams.first)
            let repo = try #require(
                main.repos.first { repo in
                    !repo.directCollaborators.contains { $0.id == user.id } && !repo.teams.contains { $0.id == team.id }
                })
            let role = try #require(main.roles.first { $0.teams.isEmpty })
            let org = resource("org", orgID)
            let teamResource = resource("team", team.id, org: orgID)
            let repoResource = resource("repository", repo.id, org: orgID)
            let roleResource = resource("org_role", role.id, org: orgID)

            let admin = try entitlement(org, "admin")
            let maintainer = try entitlement(teamResource, "maintainer")
            let triage = try entitlement(repoResource, "triage")
            let push = try entitlement(repoResource, "push")
            let assigned = try entitlement(roleResource, "assigned")

            #expect(alreadyExists(try await runtime.grant(try entitlement(org, "member"), to: principal)))
            let results = [
                try await runtime.grant(admin, to: principal),
                try await runtime.grant(maintainer, to: principal),
                try await runtime.grant(triage, to: principal),
                try await runtime.grant(push, to: teamResource),
                try await runtime.grant(assigned, to: principal),
            ]
            #expect(results.allSatisfy { !alreadyExists($0) })
            #expect(alreadyExists(try await runtime.grant(admin, to: principal)))
            #expect(alreadyExists(try await runtime.grant(maintainer, to: principal)))

            let granted = try await GitHubHarness.truth(server)
            let grantedMain = try #require(granted.main)
            #expect(grantedMain.members.first { $0.id == user.id }?.role == "admin")
            #expect(grantedMain.team(team.id)?.maintainers.contains(user.id) == true)
            let grantedRepo = try #require(grantedMain.repos.first { $0.id == repo.id })
            #expect(grantedRepo.directCollaborators.contains { $0.id == user.id && $0.permission == "triage" })
            #expect(grantedRepo.teams.contains { $0.id == team.id && $0.permission == "push" })
            #expect(grantedMain.roles.first { $0.id == role.id }?.users.contains(user.id) == true)

            let afterGrant = try await GitHubHarness.sync(connector)
            #expect(Set(afterGrant.grants.keys) == granted.expected().grants)
            for grant in results.flatMap(\.grants) {
                #expect(afterGrant.grants[grant.id] != nil, "\(grant.id) after the grant")
            }

            for grant in results.flatMap(\.grants) {
                _ = try await runtime.revoke(grant)
            }
            let revoked = try await GitHubHarness.truth(server)
            let revokedMain = try #require(revoked.main)
            #expect(revokedMain.members.first { $0.id == user.id }?.role == "member")
            #expect(revokedMain.team(team.id)?.maintainers.contains(user.id) == false)
            let revokedRepo = try #require(revokedMain.repos.first { $0.id == repo.id })
            #expect(!revokedRepo.directCollaborators.contains { $0.id == user.id })
            #expect(!revokedRepo.teams.contains { $0.id == team.id })
            #expect(revokedMain.roles.first { $0.id == role.id }?.users.contains(user.id) == false)
            let afterRevoke = try await GitHubHarness.sync(connector)
            #expect(Set(afterRevoke.grants.keys) == revoked.expected().grants)
            #expect(afterRevoke.grants == (try await GitHubHarness.sync(connector)).grants)
        }
    }

    @Test func orgMembershipInvitesAndAccountsAreInvitations() async throws {
        try await GitHubHarness.withMock { server, _ in
            let runtime = try ConnectorRuntime(try GitHubHarness.connector(server))
            let truth = try await GitHubHarness.truth(server)
            let main = try #require(truth.main)
            let outsider = try #require(main.outsideCollaborators.first)
            let member = try entitlement(resource("org", main.id), "member")
            let result = try await runtime.grant(member, to: resource("user", outsider))
            #expect(result.grants.map(\.id) == ["org:\(main.id):member:user:\(outsider)"])
            let invited = try #require(try await GitHubHarness.truth(server).main)
            let login = try #require(truth.user(outsider)?.login)
            #expect(invited.invitations.contains { $0.login == login && $0.role == "direct_member" })

            var info = C1_Connector_V2_AccountInfo()
            info.profile.fields["email"] = .init(stringValue: "new.hire@example.com")
            info.profile.fields["org"] = .init(stringValue: main.login)
            let created = try await runtime.createAccount(info, credentials: .init(), typeID: "invitation")
            guard case .actionRequired(let resource?, _) = created else {
                Issue.record("expected an invitation, got \(created)")
                return
            }
            #expect(resource.id.resourceType == "invitation")
            let afterCreate = try #require(try await GitHubHarness.truth(server).main)
            let invitation = try #require(afterCreate.invitations.first { $0.email == "new.hire@example.com" })
            #expect(resource.id.resource == String(invitation.id))

            _ = try await runtime.deleteResource(resource.id, parent: resource.parentResourceID)
            let afterDelete = try #require(try await GitHubHarness.truth(server).main)
            #expect(!afterDelete.invitations.contains { $0.id == invitation.id })

            let plain = try #require(main.members.first { $0.role == "member" })
            _ = try await runtime.deleteResource(ResourceID("user", String(plain.id)), parent: nil)
            let afterUserDelete = try #require(try await GitHubHarness.truth(server).main)
            #expect(!afterUserDelete.members.contains { $0.id == plain.id })
        }
    }

    @Test func principalsOfTheWrongTypeAreRejected() async throws {
        try await GitHubHarness.withMock { server, _ in
            let runtime = try ConnectorRuntime(try GitHubHarness.connector(server))
            let main = try #require(try await GitHubHarness.truth(server).main)
            let team = try #require(main.teams.first)
            let member = try entitlement(resource("team", team.id, org: main.id), "member")
            let error = try await #require(throws: BatonError.self) {
                try await runtime.grant(member, to: resource("team", team.id, org: main.id))
            }
            #expect(error.code == .invalidArgument)
        }
    }
}
