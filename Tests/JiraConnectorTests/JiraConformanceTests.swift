import BatonTestSupport
import JiraConnector
import MockJira
import MockKit
import MockTestSupport
import Testing

/// baton-jira against a small Jira mock, for the shared conformance checks.
struct JiraSubject: ConformanceSubject {
    func withService<Result: Sendable>(_ condition: ServiceCondition, _ body: (String) async throws -> Result)
        async throws -> Result
    {
        try await MockServer.withRunning(JiraMock(size: .small), condition, body)
    }

    func connector(baseURL: String) throws -> JiraConnector {
        try JiraConnector(
            settings: JiraSettings(url: baseURL, email: JiraMock.defaultEmail, apiToken: JiraMock.defaultAPIToken),
            http: JiraHarness.http())
    }

    func expected(baseURL: String) async throws -> ConformanceExpectation {
        ConformanceExpectation(try await ConnectorHarness.truth(baseURL, as: JiraTruth.self).expected())
    }
}

@Suite("baton-jira conformance")
struct JiraConformanceTests {
    @Test func conformance() async throws { try await ConnectorConformance.all(JiraSubject()) }
}
