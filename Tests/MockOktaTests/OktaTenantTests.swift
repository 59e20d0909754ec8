import Foundation
import MockKit
import MockOkta
import MockTestSupport
import NIOCore
import NIOHTTP1
import Testing

@Suite("Okta mock: generated tenants")
struct OktaTenantTests {
    static func truth(_ mock: OktaMock) throws -> JSONValue {
        var buffer = mock.truth()
        return try JSONValue(parsing: buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    static func truthHash(_ mock: OktaMock) -> String {
        var buffer = mock.truth()
        return sha256Hex(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    @Test("the same seed and size give the same tenant; another seed gives another")
    func deterministic() {
        let first = Self.truthHash(OktaMock(size: .small, seed: 21))
        #expect(first == Self.truthHash(OktaMock(size: .small, seed: 21)))
        #expect(first != Self.truthHash(OktaMock(size: .small, seed: 22)))
        #expect(first != Self.truthHash(OktaMock(size: .tiny, seed: 21)))
    }

    @Test("the truth endpoint serves the same document as the generated tenant")
    func truthEndpoint() async throws {
        let mock = OktaMock(size: .tiny, seed: 8)
        let expected = Self.truthHash(OktaMock(size: .tiny, seed: 8))
        try await MockServer.withRunning(mock) { server in
            let body = try await OktaTestClient(baseURL: server.baseURL).get("/__mock/truth").body
            #expect(sha256Hex(body) == expected)
        }
    }

    @Test("sizes are as documented", arguments: [TenantSize.tiny, .small])
    func sizes(size: TenantSize) throws {
        let counts = size.counts
        let truth = try Self.truth(OktaMock(size: size, seed: 5))
        #expect(truth["counts"]?["users"]?.intValue == counts.users)
        #expect(truth["users"]?.arrayValue?.count == counts.users)
        #expect(truth["counts"]?["groups"]?.intValue == counts.groups + 1, "plus Everyone")
        #expect(truth["counts"]?["apps"]?.intValue == counts.apps)
        let memberships = try #require(truth["counts"]?["memberships"]?.intValue)
        #expect(abs(memberships - counts.memberships) <= counts.memberships / 10 + 2)
        let assignments = try #require(truth["counts"]?["appUserAssignments"]?.intValue)
        #expect(abs(assignments - counts.appAssignments) <= counts.appAssignments / 10 + 3)
        let admins = Set(truth["roles"]?.arrayValue?.flatMap { $0["users"]?.strings ?? [] } ?? [])
        #expect(admins.count == counts.admins)
    }

    @Test("even the tiny tenant shows every status and every kind of user, group and app")
    func variety() throws {
        let truth = try Self.truth(OktaMock(size: .tiny, seed: 1))
        let users = truth["users"]?.arrayValue ?? []
        #expect(
            Set(users.compactMap { $0["status"]?.stringValue }) == [
                "ACTIVE", "STAGED", "PROVISIONED", "SUSPENDED", "DEPROVISIONED", "LOCKED_OUT", "PASSWORD_EXPIRED",
                "RECOVERY",
            ])
        #expect(users.contains { $0["email"]?.isNull == true && !($0["login"]?.stringValue?.contains("@") ?? true) })
        #expect(users.contains { $0["userType"]?.stringValue == "Service" })
        #expect(users.contains { $0["secondEmail"]?.stringValue != nil })
        #expect(users.contains { $0["displayName"]?.isNull == true })
        #expect(
            users.contains { ($0["firstName"]?.stringValue ?? "").unicodeScalars.contains { !$0.isASCII } }
                || users.contains { ($0["lastName"]?.stringValue ?? "").unicodeScalars.contains { !$0.isASCII } })
        let groups = truth["groups"]?.arrayValue ?? []
        #expect(Set(groups.compactMap { $0["type"]?.stringValue }) == ["BUILT_IN", "OKTA_GROUP", "APP_GROUP"])
        #expect(groups.contains { $0["members"]?.arrayValue?.isEmpty == true })
        #expect(groups.first?["members"]?.strings == users.ids, "Everyone holds every user")
        let apps = truth["apps"]?.arrayValue ?? []
        #expect(Set(apps.compactMap { $0["status"]?.stringValue }) == ["ACTIVE", "INACTIVE"])
        #expect(apps.contains { !($0["groups"]?.strings.isEmpty ?? true) })
        let roles = truth["roles"]?.arrayValue ?? []
        #expect(roles.contains { $0["type"]?.stringValue == "SUPER_ADMIN" && $0["users"]?.strings.count == 1 })
        #expect(roles.contains { !($0["groups"]?.strings.isEmpty ?? true) })
    }

    @Test("a mid-size custom tenant keeps ids unique and members within range")
    func customSize() throws {
        let size = try #require(
            TenantSize(parsing: "users=2000,groups=200,memberships=12000,apps=30,appAssignments=1000,admins=20"))
        let truth = try Self.truth(OktaMock(size: size, seed: 9))
        let userIDs = truth["users"]?.ids ?? []
        #expect(Set(userIDs).count == 2000)
        #expect(userIDs.allSatisfy { $0.count == 20 && $0.hasPrefix("00u") })
        let logins = truth["users"]?.arrayValue?.compactMap { $0["login"]?.stringValue?.lowercased() } ?? []
        #expect(Set(logins).count == logins.count)
        let known = Set(userIDs)
        for group in truth["groups"]?.arrayValue ?? [] {
            let members = group["members"]?.strings ?? []
            #expect(Set(members).count == members.count)
            #expect(members.allSatisfy(known.contains))
        }
        let memberships = try #require(truth["counts"]?["memberships"]?.intValue)
        #expect(abs(memberships - 12_000) <= 1200)
    }
}
