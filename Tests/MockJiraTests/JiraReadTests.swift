import Foundation
import MockJira
import MockKit
import MockTestSupport
import Testing

@Suite("Jira mock: site and reads")
struct JiraReadTests {
    @Test func theSiteIsDeterministicAndCoversEveryCase() async throws {
        let first = try await withJiraMock { try await $0.get("/__mock/truth").body }
        let second = try await withJiraMock { try await $0.get("/__mock/truth").body }
        #expect(first == second)
        let truth = try JSONValue(parsing: first)
        let users = try #require(truth["users"]?.arrayValue)
        #expect(users.count == 10)
        #expect(Set(users.compactMap { $0["accountType"]?.stringValue }) == ["atlassian", "app", "customer"])
        #expect(users.contains { $0["active"]?.boolValue == false })
        #expect(users.contains { $0["accountType"]?.stringValue == "app" && $0["emailAddress"]?.isNull == true })
        let groups = try #require(truth["groups"]?.arrayValue)
        #expect(groups.count == 4)
        #expect(groups.contains { $0["members"]?.arrayValue?.isEmpty == true })
        let projects = try #require(truth["projects"]?.arrayValue)
        #expect(projects.count == 3)
        #expect(
            projects.contains { project in
                (project["roles"]?.arrayValue ?? []).contains { $0["groups"]?.arrayValue?.isEmpty == false }
            })
        let other = try await MockServer.withRunning(JiraMock(size: .tiny, seed: 2)) { server in
            try await JiraTestClient(baseURL: server.baseURL).get("/__mock/truth").body
        }
        #expect(other != first)
    }

    @Test func usersSearchIsABareArrayPagedByStartAt() async throws {
        try await withJiraMock(size: .small) { client in
            let truth = try await client.truth()
            let all = try #require(truth["users"]?.values("accountId"))
            var seen: [String] = []
            var startAt = 0
            while true {
                let page = try await client.get("/rest/api/3/users/search?startAt=\(startAt)&maxResults=70")
                #expect(page.status == 200)
                let ids = try page.json().values("accountId")
                if ids.isEmpty { break }
                seen += ids
                startAt += ids.count
            }
            #expect(seen == all)
        }
    }

    @Test func groupBulkAndMembersUseJiraEnvelopesAndCapMaxResultsAt50() async throws {
        try await withJiraMock(size: .small) { client in
            let truth = try await client.truth()
            let groups = try #require(truth["groups"]?.arrayValue)
            let bulk = try await client.get("/rest/api/3/group/bulk?startAt=0&maxResults=500").json()
            #expect(bulk["maxResults"]?.intValue == 50)
            #expect(bulk["total"]?.intValue == groups.count)
            #expect(bulk["isLast"]?.boolValue == (groups.count <= 50))
            #expect(
                bulk["values"]?.values("groupId") == Array(groups.compactMap { $0["groupId"]?.stringValue }.prefix(50)))

            let big = try #require(groups.first { ($0["members"]?.arrayValue?.count ?? 0) > 10 })
            let groupID = try #require(big["groupId"]?.stringValue)
            let members = big["members"]?.strings ?? []
            var seen: [String] = []
            var startAt = 0
            var isLast = false
            while !isLast {
                let query = "groupId=\(groupID)&includeInactiveUsers=true&startAt=\(startAt)&maxResults=7"
                let page = try await client.get("/rest/api/3/group/member?\(query)").json()
                #expect(page["total"]?.intValue == members.count)
                let ids = page["values"]?.values("accountId") ?? []
                seen += ids
                startAt += ids.count
                isLast = page["isLast"]?.boolValue ?? true
                #expect(isLast == (page["nextPage"] == nil))
            }
            #expect(seen == members)
        }
    }

    @Test func thePageCapLowersEveryPage() async throws {
        try await withJiraMock(size: .small, options: MockOptions(pageCap: 25)) { client in
            let bulk = try await client.get("/rest/api/3/group/bulk?maxResults=50").json()
            #expect(bulk["maxResults"]?.intValue == 25)
            #expect(bulk["values"]?.arrayValue?.count == 25)
            #expect(bulk["isLast"]?.boolValue == false)
            let users = try await client.get("/rest/api/3/users/search?maxResults=50").json()
            #expect(users.arrayValue?.count == 25)
        }
    }

    @Test func projectsRolesAndActors() async throws {
        try await withJiraMock { client in
            let truth = try await client.truth()
            let project = try #require(truth["projects"]?.arrayValue?.first)
            let projectID = try #require(project["id"]?.stringValue)
            let key = try #require(project["key"]?.stringValue)

            let search = try await client.get("/rest/api/2/project/search?keys=\(key)").json()
            #expect(search["values"]?.values("id") == [projectID])
            #expect(search["total"]?.intValue == 1)

            let detail = try await client.get("/rest/api/2/project/\(key)").json()
            #expect(detail["id"]?.stringValue == projectID)
            #expect(detail["lead"]?["accountId"]?.stringValue == project["lead"]?.stringValue)
            let roleURLs = (detail["roles"]?.objectValue ?? [:]).values.compactMap(\.stringValue)
            let roleIDs = roleURLs.compactMap { $0.split(separator: "/").last.flatMap { Int($0) } }
            #expect(Set(roleIDs) == Set((project["roles"]?.arrayValue ?? []).compactMap { $0["id"]?.intValue }))

            for role in project["roles"]?.arrayValue ?? [] {
                let roleID = try #require(role["id"]?.intValue)
                let global = try await client.get("/rest/api/3/role/\(roleID)").json()
                #expect(global["id"]?.intValue == roleID)
                #expect(global["actors"] == nil)
                let scoped = try await client.get("/rest/api/3/project/\(projectID)/role/\(roleID)").json()
                let actors = scoped["actors"]?.arrayValue ?? []
                let users = actors.filter { $0["type"]?.stringValue == "atlassian-user-role-actor" }
                    .compactMap { $0["actorUser"]?["accountId"]?.stringValue }
                let groups = actors.filter { $0["type"]?.stringValue == "atlassian-group-role-actor" }
                    .compactMap { $0["actorGroup"]?["groupId"]?.stringValue }
                #expect(users == role["users"]?.strings)
                #expect(groups == role["groups"]?.strings)
            }

            let viewers = try await client.get(
                "/rest/api/2/user/viewissue/search?query=.&projectKey=\(key)&startAt=0&maxResults=50"
            ).json()
            #expect(viewers.values("accountId") == project["participants"]?.strings)
            #expect(try await client.get("/rest/api/2/project/NOPE").status == 404)
        }
    }
}
