import AsyncHTTPClient
import BatonProto
import BatonService
import Crypto
import Foundation
import GRPCCore
import MockConductorOne
import MockKit
import Synchronization
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

    @Test func theTokenEndpointAnswersOverHTTP1Too() async throws {
        try await ConductorOneHarness.with(httpVersion: .http1Only) { harness in
            let (status, _) = try await harness.requestToken(try harness.assertion().encoded())
            #expect(status == 200)
        }
    }

    /// Each spoiled assertion is refused with 401 and a description naming what is wrong.
    @Test(arguments: [
        "bad signature", "wrong aud", "expired", "wrong alg", "alg none", "missing nonce", "short nonce", "typ",
        "wrong iss", "unknown client",
    ])
    func aMalformedAssertionIsRefused(_ spoil: String) async throws {
        try await ConductorOneHarness.with { harness in
            var assertion = harness.assertion()
            var clientID: String?
            var reason: String
            let now = Int(Date().timeIntervalSince1970)
            switch spoil {
            case "bad signature":
                assertion.signingKey = Curve25519.Signing.PrivateKey()
                reason = "signature"
            case "wrong aud":
                assertion.aud = "acme.conductor.one"
                reason = "aud"
            case "expired":
                (assertion.exp, assertion.nbf, assertion.iat) = (now - 200, now - 440, now - 320)
                reason = "expired"
            case "wrong alg":
                assertion.alg = "ES256"
                reason = "alg"
            case "alg none":
                assertion.alg = nil
                reason = "alg"
            case "missing nonce":
                assertion.nonce = nil
                reason = "nonce"
            case "short nonce":
                assertion.nonce = "abc123"
                reason = "nonce"
            case "typ":
                assertion.typ = "JWT"
                reason = "typ"
            case "wrong iss":
                assertion.iss = "someone-else@conductorone.mock/pcc"
                reason = "iss"
            default:
                clientID = "other@conductorone.mock/pcc"
                reason = "client_id"
            }
            let (status, json) = try await harness.requestToken(try assertion.encoded(), clientID: clientID)
            #expect(status == 401)
            #expect(json["error"]?.stringValue == "invalid_client")
            let description = json["error_description"]?.stringValue ?? ""
            #expect(description.contains(reason), "\(description)")
            #expect(harness.mock.snapshot().tokensIssued == 0)
            #expect(harness.mock.snapshot().tokensRefused == 1)
        }
    }

    @Test func aReusedNonceIsRefused() async throws {
        try await ConductorOneHarness.with { harness in
            let assertion = try harness.assertion().encoded()
            #expect(try await harness.requestToken(assertion).status == 200)
            let (status, json) = try await harness.requestToken(assertion)
            #expect(status == 401)
            #expect(json["error_description"]?.stringValue?.contains("nonce was used before") == true)
            // A fresh assertion (new nonce) is fine again.
            #expect(try await harness.requestToken(try harness.assertion().encoded()).status == 200)
            #expect(harness.mock.snapshot().tokensIssued == 2)
        }
    }

    @Test func callsWithoutAValidTokenAreUnauthenticated() async throws {
        // Tokens expire on a clock the test moves, so a loaded machine's pauses cannot expire one early.
        let start = Date()
        let elapsed = Mutex(0.0)
        var options = ConductorOneMockOptions(tokenTTLSeconds: 1)
        options.tokenClock = { start.addingTimeInterval(elapsed.withLock { $0 }) }
        try await ConductorOneHarness.with(options) { harness in
            let hello = ConductorOneHarness.hello()
            #expect(await rpcCode { _ = try await harness.service.hello(hello) } == .unauthenticated)
            #expect(
                await rpcCode {
                    _ = try await harness.service.hello(hello, metadata: harness.metadata("c1mock_forged"))
                }
                    == .unauthenticated)
            let token = try await harness.token()
            #expect(
                await rpcCode { _ = try await harness.service.hello(hello, metadata: harness.metadata(token)) } == nil)
            elapsed.withLock { $0 = 1.2 }
            #expect(
                await rpcCode { _ = try await harness.service.hello(hello, metadata: harness.metadata(token)) }
                    == .unauthenticated)
            #expect(harness.mock.snapshot().hellos.count == 1)
        }
    }
}
