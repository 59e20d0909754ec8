import Foundation
import MockConductorOne
import MockKit
import Testing

@Suite struct TokenTests {
    @Test func aValidAssertionGetsABearerToken() async throws {
        try await ConductorOneHarness.with { harness in
            let (status, json) = try await harness.requestToken(try harness.assertion().encoded())
            #expect(status == 200)
            #expect(json["token_type"]?.stringValue == "Bearer")
            #expect(json["expires_in"]?.intValue == 3600)
            #expect(json["access_token"]?.stringValue?.isEmpty == false)
            #expect(harness.mock.snapshot().tokensIssued == 1)
        }
    }
}
