import BatonProto
import BatonService
import Foundation
import GRPCCore
import MockConductorOne
import MockKit
import NIOSSL
import Testing

@Suite struct MockBehaviourTests {
    @Test func theStateDirectoryHoldsTheCAAndAPrivateClientEnv() async throws {
        try await ConductorOneHarness.with { harness in
            let mock = harness.mock
            let envPath = "\(harness.directory)/client.env"
            let mode = try FileManager.default.attributesOfItem(atPath: envPath)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let env = try String(contentsOfFile: envPath, encoding: .utf8)
            #expect(
                env == "BATON_CLIENT_ID=\(mock.clientID)\nBATON_CLIENT_SECRET=\(mock.clientSecret)\n"
                    + "BATON_C1_API_HOST=127.0.0.1:\(mock.port)\n")
            #expect(mock.clientID == "baton-mock@conductorone.mock/pcc")
            #expect(mock.clientSecret.hasPrefix("secret-token:conductorone.com:v1:"))
            let pem = try String(contentsOfFile: "\(harness.directory)/ca.pem", encoding: .utf8)
            #expect(pem == mock.caPEM)
            #expect(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)).count == 1)
            #expect(mock.baseURL == "https://127.0.0.1:\(mock.port)")
            #expect(mock.port > 0)
        }
    }

    @Test func unavailableFaultsHitBatonServiceButNotTheMockEndpoints() async throws {
        let options = ConductorOneMockOptions(faultRate: 1, faultKinds: [.unavailable])
        try await ConductorOneHarness.with(options) { harness in
            let token = try await harness.token()
            #expect(await rpcCode { _ = try await harness.getTask(token) } == .unavailable)
            #expect(try await harness.mockJSON("/__mock/state")["calls"]?["GetTask"]?.intValue == 1)
        }
    }

    @Test func dropFaultsResetTheCallWithoutRunningIt() async throws {
        let options = ConductorOneMockOptions(tasks: ["sync_full"], faultRate: 1, faultKinds: [.drop])
        try await ConductorOneHarness.with(options) { harness in
            let token = try await harness.token()
            let failure = await rpcFailure { _ = try await harness.getTask(token) }
            #expect(failure != nil)
            #expect(failure?.message.contains("injected fault") != true, "the status reached the client")
            #expect(harness.mock.snapshot().calls["GetTask"] == 1, "the call passed authentication")
            #expect(harness.mock.snapshot().handedOutTaskIDs.isEmpty)
        }
    }

    @Test func slowFaultsDelayTheCall() async throws {
        let options = ConductorOneMockOptions(faultRate: 1, faultKinds: [.slow], slowDelay: .milliseconds(300))
        try await ConductorOneHarness.with(options) { harness in
            let token = try await harness.token()
            let started = ContinuousClock.now
            _ = try await harness.getTask(token)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
        }
    }

    @Test func startDebuggingAnswersFalse() async throws {
        try await ConductorOneHarness.with { harness in
            let token = try await harness.token()
            let response = try await harness.service.startDebugging(.init(), metadata: harness.metadata(token))
            #expect(response.status == false)
        }
    }
}
