import Foundation
import MockGitHub
import MockKit
import MockTestSupport
import NIOHTTP1
import Testing

/// Writes change what later reads and the truth show.
@Suite("GitHub mock provisioning")
struct GitHubProvisioningTests {
    @Test func membershipsInvitationsTeamsCollaboratorsAndRoles() async throws {
        try await MockServer.withRunning(GitHubMock(size: .tiny)) { server in
            let client = GitHubTestClient(baseURL: server.baseURL)
            let truth = try await client.truth()
            let main = try #require(truth["orgs"]?.arrayValue?.first)
            let members = main["members"]?.arrayValue ?? []
            let plain = try #require(members.first { $0["role"]?.stringValue == "member" }?["id"]?.intValue)
            let login = try #require(try await client.get("/user/\(plain)").json()["login"]?.stringValue)

            let promoted = try await client.send(.PUT, "/orgs/acme/memberships/\(login)", json: #"{"role":"admin"}"#)
            #expect(try promoted.json()["role"]?.stringValue == "admin")
            #expect(try await client.all("/orgs/acme/members?role=admin").ids.contains(plain))

            let team = try #require(main["teams"]?.arrayValue?.last)
            let teamID = try #require(team["id"]?.intValue)
            let orgID = try #require(main["id"]?.intValue)
            let path = "/organizations/\(orgID)/team/\(teamID)/memberships/\(login)"
            let joined = try await client.send(.PUT, path, json: #"{"role":"maintainer"}"#)
            #expect(try joined.json()["role"]?.stringValue == "maintainer")
            #expect(
                try await client.all("/organizations/\(orgID)/team/\(teamID)/members?role=maintainer").ids == [plain])
            #expect(try await client.send(.DELETE, path).status == 204)
            #expect(try await client.send(.DELETE, path).status == 404)

            let repo = try #require(main["repos"]?.arrayValue?.first?["name"]?.stringValue)
            let outsider = try #require(main["outsideCollaborators"]?.arrayValue?.first?.intValue)
            let outsiderLogin = try #require(try await client.get("/user/\(outsider)").json()["login"]?.stringValue)
            let added = try await client.send(
                .PUT, "/repos/acme/\(repo)/collaborators/\(outsiderLogin)", json: #"{"permission":"triage"}"#)
            #expect(added.status == 201 || added.status == 204)
            let direct = try await client.all("/repos/acme/\(repo)/collaborators?affiliation=direct")
            let entry = try #require(direct.first { $0["id"]?.intValue == outsider })
            #expect(entry["role_name"]?.stringValue == "triage")

            let invited = try await client.send(
                .POST, "/orgs/acme/invitations", json: #"{"invitee_id":\#(outsider),"role":"direct_member"}"#)
            #expect(invited.status == 201)
            let again = try await client.send(
                .POST, "/orgs/acme/invitations", json: #"{"invitee_id":\#(outsider),"role":"direct_member"}"#)
            #expect(again.status == 422)
            let pending = try await client.get("/orgs/acme/memberships/\(outsiderLogin)")
            #expect(try pending.json()["state"]?.stringValue == "pending")
            let invitationID = try #require(try invited.json()["id"]?.intValue)
            #expect(try await client.send(.DELETE, "/orgs/acme/invitations/\(invitationID)").status == 204)
            #expect(try await client.get("/orgs/acme/memberships/\(outsiderLogin)").status == 404)

            let role = 8134
            let assign = "/orgs/acme/organization-roles/users/\(login)/\(role)"
            #expect(try await client.send(.PUT, assign).status == 204)
            #expect(try await client.all("/orgs/acme/organization-roles/\(role)/users").ids.contains(plain))
            #expect(try await client.send(.DELETE, assign).status == 204)
            #expect(try await client.send(.DELETE, "/orgs/acme/memberships/\(login)").status == 204)
            #expect(try await client.get("/orgs/acme/members/\(login)").status == 404)

            // Reset restores the generated tenant.
            #expect(try await client.send(.POST, "/__mock/reset").status == 204)
            #expect(try await client.truth() == truth)
        }
    }
}
