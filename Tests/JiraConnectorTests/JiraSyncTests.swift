import BatonSDK
import BatonTestSupport
import Foundation
import JiraConnector
import MockJira
import MockKit
import Testing

/// Full syncs against the in-process mock, compared with the mock's ground truth.
@Suite("baton-jira sync")
struct JiraSyncTests {
    @Test func fullSyncHoldsExactlyTheTruth() async throws {
        try await JiraHarness.withMock(size: .small) { server in
            let truth = try await JiraHarness.truth(server)
            let snapshot = try await JiraHarness.sync(try JiraHarness.connector(server))
            snapshot.expectKeys(truth.expected())
            #expect(snapshot.resourceTypes.keys.sorted() == ["group", "project", "project-role", "user"])
            let projectRoles = truth.projects.reduce(0) { $0 + $1.roles.count }
            #expect(snapshot.entitlements.count == truth.groups.count + 2 * truth.projects.count + projectRoles)
            // The site has what makes the comparison meaningful.
            #expect(Set(truth.users.map(\.accountType)) == ["atlassian", "app", "customer"])
            #expect(truth.users.contains { !$0.active })
            #expect(truth.projects.contains { $0.roles.contains { !$0.groups.isEmpty } })
        }
    }

    @Test func aServerCappingMaxResultsAt25StillYieldsEverything() async throws {
        // The connector asks for 50; a server answering 25 at a time must not end the paging early.
        try await JiraHarness.withMock(size: .small, options: MockOptions(pageCap: 25)) { server in
            let truth = try await JiraHarness.truth(server)
            #expect(truth.users.count > 50 && truth.groups.count > 25)
            #expect(truth.groups.contains { $0.members.count > 25 })
            let snapshot = try await JiraHarness.sync(try JiraHarness.connector(server))
            snapshot.expectKeys(truth.expected())
        }
    }

    @Test func groupActorsAreExpandableToTheirMembers() async throws {
        try await JiraHarness.withMock(size: .small) { server in
            let truth = try await JiraHarness.truth(server)
            let snapshot = try await JiraHarness.sync(try JiraHarness.connector(server))
            let grants = try snapshot.decodedGrants()
            let project = try #require(
                truth.projects.first { project in
                    project.roles.contains { $0.groups.contains { truth.group($0)?.members.isEmpty == false } }
                })
            let role = try #require(
                project.roles.first { $0.groups.contains { truth.group($0)?.members.isEmpty == false } })
            let groupID = try #require(role.groups.first { truth.group($0)?.members.isEmpty == false })
            let entitlement = "project-role:\(project.id):\(role.id):assigned"
            let groupGrant = try #require(grants["\(entitlement):group:\(groupID)"])
            let expandable = try #require(groupGrant.annotations.pick(C1_Connector_V2_GrantExpandable.self))
            #expect(expandable.entitlementIds == ["group:\(groupID):member"])
            #expect(expandable.resourceTypeIds == ["user"])
            #expect(!expandable.shallow)
            let member = try #require(truth.group(groupID)?.members.first)
            let derived = try #require(grants["\(entitlement):user:\(member)"])
            #expect(derived.sources.sources.keys.contains("group:\(groupID):member"))
        }
    }

    @Test func usersCarryTheirJiraDetails() async throws {
        try await JiraHarness.withMock { server in
            let truth = try await JiraHarness.truth(server)
            let snapshot = try await JiraHarness.sync(try JiraHarness.connector(server))
            for user in truth.users {
                let resource = try Resource(serializedBytes: try #require(snapshot.resources["user:\(user.accountId)"]))
                let trait = try #require(resource.annotations.pick(C1_Connector_V2_UserTrait.self))
                #expect(trait.status.status == (user.active ? .enabled : .disabled), "\(user.accountId)")
                #expect(trait.accountType == (user.accountType == "app" ? .service : .human))
                #expect(trait.emails.first { $0.isPrimary }?.address == user.emailAddress)
                #expect(resource.displayName == user.displayName)
                #expect(resource.profile.fields["user_id"]?.stringValue == user.accountId)
            }
        }
    }

    @Test func projectKeysReallyFilterProjectsAndTheirRoles() async throws {
        try await JiraHarness.withMock(size: .small) { server in
            let truth = try await JiraHarness.truth(server)
            let keys = truth.projects.prefix(2).map { $0.key.lowercased() }
            let expected = truth.expected(projectKeys: keys)
            #expect(expected.resources.count { $0.hasPrefix("project:") } == 2)
            let snapshot = try await JiraHarness.sync(try JiraHarness.connector(server) { $0.projectKeys = keys })
            snapshot.expectKeys(expected)
        }
    }

    @Test func skipParticipantsAndCustomers() async throws {
        try await JiraHarness.withMock(size: .small) { server in
            let truth = try await JiraHarness.truth(server)
            let snapshot = try await JiraHarness.sync(
                try JiraHarness.connector(server) {
                    $0.skipProjectParticipants = true
                    $0.skipCustomerUsers = true
                })
            let expected = truth.expected(skipParticipants: true, skipCustomers: true)
            #expect(expected.resources.count { $0.hasPrefix("user:") } < truth.users.count)
            snapshot.expectKeys(expected)
            #expect(!snapshot.entitlements.keys.contains { $0.hasSuffix(":participate") })
        }
    }
}
