import Foundation
import MockKit
import MockOkta
import MockTestSupport
import NIOHTTP1
import Testing

@Suite("Okta mock: reading")
struct OktaReadTests {
    /// Follows `rel="next"` from `path`, checking the Link lines of every page; returns all items.
    static func walk(_ client: OktaTestClient, _ path: String) async throws -> (items: [JSONValue], pages: Int) {
        var url: String? = path
        var items: [JSONValue] = []
        var pages = 0
        while let next = url {
            let reply = try await client.get(next)
            #expect(reply.status == 200)
            let links = reply.links
            #expect((1...2).contains(links.count), "one Link line for self, one more for next")
            #expect(links.first?.hasSuffix(#">; rel="self""#) == true)
            #expect(!links.contains { $0.contains(", <") }, "Link values must not be comma-joined")
            items += try reply.json().arrayValue ?? []
            url = reply.nextURL
            pages += 1
            if pages > 10_000 { break }
        }
        return (items, pages)
    }

    @Test("cursor paging walks every user once, with self and next as separate Link lines")
    func pagingUsers() async throws {
        try await MockServer.withRunning(OktaMock(size: .small, seed: 3)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let (users, pages) = try await Self.walk(client, "/api/v1/users?limit=7&search=status%20pr")
            let truth = try await client.truth()
            #expect(users.ids == truth["users"]?.ids)
            #expect(Set(users.ids).count == users.count)
            #expect(pages == (users.count + 6) / 7)
            let first = try #require(users.first)
            #expect(first["id"]?.stringValue?.hasPrefix("00u") == true)
            #expect(first["profile"]?["login"]?.stringValue != nil)
            #expect(
                first["_links"]?["self"]?["href"]?.stringValue?.hasPrefix(server.baseURL + "/api/v1/users/") == true)
            #expect(first["credentials"]?["provider"]?["type"] != nil)

            let reply = try await client.get("/api/v1/users?limit=7&search=status%20pr")
            #expect(reply.links.last?.contains("after=\(users[6]["id"]?.stringValue ?? "")") == true)
            #expect(reply.links.last?.contains("search=status%20pr") == true)
        }
    }

    @Test("a plain list leaves DEPROVISIONED users out; search=status pr includes them")
    func deprovisionedUsers() async throws {
        try await MockServer.withRunning(OktaMock(size: .small, seed: 3)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let truthUsers = try await client.truth()["users"]?.arrayValue ?? []
            let (plain, _) = try await Self.walk(client, "/api/v1/users?limit=200")
            let live = truthUsers.filter { $0["status"]?.stringValue != "DEPROVISIONED" }
            #expect(plain.ids == live.ids)
            #expect(live.count < truthUsers.count)
            let (suspended, _) = try await Self.walk(client, #"/api/v1/users?search=status%20eq%20%22SUSPENDED%22"#)
            #expect(suspended.ids == truthUsers.filter { $0["status"]?.stringValue == "SUSPENDED" }.ids)
            let bad = try await client.get("/api/v1/users?search=nonsense")
            #expect(bad.status == 400)
            #expect(try bad.json()["errorCode"]?.stringValue == "E0000031")
        }
    }

    @Test("omitCredentials in the request content type drops credentials from users")
    func omitCredentials() async throws {
        try await MockServer.withRunning(OktaMock(size: .tiny)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let withCredentials = try await client.get("/api/v1/users?limit=1").json()
            #expect(withCredentials.arrayValue?.first?["credentials"] != nil)
            let raw = try await client.send(
                .GET, "/api/v1/users?limit=1",
                headers: ["Content-Type": #"application/json; okta-response="omitCredentials,omitCredentialsLinks""#]
            ).json()
            #expect(raw.arrayValue?.first?["credentials"] == nil)
            #expect(raw.arrayValue?.first?["id"] == withCredentials.arrayValue?.first?["id"])
        }
    }

    @Test("limit defaults to 200 and is clamped to 1000; the page cap lowers both")
    func limits() async throws {
        let size = TenantSize(parsing: "users=1500,groups=3,memberships=10,apps=1,appAssignments=1,admins=1")
        let mock = OktaMock(size: try #require(size))
        try await MockServer.withRunning(mock) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let standard = try await client.get("/api/v1/users?search=status%20pr")
            #expect(try standard.json().arrayValue?.count == 200)
            let huge = try await client.get("/api/v1/users?search=status%20pr&limit=5000")
            #expect(try huge.json().arrayValue?.count == 1000)
            #expect(huge.nextURL != nil)
            let invalid = try await client.get("/api/v1/users?limit=many")
            #expect(invalid.status == 400)
            #expect(try invalid.json()["errorCode"]?.stringValue == "E0000001")
        }
        try await MockServer.withRunning(OktaMock(size: .small), options: MockOptions(pageCap: 50)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let capped = try await client.get("/api/v1/users?limit=200")
            #expect(try capped.json().arrayValue?.count == 50)
            #expect(capped.nextURL != nil)
        }
    }

    @Test("groups: expand=stats embeds live counts; Everyone, app groups and empty groups exist")
    func groups() async throws {
        try await MockServer.withRunning(OktaMock(size: .small, seed: 4)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let truth = try await client.truth()
            let truthGroups = truth["groups"]?.arrayValue ?? []
            let (groups, _) = try await Self.walk(client, "/api/v1/groups?expand=stats&limit=10")
            #expect(groups.ids == truthGroups.ids)
            for (group, expected) in zip(groups, truthGroups) {
                #expect(group["_embedded"]?["stats"]?["usersCount"]?.intValue == expected["members"]?.arrayValue?.count)
                #expect(group["profile"]?["name"] == expected["name"])
            }
            let types = Set(groups.compactMap { $0["type"]?.stringValue })
            #expect(types == ["BUILT_IN", "OKTA_GROUP", "APP_GROUP"])
            #expect(groups.first?["profile"]?["name"]?.stringValue == "Everyone")
            #expect(groups.contains { $0["_embedded"]?["stats"]?["usersCount"]?.intValue == 0 })
            #expect(groups.contains { $0["_embedded"]?["stats"]?["hasAdminPrivilege"]?.boolValue == true })

            let plain = try await client.get("/api/v1/groups?limit=1").json()
            #expect(plain.arrayValue?.first?["_embedded"] == nil)
            let appGroups = try await client.get(#"/api/v1/groups?filter=type%20eq%20%22APP_GROUP%22"#).json()
            #expect(appGroups.arrayValue?.allSatisfy { $0["type"]?.stringValue == "APP_GROUP" } == true)
            #expect(appGroups.arrayValue?.isEmpty == false)
        }
    }

    @Test("group members page by cursor and match the truth")
    func groupMembers() async throws {
        try await MockServer.withRunning(OktaMock(size: .small, seed: 4)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let truthGroups = try await client.truth()["groups"]?.arrayValue ?? []
            let biggest = try #require(
                truthGroups.dropFirst().max {
                    ($0["members"]?.arrayValue?.count ?? 0) < ($1["members"]?.arrayValue?.count ?? 0)
                })
            let id = try #require(biggest["id"]?.stringValue)
            let (members, pages) = try await Self.walk(client, "/api/v1/groups/\(id)/users?limit=4")
            #expect(members.ids == biggest["members"]?.strings)
            #expect(pages > 1)
            let missing = try await client.get("/api/v1/groups/00gNOPE/users")
            #expect(missing.status == 404)
            #expect(try missing.json()["errorCode"]?.stringValue == "E0000007")
        }
    }

    @Test("apps: app users include group-assigned users with scope GROUP; filters and app groups match")
    func apps() async throws {
        try await MockServer.withRunning(OktaMock(size: .small, seed: 4)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let truthApps = try await client.truth()["apps"]?.arrayValue ?? []
            let (apps, _) = try await Self.walk(client, "/api/v1/apps?limit=6")
            #expect(apps.ids == truthApps.ids)
            let (active, _) = try await Self.walk(client, #"/api/v1/apps?filter=status%20eq%20%22ACTIVE%22"#)
            #expect(active.ids == truthApps.filter { $0["status"]?.stringValue == "ACTIVE" }.ids)
            #expect(active.count < apps.count)

            let everyoneApp = try #require(truthApps.first)
            let appID = try #require(everyoneApp["id"]?.stringValue)
            let (appUsers, _) = try await Self.walk(client, "/api/v1/apps/\(appID)/users?limit=37")
            #expect(appUsers.ids == everyoneApp["users"]?.strings)
            let direct = Set(everyoneApp["directUsers"]?.strings ?? [])
            for user in appUsers {
                let scope = user["scope"]?.stringValue
                #expect(scope == (direct.contains(user["id"]?.stringValue ?? "") ? "USER" : "GROUP"))
                #expect(user["credentials"]?["userName"]?.stringValue != nil)
            }
            #expect(appUsers.contains { $0["scope"]?.stringValue == "GROUP" })
            let (appGroups, _) = try await Self.walk(client, "/api/v1/apps/\(appID)/groups?limit=1")
            #expect(appGroups.ids == everyoneApp["groups"]?.strings)
        }
    }

    @Test("role assignees, user roles and group roles agree with the truth")
    func roles() async throws {
        try await MockServer.withRunning(OktaMock(size: .small, seed: 4)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let truth = try await client.truth()
            let roles = truth["roles"]?.arrayValue ?? []
            #expect(roles.count == 10)
            var holders: [String: Set<String>] = [:]
            var groupHolders: [String: Set<String>] = [:]
            for role in roles {
                let type = role["type"]?.stringValue ?? ""
                for user in role["users"]?.strings ?? [] { holders[user, default: []].insert(type) }
                for group in role["groups"]?.strings ?? [] { groupHolders[group, default: []].insert(type) }
            }
            #expect(holders.count == TenantSize.small.counts.admins)

            var assignees: [String] = []
            var url: String? = "/api/v1/iam/assignees/users?limit=5"
            while let next = url {
                let reply = try await client.get(next)
                let body = try reply.json()
                assignees += body["value"]?.ids ?? []
                url = reply.nextURL
                #expect(body["_links"]?["next"]?["href"]?.stringValue == reply.nextURL)
            }
            #expect(Set(assignees) == Set(holders.keys))
            #expect(assignees.count == holders.count)

            for (user, types) in holders {
                let listed = try await client.get("/api/v1/users/\(user)/roles").json().arrayValue ?? []
                let direct = listed.filter { $0["assignmentType"]?.stringValue == "USER" }
                #expect(Set(direct.compactMap { $0["type"]?.stringValue }) == types)
                #expect(direct.allSatisfy { $0["status"]?.stringValue == "ACTIVE" && $0["id"]?.stringValue != nil })
            }
            let (group, types) = try #require(groupHolders.first)
            let groupRoles = try await client.get("/api/v1/groups/\(group)/roles").json().arrayValue ?? []
            #expect(Set(groupRoles.compactMap { $0["type"]?.stringValue }) == types)
            #expect(groupRoles.allSatisfy { $0["assignmentType"]?.stringValue == "GROUP" })
            let members = truth["groups"]?.arrayValue?.first { $0["id"]?.stringValue == group }?["members"]?.strings
            let member = try #require(members?.first)
            let inherited = try await client.get("/api/v1/users/\(member)/roles").json().arrayValue ?? []
            #expect(inherited.contains { $0["assignmentType"]?.stringValue == "GROUP" })
        }
    }

    @Test("users are found by id or login; unknown ids give E0000007; /org answers")
    func lookups() async throws {
        try await MockServer.withRunning(OktaMock(size: .tiny)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let user = try #require(try await client.truth()["users"]?.arrayValue?.first)
            let byID = try await client.get("/api/v1/users/\(user["id"]?.stringValue ?? "")").json()
            let byLogin = try await client.get("/api/v1/users/\(user["login"]?.stringValue ?? "")").json()
            #expect(byID["id"] == user["id"])
            #expect(byLogin["id"] == user["id"])
            let missing = try await client.get("/api/v1/users/00uDoesNotExist00000")
            #expect(missing.status == 404)
            let error = try missing.json()
            #expect(error["errorCode"]?.stringValue == "E0000007")
            #expect(error["errorLink"]?.stringValue == "E0000007")
            #expect(error["errorSummary"]?.stringValue == "Not found: Resource not found: 00uDoesNotExist00000 (User)")
            #expect(error["errorId"]?.stringValue?.hasPrefix("oae") == true)
            #expect(error["errorCauses"]?.arrayValue == [])
            let org = try await client.get("/api/v1/org")
            #expect(org.status == 200)
            #expect(try org.json()["subdomain"]?.stringValue == "acme")
        }
    }
}
