import BatonSDK
import BatonTestSupport
import Foundation
import MockKit
import MockOkta
import OktaConnector
import Testing

/// Full syncs against the in-process mock, compared with the mock's ground truth.
@Suite("baton-okta sync")
struct OktaSyncTests {
    @Test func fullSyncHoldsExactlyTheTruth() async throws {
        // A small page cap makes every list take several pages.
        try await OktaHarness.withMock(size: .small, options: MockOptions(pageCap: 7)) { server in
            let truth = try await OktaHarness.truth(server)
            let snapshot = try await OktaHarness.sync(try OktaHarness.connector(server))
            let expected = truth.expected()
            snapshot.expectKeys(expected)
            #expect(snapshot.resourceTypes.keys.sorted() == ["app", "group", "role", "user"])
            // One entitlement per group, role and app.
            #expect(snapshot.entitlements.count == truth.groups.count + truth.roles.count + truth.apps.count)
            // The tenant has what makes the comparison meaningful.
            #expect(truth.roles.contains { !$0.groups.isEmpty })
            #expect(truth.users.contains { $0.status == "DEPROVISIONED" })
        }
    }

    /// Okta documents the next link of its IAM lists in the body (`_links.next.href`); a server may send it there
    /// only, or only as `Link` headers. Either way every admin's role grants must be synced.
    @Test(arguments: [OktaMockConfiguration.IAMNextLinks.bodyOnly, .headerOnly])
    func roleHoldersFollowBodyOrHeaderNextLinks(_ links: OktaMockConfiguration.IAMNextLinks) async throws {
        try await OktaHarness.withMock(size: .small, options: MockOptions(pageCap: 7), iamNextLinks: links) {
            server in
            let truth = try await OktaHarness.truth(server)
            // More admins than one capped page holds, so the role holders take several pages.
            #expect(Set(truth.roles.flatMap(\.users)).count > 7)
            let snapshot = try await OktaHarness.sync(try OktaHarness.connector(server))
            let expected = truth.expected()
            snapshot.expectKeys(expected)
            let roleGrants = expected.grants.filter { $0.hasPrefix("role:") && $0.contains(":assigned:user:") }
            #expect(roleGrants.isSubset(of: Set(snapshot.grants.keys)))
        }
    }

    @Test func groupHeldRolesAreShallowExpandableAndExpanded() async throws {
        try await OktaHarness.withMock(size: .small) { server in
            let truth = try await OktaHarness.truth(server)
            let snapshot = try await OktaHarness.sync(try OktaHarness.connector(server))
            let grants = try snapshot.decodedGrants()
            let role = try #require(
                truth.roles.first { role in
                    role.groups.contains { truth.group($0)?.members.isEmpty == false }
                })
            let groupID = try #require(role.groups.first { truth.group($0)?.members.isEmpty == false })
            let groupGrant = try #require(grants["role:\(role.type):assigned:group:\(groupID)"])
            let expandable = try #require(groupGrant.annotations.pick(C1_Connector_V2_GrantExpandable.self))
            #expect(expandable.entitlementIds == ["group:\(groupID):member"])
            #expect(expandable.shallow)
            let member = try #require(truth.group(groupID)?.members.first)
            let derived = try #require(grants["role:\(role.type):assigned:user:\(member)"])
            #expect(derived.sources.sources.keys.contains("group:\(groupID):member"))
        }
    }

    @Test func usersCarryTheirOktaDetails() async throws {
        try await OktaHarness.withMock { server in
            let truth = try await OktaHarness.truth(server)
            let snapshot = try await OktaHarness.sync(try OktaHarness.connector(server))
            for user in truth.users {
                let data = try #require(snapshot.resources["user:\(user.id)"])
                let resource = try Resource(serializedBytes: data)
                let trait = try #require(resource.annotations.pick(C1_Connector_V2_UserTrait.self))
                let expectedStatus: C1_Connector_V2_UserTrait.Status.Status =
                    switch user.status {
                    case "ACTIVE", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT": .enabled
                    case "STAGED", "SUSPENDED", "DEPROVISIONED": .disabled
                    default: .unspecified
                    }
                #expect(trait.status.status == expectedStatus, "\(user.id) \(user.status)")
                #expect(trait.emails.first { $0.isPrimary }?.address == user.email)
                #expect(trait.emails.contains { $0.address == user.secondEmail } == (user.secondEmail != nil))
                #expect(trait.login == (user.login ?? ""))
                #expect(resource.profile.fields["c1_okta_raw_user_status"]?.stringValue == user.status)
            }
        }
    }

    @Test func emailDomainFilterKeepsOnlyMatchingUsersEverywhere() async throws {
        try await OktaHarness.withMock(size: .small) { server in
            let truth = try await OktaHarness.truth(server)
            let domains = ["ACME.example"]
            let expected = truth.expected(emailDomains: domains)
            // Someone is filtered out, and someone stays.
            #expect(expected.resources.filter { $0.hasPrefix("user:") }.count < truth.users.count)
            #expect(expected.resources.contains { $0.hasPrefix("user:") })
            let snapshot = try await OktaHarness.sync(
                try OktaHarness.connector(server) { $0.filterEmailDomains = domains })
            snapshot.expectKeys(expected)
        }
    }

    @Test func skipAppGroupsAndActiveAppsOnly() async throws {
        try await OktaHarness.withMock(size: .small) { server in
            let truth = try await OktaHarness.truth(server)
            #expect(truth.groups.contains { $0.type == "APP_GROUP" })
            #expect(truth.apps.contains { $0.status != "ACTIVE" })
            let snapshot = try await OktaHarness.sync(
                try OktaHarness.connector(server) {
                    $0.skipAppGroups = true
                    $0.syncInactiveApps = false
                })
            snapshot.expectKeys(truth.expected(skipAppGroups: true, syncInactiveApps: false))
        }
    }

    @Test func skipSecondaryEmailsDropsThem() async throws {
        try await OktaHarness.withMock { server in
            let truth = try await OktaHarness.truth(server)
            let user = try #require(truth.users.first { $0.secondEmail != nil })
            let snapshot = try await OktaHarness.sync(
                try OktaHarness.connector(server) { $0.skipSecondaryEmails = true })
            let resource = try Resource(serializedBytes: try #require(snapshot.resources["user:\(user.id)"]))
            let trait = try #require(resource.annotations.pick(C1_Connector_V2_UserTrait.self))
            #expect(trait.emails.map(\.address) == [user.email].compactMap { $0 })
            #expect(resource.profile.fields["secondEmail"] == nil)
        }
    }
}
