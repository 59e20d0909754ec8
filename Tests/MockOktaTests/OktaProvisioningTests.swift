import Foundation
import MockKit
import MockOkta
import MockTestSupport
import NIOHTTP1
import Testing

@Suite("Okta mock: provisioning changes the tenant")
struct OktaProvisioningTests {
    static func members(_ truth: JSONValue, group: String) -> [String] {
        truth["groups"]?.arrayValue?.first { $0["id"]?.stringValue == group }?["members"]?.strings ?? []
    }

    @Test("group membership PUT/DELETE is idempotent and shows in the truth and the stats")
    func membership() async throws {
        try await MockServer.withRunning(OktaMock(size: .tiny)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let truth = try await client.truth()
            let groups = truth["groups"]?.arrayValue ?? []
            let userCount = truth["users"]?.arrayValue?.count ?? 0
            let group = try #require(
                groups.first {
                    $0["type"]?.stringValue == "OKTA_GROUP" && ($0["members"]?.arrayValue?.count ?? 0) < userCount
                }?["id"]?.stringValue)
            let before = Self.members(truth, group: group)
            let outsider = try #require(truth["users"]?.ids.first { !before.contains($0) })

            for _ in 0..<2 {
                #expect(try await client.send(.PUT, "/api/v1/groups/\(group)/users/\(outsider)").status == 204)
            }
            let added = try await client.truth()
            #expect(
                Self.members(added, group: group)
                    == (before + [outsider]).sorted { a, b in
                        (added["users"]?.ids.firstIndex(of: a) ?? 0) < (added["users"]?.ids.firstIndex(of: b) ?? 0)
                    })
            let stats = try await client.get("/api/v1/groups/\(group)?expand=stats").json()
            #expect(stats["_embedded"]?["stats"]?["usersCount"]?.intValue == before.count + 1)

            for _ in 0..<2 {
                #expect(try await client.send(.DELETE, "/api/v1/groups/\(group)/users/\(outsider)").status == 204)
            }
            #expect(Self.members(try await client.truth(), group: group) == before)

            let everyone = try #require(groups.first { $0["type"]?.stringValue == "BUILT_IN" }?["id"]?.stringValue)
            let refused = try await client.send(.DELETE, "/api/v1/groups/\(everyone)/users/\(outsider)")
            #expect(refused.status == 403)
            #expect(try refused.json()["errorCode"]?.stringValue == "E0000006")
            let unknown = try await client.send(.PUT, "/api/v1/groups/\(group)/users/00uNobody")
            #expect(unknown.status == 404)
        }
    }

    @Test("admin roles for users: POST assigns (409 E0000090 when held), DELETE by assignment id revokes")
    func roles() async throws {
        try await MockServer.withRunning(OktaMock(size: .tiny)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let truth = try await client.truth()
            let holders = Set(truth["roles"]?.arrayValue?.flatMap { $0["users"]?.strings ?? [] } ?? [])
            let user = try #require(
                truth["users"]?.arrayValue?.first {
                    !holders.contains($0["id"]?.stringValue ?? "") && $0["status"]?.stringValue != "DEPROVISIONED"
                }?["id"]?.stringValue)

            let assigned = try await client.send(.POST, "/api/v1/users/\(user)/roles", json: #"{"type":"ORG_ADMIN"}"#)
            #expect(assigned.status == 201)
            let assignment = try assigned.json()
            #expect(assignment["type"]?.stringValue == "ORG_ADMIN")
            #expect(assignment["assignmentType"]?.stringValue == "USER")
            let roleID = try #require(assignment["id"]?.stringValue)
            let orgAdmins = try await client.truth()["roles"]?.arrayValue?.first {
                $0["type"]?.stringValue == "ORG_ADMIN"
            }
            #expect(orgAdmins?["users"]?.strings.contains(user) == true)

            let duplicate = try await client.send(.POST, "/api/v1/users/\(user)/roles", json: #"{"type":"ORG_ADMIN"}"#)
            #expect(duplicate.status == 409)
            #expect(try duplicate.json()["errorCode"]?.stringValue == "E0000090")
            let invalid = try await client.send(.POST, "/api/v1/users/\(user)/roles", json: #"{"type":"EMPEROR"}"#)
            #expect(invalid.status == 400)

            let assignees = try await client.get("/api/v1/iam/assignees/users").json()["value"]?.ids ?? []
            #expect(assignees.contains(user))
            #expect(try await client.send(.DELETE, "/api/v1/users/\(user)/roles/\(roleID)").status == 204)
            #expect(try await client.send(.DELETE, "/api/v1/users/\(user)/roles/\(roleID)").status == 404)
            let after = try await client.truth()["roles"]?.arrayValue?.first { $0["type"]?.stringValue == "ORG_ADMIN" }
            #expect(after?["users"]?.strings.contains(user) == false)
            let remaining = try await client.get("/api/v1/users/\(user)/roles").json().arrayValue ?? []
            #expect(!remaining.contains { $0["assignmentType"]?.stringValue == "USER" })
        }
    }

    /// An OKTA_GROUP that holds no admin role.
    static func groupWithoutRoles(_ truth: JSONValue) -> String? {
        let roleGroups = Set(truth["roles"]?.arrayValue?.flatMap { $0["groups"]?.strings ?? [] } ?? [])
        let groups = truth["groups"]?.arrayValue ?? []
        let candidates = groups.filter { $0["type"]?.stringValue == "OKTA_GROUP" }.ids
        return candidates.first { !roleGroups.contains($0) }
    }

    /// The groups holding a role type, per the truth.
    static func holders(of type: String, in truth: JSONValue) -> [String] {
        truth["roles"]?.arrayValue?.first { $0["type"]?.stringValue == type }?["groups"]?.strings ?? []
    }

    @Test("admin roles for groups: POST assigns with assignmentType GROUP, DELETE revokes")
    func groupRoles() async throws {
        try await MockServer.withRunning(OktaMock(size: .tiny)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let group = try #require(Self.groupWithoutRoles(try await client.truth()))
            let assigned = try await client.send(
                .POST, "/api/v1/groups/\(group)/roles", json: #"{"type":"REPORT_ADMIN"}"#)
            #expect(assigned.status == 201)
            let assignment = try assigned.json()
            #expect(assignment["assignmentType"]?.stringValue == "GROUP")
            #expect(Self.holders(of: "REPORT_ADMIN", in: try await client.truth()).contains(group))
            let roleID = try #require(assignment["id"]?.stringValue)
            #expect(try await client.send(.DELETE, "/api/v1/groups/\(group)/roles/\(roleID)").status == 204)
            #expect(!Self.holders(of: "REPORT_ADMIN", in: try await client.truth()).contains(group))
        }
    }

    @Test("app assignments: users and groups are assigned, looked up and removed")
    func appAssignments() async throws {
        try await MockServer.withRunning(OktaMock(size: .tiny)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let truth = try await client.truth()
            let app = try #require(truth["apps"]?.arrayValue?.last)
            let appID = try #require(app["id"]?.stringValue)
            let listed = Set(app["users"]?.strings ?? [])
            let user = try #require(truth["users"]?.ids.first { !listed.contains($0) })

            let missing = try await client.get("/api/v1/apps/\(appID)/users/\(user)")
            #expect(missing.status == 404)
            #expect(try missing.json()["errorCode"]?.stringValue == "E0000007")
            let assigned = try await client.send(
                .POST, "/api/v1/apps/\(appID)/users",
                json: #"{"id":"\#(user)","scope":"USER","credentials":{"userName":"someone@acme.example"}}"#)
            #expect(assigned.status == 200)
            #expect(try assigned.json()["credentials"]?["userName"]?.stringValue == "someone@acme.example")
            let found = try await client.get("/api/v1/apps/\(appID)/users/\(user)")
            #expect(try found.json()["scope"]?.stringValue == "USER")
            var appTruth = try await client.truth()["apps"]?.arrayValue?.first { $0["id"]?.stringValue == appID }
            #expect(appTruth?["directUsers"]?.strings.contains(user) == true)
            #expect(appTruth?["users"]?.strings.contains(user) == true)
            #expect(try await client.send(.DELETE, "/api/v1/apps/\(appID)/users/\(user)").status == 204)
            #expect(try await client.get("/api/v1/apps/\(appID)/users/\(user)").status == 404)

            let assignedGroups = Set(app["groups"]?.strings ?? [])
            let group = try #require(
                truth["groups"]?.arrayValue?.first {
                    !assignedGroups.contains($0["id"]?.stringValue ?? "") && !($0["members"]?.strings.isEmpty ?? true)
                })
            let groupID = try #require(group["id"]?.stringValue)
            #expect(try await client.get("/api/v1/apps/\(appID)/groups/\(groupID)").status == 404)
            let put = try await client.send(.PUT, "/api/v1/apps/\(appID)/groups/\(groupID)", json: "{}")
            #expect(put.status == 200)
            #expect(try put.json()["id"]?.stringValue == groupID)
            appTruth = try await client.truth()["apps"]?.arrayValue?.first { $0["id"]?.stringValue == appID }
            #expect(appTruth?["groups"]?.strings.contains(groupID) == true)
            let member = try #require(group["members"]?.strings.first)
            #expect(appTruth?["users"]?.strings.contains(member) == true)
            let viaGroup = try await client.get("/api/v1/apps/\(appID)/users/\(member)").json()
            if !(app["directUsers"]?.strings.contains(member) ?? false) {
                #expect(viaGroup["scope"]?.stringValue == "GROUP")
            }
            #expect(try await client.send(.DELETE, "/api/v1/apps/\(appID)/groups/\(groupID)").status == 204)
            appTruth = try await client.truth()["apps"]?.arrayValue?.first { $0["id"]?.stringValue == appID }
            #expect(appTruth?["groups"]?.strings.contains(groupID) == false)
        }
    }

    @Test("user creation, duplicate logins, lifecycle, and delete as deactivate-then-delete")
    func userLifecycle() async throws {
        try await MockServer.withRunning(OktaMock(size: .tiny)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let profile =
                #"{"profile":{"firstName":"Ada","lastName":"Byron","email":"ada@acme.example","#
                + #""login":"ada@acme.example","costCenter":"R&D"}}"#
            let created = try await client.send(.POST, "/api/v1/users?activate=false", json: profile)
            #expect(created.status == 200)
            let user = try created.json()
            #expect(user["status"]?.stringValue == "STAGED")
            #expect(user["profile"]?["costCenter"]?.stringValue == "R&D")
            let id = try #require(user["id"]?.stringValue)
            var truth = try await client.truth()
            #expect(truth["users"]?.ids.contains(id) == true)
            let everyone = truth["groups"]?.arrayValue?.first { $0["type"]?.stringValue == "BUILT_IN" }
            #expect(everyone?["members"]?.strings.contains(id) == true)

            let duplicate = try await client.send(.POST, "/api/v1/users", json: profile)
            #expect(duplicate.status == 400)
            let error = try duplicate.json()
            #expect(error["errorCode"]?.stringValue == "E0000001")
            #expect(error["errorCauses"]?.arrayValue?.first?["errorSummary"]?.stringValue?.hasPrefix("login: ") == true)
            #expect(
                error["errorCauses"]?.arrayValue?.first?["errorSummary"]?.stringValue?.contains("already exists")
                    == true)
            let incomplete = try await client.send(.POST, "/api/v1/users", json: #"{"profile":{"login":"x@y.z"}}"#)
            #expect(incomplete.status == 400)

            let activated = try await client.send(.POST, "/api/v1/users/\(id)/lifecycle/activate?sendEmail=false")
            #expect(activated.status == 200)
            #expect(try activated.json()["activationToken"]?.stringValue != nil)
            #expect(try await client.get("/api/v1/users/\(id)").json()["status"]?.stringValue == "PROVISIONED")
            #expect(try await client.send(.POST, "/api/v1/users/\(id)/lifecycle/suspend").status == 400)

            let updated = try await client.send(
                .POST, "/api/v1/users/\(id)", json: #"{"profile":{"displayName":"Countess"}}"#)
            #expect(try updated.json()["profile"]?["displayName"]?.stringValue == "Countess")
            #expect(try updated.json()["profile"]?["firstName"]?.stringValue == "Ada")

            #expect(try await client.send(.DELETE, "/api/v1/users/\(id)").status == 204)
            #expect(try await client.get("/api/v1/users/\(id)").json()["status"]?.stringValue == "DEPROVISIONED")
            #expect(try await client.send(.DELETE, "/api/v1/users/\(id)").status == 204)
            let gone = try await client.get("/api/v1/users/\(id)")
            #expect(gone.status == 404)
            #expect(try gone.json()["errorCode"]?.stringValue == "E0000007")
            truth = try await client.truth()
            #expect(truth["users"]?.ids.contains(id) == false)
            #expect(truth["groups"]?.arrayValue?.contains { $0["members"]?.strings.contains(id) ?? false } == false)
            // Login is free again once the user is deleted.
            #expect(try await client.send(.POST, "/api/v1/users", json: profile).status == 200)
        }
    }

    @Test("suspend and unsuspend follow Okta's status rules")
    func suspend() async throws {
        try await MockServer.withRunning(OktaMock(size: .tiny)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let active = try #require(
                try await client.truth()["users"]?.arrayValue?.first {
                    $0["status"]?.stringValue == "ACTIVE"
                }?["id"]?.stringValue)
            #expect(try await client.send(.POST, "/api/v1/users/\(active)/lifecycle/suspend").status == 200)
            #expect(try await client.get("/api/v1/users/\(active)").json()["status"]?.stringValue == "SUSPENDED")
            #expect(try await client.send(.POST, "/api/v1/users/\(active)/lifecycle/suspend").status == 400)
            #expect(try await client.send(.POST, "/api/v1/users/\(active)/lifecycle/unsuspend").status == 200)
            #expect(try await client.get("/api/v1/users/\(active)").json()["status"]?.stringValue == "ACTIVE")
            #expect(try await client.send(.POST, "/api/v1/users/\(active)/lifecycle/activate").status == 403)
        }
    }

    @Test("groups can be created, renamed and deleted; deleting removes their app assignments")
    func groupCrud() async throws {
        try await MockServer.withRunning(OktaMock(size: .tiny)) { server in
            let client = OktaTestClient(baseURL: server.baseURL)
            let created = try await client.send(
                .POST, "/api/v1/groups", json: #"{"profile":{"name":"Auditors","description":"Read only"}}"#)
            #expect(created.status == 200)
            let id = try #require(try created.json()["id"]?.stringValue)
            #expect(try created.json()["type"]?.stringValue == "OKTA_GROUP")
            #expect(
                try await client.send(.POST, "/api/v1/groups", json: #"{"profile":{"name":"Auditors"}}"#).status == 400)
            let renamed = try await client.send(
                .PUT, "/api/v1/groups/\(id)", json: #"{"profile":{"name":"Auditeurs"}}"#)
            #expect(try renamed.json()["profile"]?["name"]?.stringValue == "Auditeurs")
            let app = try #require(try await client.truth()["apps"]?.ids.first)
            #expect(try await client.send(.PUT, "/api/v1/apps/\(app)/groups/\(id)", json: "{}").status == 200)
            #expect(try await client.send(.DELETE, "/api/v1/groups/\(id)").status == 204)
            let truth = try await client.truth()
            #expect(truth["groups"]?.ids.contains(id) == false)
            #expect(truth["apps"]?.arrayValue?.first?["groups"]?.strings.contains(id) == false)
            #expect(try await client.get("/api/v1/groups/\(id)").status == 404)
        }
    }
}
