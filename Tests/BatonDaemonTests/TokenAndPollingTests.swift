import BatonSDK
import BatonTestSupport
import Foundation
import MockConductorOne
import MockKit
import Synchronization
import Testing

@testable import BatonDaemon

@Suite("daemon tokens and polling against the ConductorOne mock")
struct TokenAndPollingTests {
    @Test func tokensAreCachedAndRenewedTenSecondsBeforeExpiry() async throws {
        let directory = try TemporaryDirectory(prefix: "c1-token")
        var options = ConductorOneMockOptions()
        options.tokenTTLSeconds = 15
        let mock = try await ConductorOneMock.start(options, stateDirectory: directory.path("c1"))
        // The token source's clock stands still but for the test's moves (a loaded machine may take seconds between
        // two lines); the mock checks assertions on the real clock, within its skew.
        let start = Date()
        let offset = Mutex(0.0)
        let clientID = try C1ClientID(mock.clientID)
        let tokens = C1TokenSource(
            clientID: clientID, secret: try C1ClientSecret(mock.clientSecret),
            endpoint: try C1Endpoint(
                clientID: clientID, environment: ["BATON_C1_API_HOST": mock.apiHost, "SSL_CERT_FILE": mock.caPath]),
            now: { start.addingTimeInterval(offset.withLock { $0 }) })

        // Concurrent callers share one exchange.
        async let a = tokens.token()
        async let b = tokens.token()
        let (first, second) = try await (a, b)
        #expect(first.value == second.value)
        #expect(first.header.hasPrefix("Bearer "))
        #expect(await tokens.exchanges == 1)
        // 4 s later: 11 s left, more than the 10 s margin, so the same token.
        offset.withLock { $0 = 4 }
        #expect(try await tokens.token().value == first.value)
        // 6 s later: 9 s left, inside the margin: a fresh assertion, a new token.
        offset.withLock { $0 = 6 }
        let renewed = try await tokens.token()
        #expect(renewed.value != first.value)
        #expect(await tokens.exchanges == 2)
        #expect(mock.snapshot().tokensIssued == 2)
        await tokens.shutdown()
        try await mock.stop()
    }

    @Test func aServerAskingForNoPauseCannotMakeTheDaemonSpin() async throws {
        var options = ConductorOneMockOptions()
        options.pollInterval = .zero
        try await DaemonModeTests.withMocks(conductor: options) { okta, conductor, directory in
            let daemon = DaemonRun.start(okta: okta, conductor: conductor, directory: directory)
            // Start-up (token, Hello) can take a while on a loaded machine: count from the first poll.
            func polls() -> Int { conductor.snapshot().calls["GetTask", default: 0] }
            for _ in 0..<600 where polls() == 0 { try await Task.sleep(for: .milliseconds(100)) }
            let first = polls()
            try await Task.sleep(for: .seconds(2))
            let window = polls() - first
            #expect(await daemon.stop() == 0, "\(daemon.stderr.text)")
            // 2 s at the 100 ms floor is at most about 20 polls; without the floor it would be thousands.
            #expect(first >= 1 && window <= 25, "\(first) then \(window) polls")
        }
    }
}
