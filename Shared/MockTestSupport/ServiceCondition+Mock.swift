public import BatonTestSupport
public import MockKit

extension MockOptions {
    /// The options that make a kit mock behave as `condition` asks (see ``ServiceCondition``).
    public init(_ condition: ServiceCondition) {
        self.init(
            seed: condition.seed, faultRate: condition.faultRate,
            rateLimit: condition.requestsPerSecond.map { RateLimit(count: $0, windowSeconds: 1) })
    }
}

extension MockServer {
    /// Runs `service` as `condition` asks for the body, which gets the base URL: what a
    /// ``ConformanceSubject/withService(_:_:)`` of a kit mock is.
    public static func withRunning<Result: Sendable>(
        _ service: some MockService, _ condition: ServiceCondition, _ body: (String) async throws -> Result
    ) async throws -> Result {
        try await withRunning(service, options: MockOptions(condition)) { server in try await body(server.baseURL) }
    }
}
