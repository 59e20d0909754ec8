import AsyncHTTPClient
import BatonCLI
import BatonProto
import BatonSDK
import BatonSync
import BatonTestSupport
import Foundation
import Logging
import MockConductorOne
import MockKit
import MockOkta
import NIOCore
import NIOHTTP1
import NIOPosix
import OktaConnector
import Testing

@testable import BatonDaemon

@Suite("daemon health endpoints and shutdown")
struct HealthAndShutdownTests {
    /// A port nothing listens on right now.
    static func freePort() throws -> Int {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).wait()
        let port = channel.localAddress?.port ?? 0
        try channel.close().wait()
        return port
    }

    static func get(_ url: String) async throws -> (Int, [String: String]) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 16)
        let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
        return (Int(response.status.code), json.compactMapValues { $0 as? String })
    }

    @Test func theHealthServerAnswersAndTheProbeCommandAsksIt() async throws {
        let port = try Self.freePort()
        try await DaemonModeTests.withMocks { okta, conductor, directory in
            let daemon = DaemonRun.start(
                okta: okta, conductor: conductor, directory: directory,
                extra: ["--health-check", "--health-check-port", "\(port)"])
            // The server starts once Hello is answered (up to a minute on a loaded machine).
            var live: (Int, [String: String]) = (0, [:])
            for _ in 0..<600 {
                if let answer = try? await Self.get("http://127.0.0.1:\(port)/live") {
                    live = answer
                    break
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(live.0 == 200 && live.1["status"] == "alive")
            #expect(live.1["timestamp"]?.hasSuffix("Z") == true)
            let ready = try await Self.get("http://127.0.0.1:\(port)/ready")
            #expect(ready.0 == 200 && ready.1["status"] == "ready")
            let health = try await Self.get("http://127.0.0.1:\(port)/health")
            #expect(health.0 == 200 && health.1["status"] == "healthy")

            let probe = CapturedText()
            let status = await ConnectorCommand.run(
                DaemonRun.definition,
                arguments: ["health-check", "--endpoint", "ready", "--health-check-port", "\(port)"],
                environment: [:], stdout: probe.output, stderr: probe.output)
            #expect(status == 0)
            #expect(probe.text == "http://127.0.0.1:\(port)/ready: 200 ready\n")
            #expect(await daemon.stop() == 0, "\(daemon.stderr.text)")

            // Stopped: the probe fails with one line.
            let down = CapturedText()
            let failed = await ConnectorCommand.run(
                DaemonRun.definition, arguments: ["health-check", "--health-check-port", "\(port)", "--timeout", "2"],
                environment: [:], stdout: down.output, stderr: down.output)
            #expect(failed == 1)
            #expect(down.text.hasPrefix("baton-okta: http://127.0.0.1:\(port)/health: no answer"))
            #expect(down.text.filter { $0 == "\n" }.count == 1)
        }
    }

    @Test func anUnhealthyConnectorAnswers503WithTheReason() async throws {
        let server = try await HealthCheckServer.start(
            host: "127.0.0.1", port: 0, logger: .init(label: "test"),
            validate: { throw BatonError(.unauthenticated, "okta: 401 invalid token") }, isReady: { false })
        let health = try await Self.get("http://127.0.0.1:\(server.port)/health")
        #expect(health.0 == 503)
        #expect(health.1["status"] == "unhealthy")
        #expect(health.1["details"] == nil)  // a nested object, checked below
        let ready = try await Self.get("http://127.0.0.1:\(server.port)/ready")
        #expect(ready.0 == 503 && ready.1["status"] == "not_ready")
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/health"), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 16)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
        let details = try #require(json["details"] as? [String: String])
        #expect(details == ["error": "connector validation failed", "validation_error": "okta: 401 invalid token"])
        await server.stop()
    }

    @Test func aStoppedDaemonHandsItsSyncBackAndTheNextOneResumesIt() async throws {
        try await DaemonModeTests.withMocks(okta: MockOptions(latency: .seconds(1))) {
            okta, conductor, directory in
            var task = C1_Connectorapi_Baton_V1_Task()
            task.id = "2BbZ3a4c5d6e7f8g9h0i1j2k3lM"
            task.syncFull = .init()
            _ = conductor.enqueue(task)
            let first = DaemonRun.start(okta: okta, conductor: conductor, directory: directory)
            // Wait until the sync has saved work (its working file exists), then stop as SIGTERM would.
            let working = Syncer.workingPath(for: directory.path("baton-sync-\(task.id).c1z"))
            for _ in 0..<300 where !FileManager.default.fileExists(atPath: working) {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(FileManager.default.fileExists(atPath: working))
            #expect(await first.stop() == 0, "\(first.stderr.text)")
            let handedBack = try await conductor.waitForResults(count: 1, timeout: .seconds(60))
            #expect(handedBack[0].statusCode == 1 && !handedBack[0].nonRetryable)
            #expect(
                handedBack[0].statusMessage == "the daemon is stopping; the sync is saved and resumes on the next run")
            #expect(conductor.snapshot().uploads.isEmpty)
            #expect(FileManager.default.fileExists(atPath: working))

            // ConductorOne gives the task out again: the next daemon resumes the saved sync and finishes it.
            _ = conductor.enqueue(task)
            let second = DaemonRun.start(okta: okta, conductor: conductor, directory: directory)
            let results = try await conductor.waitForResults(count: 2, timeout: .seconds(120))
            #expect(await second.stop() == 0, "\(second.stderr.text)")
            #expect(results[1].succeeded, "\(results[1].statusMessage)")
            let upload = try #require(conductor.snapshot().uploads.first)
            let oneShot = try await DaemonRun.oneShotSync(okta)
            let uploaded = try C1ZSnapshot.load(upload.path)
            #expect(uploaded.differences(from: oneShot).isEmpty, "\(uploaded.differences(from: oneShot))")
            #expect(!FileManager.default.fileExists(atPath: working))
        }
    }
}
