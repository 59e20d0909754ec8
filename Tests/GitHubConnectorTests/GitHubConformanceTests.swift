import BatonTestSupport
import GitHubConnector
import MockGitHub
import MockKit
import MockTestSupport
import Testing

/// baton-github against a small GitHub mock, for the shared conformance checks.
struct GitHubSubject: ConformanceSubject {
    func withService<Result: Sendable>(_ condition: ServiceCondition, _ body: (String) async throws -> Result)
        async throws -> Result
    {
        try await MockServer.withRunning(
            GitHubMock(configuration: GitHubMockConfiguration(size: .small)), condition, body)
    }

    func connector(baseURL: String) throws -> GitHubConnector {
        try GitHubConnector(
            settings: GitHubSettings(authentication: .token(GitHubMock.defaultToken), instanceURL: baseURL),
            http: GitHubHarness.http())
    }

    func expected(baseURL: String) async throws -> ConformanceExpectation {
        ConformanceExpectation(try await ConnectorHarness.truth(baseURL, as: GitHubTruth.self).expected())
    }
}

@Suite("baton-github conformance")
struct GitHubConformanceTests {
    // Faults and rate limits: GitHubSyncTests checks them per rate-limit style; provisioning: GitHubProvisioningTests
    // (the generic round trip would revoke the token owner's own org membership).
    @Test func conformance() async throws {
        let subject = GitHubSubject()
        try await ConnectorConformance.syncEqualsTruth(subject)
        try await ConnectorConformance.grantsReferToSyncedObjects(subject)
        try await ConnectorConformance.idsFollowReferenceFormats(subject)
        try await ConnectorConformance.pageTokensEnd(subject)
        try await ConnectorConformance.twoSyncsAreIdentical(subject)
    }
}
