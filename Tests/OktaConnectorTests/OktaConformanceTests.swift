import BatonTestSupport
import MockKit
import MockOkta
import MockTestSupport
import OktaConnector
import Testing

/// baton-okta against a small Okta mock, for the shared conformance checks.
struct OktaSubject: ConformanceSubject {
    func withService<Result: Sendable>(_ condition: ServiceCondition, _ body: (String) async throws -> Result)
        async throws -> Result
    {
        try await MockServer.withRunning(OktaMock(configuration: OktaMockConfiguration(size: .small)), condition, body)
    }

    func connector(baseURL: String) throws -> OktaConnector {
        try OktaConnector(
            settings: OktaSettings(domain: baseURL, authentication: .apiToken(OktaMock.defaultAPIToken)),
            http: OktaHarness.http())
    }

    func expected(baseURL: String) async throws -> ConformanceExpectation {
        ConformanceExpectation(try await ConnectorHarness.truth(baseURL, as: OktaTruth.self).expected())
    }
}

@Suite("baton-okta conformance")
struct OktaConformanceTests {
    @Test func conformance() async throws { try await ConnectorConformance.all(OktaSubject()) }
}
