import Foundation
import MockJira
import MockKit
import MockTestSupport
import NIOHTTP1
import Testing

@Suite("Jira mock: auth, limits and provisioning")
struct JiraWriteTests {
    @Test func basicAuthIsRequiredAndJiraShaped() async throws {
        try await withJiraMock { client in
            var anonymous = client
            anonymous.authorization = nil
            let reply = try await anonymous.get("/rest/api/3/users/search")
            #expect(reply.status == 401)
            #expect(reply.headers["X-Seraph-LoginReason"] == ["AUTHENTICATED_FAILED"])
            #expect(reply.text == "Client must be authenticated to access this resource.")
            var wrong = client
            wrong.authorization = JiraTestClient.basic(JiraMock.defaultEmail, "nope")
            #expect(try await wrong.get("/rest/api/3/users/search").status == 401)
            #expect(try await client.get("/rest/api/3/users/search").status == 200)
            // The cloud id lookup is open, as on a real site.
            let tenant = try await anonymous.get("/_edge/tenant_info")
            #expect(tenant.status == 200)
            let cloudID = try await client.truth()["cloudId"]?.stringValue
            #expect(try tenant.json()["cloudId"]?.stringValue == cloudID)
        }
    }

    @Test func rateLimitedRequestsGet429WithJiraHeaders() async throws {
        let options = MockOptions(rateLimit: RateLimit(count: 2, windowSeconds: 3600))
        try await withJiraMock(options: options) { client in
            #expect(try await client.get("/rest/api/3/group/bulk").status == 200)
            #expect(try await client.get("/rest/api/3/group/bulk").status == 200)
            let limited = try await client.get("/rest/api/3/group/bulk")
            #expect(limited.status == 429)
            let retryAfter = try #require(limited.headers.first(name: "Retry-After").flatMap { Int($0) })
            #expect(retryAfter >= 1 && retryAfter <= 3600)
            #expect(limited.headers["X-RateLimit-Limit"] == ["2"])
            #expect(limited.headers["X-RateLimit-Remaining"] == ["0"])
            let reset = try #require(limited.headers.first(name: "X-RateLimit-Reset"))
            // `yyyy-MM-ddTHH:mmZ`
            #expect(reset.count == 17 && reset.hasSuffix("Z") && reset.contains("T"))
            #expect(limited.headers["RateLimit-Reason"] == ["jira-burst-based"])
            #expect(try limited.json()["errorMessages"]?.strings.isEmpty == false)
        }
    }

    @Test func groupMembershipWithJirasErrorTexts() async throws {
        try await withJiraMock { client in
            let truth = try await client.truth()
            let group = try #require(truth["groups"]?.arrayValue?.first)
            let groupID = try #require(group["groupId"]?.stringValue)
            let name = try #require(group["name"]?.stringValue)
            let members = group["members"]?.strings ?? []
            let outsider = try #require(
                truth["users"]?.values("accountId").first { !members.contains($0) })

            let added = try await client.send(
                .POST, "/rest/api/3/group/user?groupId=\(groupID)", json: #"{"accountId":"\#(outsider)"}"#)
            #expect(added.status == 201)
            #expect(try added.json()["groupId"]?.stringValue == groupID)
            let again = try await client.send(
                .POST, "/rest/api/3/group/user?groupId=\(groupID)", json: #"{"accountId":"\#(outsider)"}"#)
            #expect(again.status == 400)
            #expect(try again.json()["errorMessages"]?.strings == ["User is already a member of '\(name)'."])

            let path = "/rest/api/3/group/user?groupId=\(groupID)&accountId=\(outsider)"
            #expect(try await client.send(.DELETE, path).status == 200)
            let gone = try await client.send(.DELETE, path)
            #expect(gone.status == 400)
            #expect(try gone.json()["errorMessages"]?.strings.first?.contains("is not a member of") == true)
            #expect(try await client.truth()["groups"]?.arrayValue?.first?["members"]?.strings == members)
        }
    }

    @Test func projectRoleActorsWithJirasErrorTexts() async throws {
        try await withJiraMock { client in
            let truth = try await client.truth()
            let project = try #require(truth["projects"]?.arrayValue?.first)
            let projectID = try #require(project["id"]?.stringValue)
            let role = try #require(project["roles"]?.arrayValue?.first)
            let roleID = try #require(role["id"]?.intValue)
            let users = truth["users"]?.arrayValue ?? []
            let user = try #require(
                users.first { !(role["users"]?.strings ?? []).contains($0["accountId"]?.stringValue ?? "") })
            let accountID = try #require(user["accountId"]?.stringValue)
            let path = "/rest/api/3/project/\(projectID)/role/\(roleID)"

            let added = try await client.send(.POST, path, json: #"{"user":["\#(accountID)"]}"#)
            #expect(added.status == 200)
            #expect(
                try added.json()["actors"]?.arrayValue?.contains {
                    $0["actorUser"]?["accountId"]?.stringValue == accountID
                } == true)
            let again = try await client.send(.POST, path, json: #"{"user":["\#(accountID)"]}"#)
            #expect(again.status == 400)
            let message = try #require(try again.json()["errorMessages"]?.strings.first)
            #expect(message.hasSuffix("already a member of the project role."))

            let groupID = try #require(truth["groups"]?.arrayValue?.last?["groupId"]?.stringValue)
            #expect(try await client.send(.POST, path, json: #"{"groupId":["\#(groupID)"]}"#).status == 200)
            #expect(try await client.send(.DELETE, path + "?groupId=\(groupID)").status == 204)
            #expect(try await client.send(.DELETE, path + "?user=\(accountID)").status == 204)
            let gone = try await client.send(.DELETE, path + "?user=\(accountID)")
            #expect(gone.status == 404)
            #expect(
                try gone.json()["errorMessages"]?.strings.first?.contains("is not a member of the project role")
                    == true)
            #expect(try await client.truth() == truth)
        }
    }

    @Test func accountCreation() async throws {
        try await withJiraMock { client in
            let body = #"{"emailAddress":"new@acme.example","products":["jira-software"]}"#
            let created = try await client.send(.POST, "/rest/api/2/user", json: body)
            #expect(created.status == 201)
            let accountID = try #require(try created.json()["accountId"]?.stringValue)
            #expect(try created.json()["accountType"]?.stringValue == "atlassian")
            #expect(try await client.truth()["users"]?.values("accountId").contains(accountID) == true)
            #expect(try await client.send(.POST, "/rest/api/2/user", json: body).status == 400)
            let badProduct = #"{"emailAddress":"x@acme.example","products":["confluence"]}"#
            #expect(try await client.send(.POST, "/rest/api/2/user", json: badProduct).status == 400)
            // Reset restores the generated site.
            #expect(try await client.send(.POST, "/__mock/reset").status < 300)
            #expect(try await client.truth()["users"]?.values("accountId").contains(accountID) == false)
        }
    }
}
