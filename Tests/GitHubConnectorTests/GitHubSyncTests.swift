import BatonSDK
import BatonTestSupport
import Foundation
import GitHubConnector
import MockGitHub
import MockKit
import Testing

/// Full syncs against the in-process mock, compared with the mock's ground truth.
@Suite("baton-github sync")
struct GitHubSyncTests {
    @Test func fullSyncHoldsExactlyTheTruth() async throws {
        // A small page cap makes every list take several pages.
        try await GitHubHarness.withMock(.init(size: .small), options: MockOptions(pageCap: 7)) { server, _ in
            let truth = try await GitHubHarness.truth(server)
            let snapshot = try await GitHubHarness.sync(try GitHubHarness.connector(server))
            snapshot.expectKeys(truth.expected())
            #expect(
                snapshot.resourceTypes.keys.sorted() == ["invitation", "org", "org_role", "repository", "team", "user"])
            // The tenant has what makes the comparison meaningful.
            let main = try #require(truth.main)
            #expect(truth.orgs.contains { $0.viewerRole == "member" })
            #expect(main.teams.contains { $0.parent != nil })
            #expect(main.repos.contains { $0.archived })
            #expect(!main.outsideCollaborators.isEmpty)
            #expect(main.roles.contains { !$0.teams.isEmpty })
            let levels = Set(main.repos.flatMap { $0.directCollaborators.map(\.permission) })
            #expect(levels == Set(GitHubTruth.levels))
        }
    }

    @Test func teamGrantsAreShallowExpandableAndExpanded() async throws {
        try await GitHubHarness.withMock(.init(size: .small)) { server, _ in
            let truth = try await GitHubHarness.truth(server)
            let main = try #require(truth.main)
            let snapshot = try await GitHubHarness.sync(try GitHubHarness.connector(server))
            let grants = try snapshot.decodedGrants()
            let (repo, access) = try #require(
                main.repos.lazy.compactMap { repo in
                    repo.teams.first { main.team($0.id).map { !$0.members.isEmpty } ?? false }.map { (repo, $0) }
                }.first)
            let teamGrant = try #require(grants["repository:\(repo.id):pull:team:\(access.id)"])
            let expandable = try #require(teamGrant.annotations.pick(C1_Connector_V2_GrantExpandable.self))
            #expect(expandable.entitlementIds == ["team:\(access.id):maintainer", "team:\(access.id):member"])
            #expect(expandable.shallow)
            let member = try #require(main.team(access.id)?.members.first)
            let derived = try #require(grants["repository:\(repo.id):pull:user:\(member)"])
            #expect(derived.sources.sources.keys.contains("team:\(access.id):member"))
        }
    }

    @Test func usersCarryTheirGitHubDetails() async throws {
        try await GitHubHarness.withMock { server, _ in
            let truth = try await GitHubHarness.truth(server)
            let main = try #require(truth.main)
            let snapshot = try await GitHubHarness.sync(try GitHubHarness.connector(server))
            for member in main.members {
                let user = try #require(truth.user(member.id))
                let resource = try Resource(serializedBytes: try #require(snapshot.resources["user:\(user.id)"]))
                let trait = try #require(resource.annotations.pick(C1_Connector_V2_UserTrait.self))
                #expect(trait.login == user.login)
                #expect(trait.emails.first { $0.isPrimary }?.address == user.email)
                #expect(resource.displayName == (user.name ?? user.login))
                #expect(trait.mfaStatus.mfaEnabled == user.twoFactor)
                #expect(resource.parentResourceID.resource == String(main.id))
            }
        }
    }

    @Test func samlIdentitiesFillMissingEmails() async throws {
        try await GitHubHarness.withMock(.init(size: .tiny, saml: true)) { server, _ in
            let truth = try await GitHubHarness.truth(server)
            let main = try #require(truth.main)
            let snapshot = try await GitHubHarness.sync(try GitHubHarness.connector(server))
            let user = try #require(
                main.members.lazy.compactMap { truth.user($0.id) }.first { $0.email == nil && $0.samlNameID != nil })
            let resource = try Resource(serializedBytes: try #require(snapshot.resources["user:\(user.id)"]))
            let trait = try #require(resource.annotations.pick(C1_Connector_V2_UserTrait.self))
            #expect(trait.emails.first { $0.isPrimary }?.address == user.samlNameID)
        }
    }

    @Test func omitArchivedRepositoriesLeavesThemOut() async throws {
        try await GitHubHarness.withMock(.init(size: .small)) { server, _ in
            let truth = try await GitHubHarness.truth(server)
            let snapshot = try await GitHubHarness.sync(
                try GitHubHarness.connector(server) { $0.omitArchivedRepositories = true })
            snapshot.expectKeys(truth.expected(omitArchived: true))
        }
    }

    @Test func aUserDeletedBetweenPagesIsAWarningNotAFailure() async throws {
        try await GitHubHarness.withMock { server, mock in
            let truth = try await GitHubHarness.truth(server)
            let main = try #require(truth.main)
            let last = try #require(main.members.last)
            let gone = try #require(truth.user(last.id))
            #expect(mock.vanishUser(login: gone.login))
            let snapshot = try await GitHubHarness.sync(try GitHubHarness.connector(server))
            snapshot.expectKeys(truth.expected())
            let resource = try Resource(serializedBytes: try #require(snapshot.resources["user:\(gone.id)"]))
            // The list's summary has no name, so the login stands in.
            #expect(resource.displayName == gone.login)
        }
    }

    @Test(arguments: GitHubRateLimitStyle.allCases)
    func faultsAndRateLimitsDoNotChangeTheResult(style: GitHubRateLimitStyle) async throws {
        let (clean, port) = try await GitHubHarness.withMock(.init(size: .small)) { server, _ in
            (try await GitHubHarness.sync(try GitHubHarness.connector(server)), server.port)
        }
        // The same port again: external links embed the server's address.
        var options = MockOptions(port: port, faultRate: 0.1, rateLimit: RateLimit(count: 60, windowSeconds: 1))
        options.seed = 42
        let faulty = try await GitHubHarness.withMock(.init(size: .small, rateLimitStyle: style), options: options) {
            server, _ in
            try await GitHubHarness.sync(try GitHubHarness.connector(server))
        }
        #expect(faulty == clean, "\(faulty.differences(from: clean))")
    }
}
