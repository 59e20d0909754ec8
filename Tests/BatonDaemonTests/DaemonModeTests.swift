import BatonProto
import BatonSDK
import BatonTestSupport
import Foundation
import MockConductorOne
import MockKit
import MockOkta
import OktaConnector
import Testing

/// A real daemon (the Okta connector's command line, in-process) against the ConductorOne mock and the Okta mock.
@Suite("daemon mode against the ConductorOne mock")
struct DaemonModeTests {
    static func withMocks<T: Sendable>(
        tasks: [String] = [], conductor options: ConductorOneMockOptions = ConductorOneMockOptions(),
        okta oktaOptions: MockOptions = MockOptions(),
        _ body: (MockServer, ConductorOneMock, TemporaryDirectory) async throws -> T
    ) async throws -> T {
        let directory = try TemporaryDirectory(prefix: "daemon")
        var options = options
        options.tasks = tasks
        if options.pollInterval == .milliseconds(1000) { options.pollInterval = .milliseconds(50) }
        if options.heartbeatInterval == .milliseconds(1000) { options.heartbeatInterval = .milliseconds(200) }
        let conductor = try await ConductorOneMock.start(options, stateDirectory: directory.path("c1"))
        do {
            let result = try await MockServer.withRunning(
                OktaMock(configuration: OktaMockConfiguration(size: .tiny)), options: oktaOptions
            ) { okta in try await body(okta, conductor, directory) }
            try await conductor.stop()
            return result
        } catch {
            try? await conductor.stop()
            throw error
        }
    }

    @Test func aFullSyncTaskUploadsWhatAOneShotSyncWrites() async throws {
        try await Self.withMocks(tasks: ["sync_full"]) { okta, conductor, directory in
            let daemon = DaemonRun.start(okta: okta, conductor: conductor, directory: directory)
            let results = try await conductor.waitForResults(count: 1, timeout: .seconds(120))
            #expect(await daemon.stop() == 0, "\(daemon.stderr.text)")
            let result = try #require(results.first)
            #expect(result.succeeded, "\(result.statusMessage)")
            #expect(result.taskType == "sync_full")

            let snapshot = conductor.snapshot()
            let upload = try #require(snapshot.uploads.first { $0.taskID == result.taskID })
            #expect(upload.path == conductor.uploadsDirectory + "/\(result.taskID).c1z")
            // 512 KiB chunks, the last one shorter.
            #expect(upload.chunkSizes.dropLast().allSatisfy { $0 == 512 * 1024 })
            #expect((upload.chunkSizes.last ?? 0) <= 512 * 1024 && upload.chunkSizes.reduce(0, +) == upload.size)
            #expect(snapshot.hellos.first?.hostID == "daemon-test")
            #expect(snapshot.hellos.first?.connectorMetadata.displayName.isEmpty == false)

            let uploaded = try C1ZSnapshot.load(upload.path)
            let oneShot = try await DaemonRun.oneShotSync(okta)
            #expect(uploaded.differences(from: oneShot).isEmpty, "\(uploaded.differences(from: oneShot))")
            #expect(!uploaded.grants.isEmpty)
            // The working files are gone once the task is reported.
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasPrefix("baton-sync-") }
            #expect(left.isEmpty, "\(left)")
        }
    }

    @Test func grantAndRevokeTasksChangeTheService() async throws {
        try await Self.withMocks { okta, conductor, directory in
            let before = try await DaemonRun.oneShotSync(okta)
            // An active user and an Okta-managed group without them (Everyone and imported groups are read-only).
            struct Truth: Decodable, Sendable {
                struct User: Decodable, Sendable { var id: String; var status: String }
                struct Group: Decodable, Sendable { var id: String; var type: String; var members: [String] }
                var users: [User]
                var groups: [Group]
            }
            let truth = try await ConnectorHarness.truth(okta.baseURL, as: Truth.self)
            let userID = try #require(truth.users.first { $0.status == "ACTIVE" }?.id)
            let groupID = try #require(
                truth.groups.first { $0.type == "OKTA_GROUP" && !$0.members.contains(userID) }?.id)
            let group = "group:\(groupID):member"
            let user = "user:\(userID)"

            let daemon = DaemonRun.start(okta: okta, conductor: conductor, directory: directory, extra: ["-p"])
            _ = try conductor.enqueue("grant:group:\(groupID):member:user:\(userID)")
            let granted = try await conductor.waitForResults(count: 1, timeout: .seconds(60))
            _ = try conductor.enqueue("revoke:group:\(groupID):member:user:\(userID)", "sync_full")
            let all = try await conductor.waitForResults(count: 3, timeout: .seconds(120))
            #expect(await daemon.stop() == 0, "\(daemon.stderr.text)")

            #expect(granted[0].succeeded, "\(granted[0].statusMessage)")
            #expect(
                granted[0].responseTypeURL == "type.googleapis.com/c1.connector.v2.GrantManagerServiceGrantResponse")
            let revoke = try #require(all.first { $0.taskType == "revoke" })
            #expect(revoke.succeeded, "\(revoke.statusMessage)")
            #expect(revoke.responseTypeURL == "type.googleapis.com/c1.connector.v2.GrantManagerServiceRevokeResponse")
            // After grant then revoke, the service holds what it held before.
            let sync = try #require(all.first { $0.taskType == "sync_full" })
            let upload = try #require(conductor.snapshot().uploads.first { $0.taskID == sync.taskID })
            let after = try C1ZSnapshot.load(upload.path)
            #expect(after.grants[group + ":" + user] == nil)
            #expect(after.differences(from: before).isEmpty, "\(after.differences(from: before))")
        }
    }

    @Test func withoutProvisioningAGrantTaskFailsForGood() async throws {
        try await Self.withMocks(tasks: ["grant:group:g1:member:user:u1", "unsupported"]) {
            okta, conductor, directory in
            let daemon = DaemonRun.start(okta: okta, conductor: conductor, directory: directory)
            let results = try await conductor.waitForResults(count: 2, timeout: .seconds(60))
            #expect(await daemon.stop() == 0, "\(daemon.stderr.text)")
            let grant = try #require(results.first { $0.taskType == "grant" })
            #expect(!grant.succeeded && grant.nonRetryable)
            #expect(grant.statusCode == 9)
            #expect(grant.statusMessage == "grant: provisioning is not enabled")
            // A type this SDK does not run is answered, retryable, as Go answers it.
            let unsupported = try #require(results.first { $0.taskType != "grant" })
            #expect(!unsupported.succeeded && !unsupported.nonRetryable)
            #expect(unsupported.statusMessage == "unsupported task type")
        }
    }

    @Test func aCancelledHeartbeatStopsTheSync() async throws {
        // 800 ms per Okta request makes the sync outlast the second heartbeat (the daemon waits at least 1 s).
        try await Self.withMocks(
            tasks: ["sync_full:cancel-after-heartbeats=2"], okta: MockOptions(latency: .milliseconds(800))
        ) { okta, conductor, directory in
            let daemon = DaemonRun.start(okta: okta, conductor: conductor, directory: directory)
            let results = try await conductor.waitForResults(count: 1, timeout: .seconds(120))
            #expect(await daemon.stop() == 0, "\(daemon.stderr.text)")
            let result = try #require(results.first)
            #expect(!result.succeeded)
            #expect(result.statusCode == 1, "\(result.statusMessage)")
            #expect(result.statusMessage == "task cancelled by ConductorOne")
            #expect(conductor.snapshot().uploads.isEmpty)
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasPrefix("baton-sync-") }
            #expect(left.isEmpty, "\(left)")
        }
    }

    @Test func aFailedUploadIsRetriedFromTheStart() async throws {
        var options = ConductorOneMockOptions()
        options.failUploadAttempts = 1
        try await Self.withMocks(tasks: ["sync_full"], conductor: options) { okta, conductor, directory in
            let daemon = DaemonRun.start(okta: okta, conductor: conductor, directory: directory)
            let results = try await conductor.waitForResults(count: 1, timeout: .seconds(120))
            #expect(await daemon.stop() == 0, "\(daemon.stderr.text)")
            #expect(results.first?.succeeded == true, "\(results.first?.statusMessage ?? "")")
            let snapshot = conductor.snapshot()
            #expect(snapshot.uploadAttempts == 2)
            #expect(snapshot.uploads.count == 1)
        }
    }

    @Test func aFlakyConductorOneStillGetsTheTaskDone() async throws {
        // A quarter of the calls fail (Unavailable, slow, dropped streams): Hello and polls are retried, FinishTask
        // is retried, and a task whose first heartbeat failed goes back to the queue when its lease runs out.
        var options = ConductorOneMockOptions()
        options.faultRate = 0.25
        options.slowDelay = .milliseconds(300)
        options.taskLease = .seconds(3)
        try await Self.withMocks(tasks: ["sync_full"], conductor: options) { okta, conductor, directory in
            let daemon = DaemonRun.start(okta: okta, conductor: conductor, directory: directory)
            var success: FinishedTask? = nil
            for _ in 0..<600 where success == nil {
                success = conductor.results().first { $0.succeeded }
                if success == nil { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(await daemon.stop() == 0, "\(daemon.stderr.text)")
            let result = try #require(success)
            let upload = try #require(conductor.snapshot().uploads.last { $0.taskID == result.taskID })
            let oneShot = try await DaemonRun.oneShotSync(okta)
            let uploaded = try C1ZSnapshot.load(upload.path)
            #expect(uploaded.differences(from: oneShot).isEmpty, "\(uploaded.differences(from: oneShot))")
            // Faults did happen on the way.
            #expect(conductor.snapshot().faults > 0)
        }
    }

    @Test func aWrongOrMalformedSecretEndsTheDaemonAtStartWithOneLine() async throws {
        try await Self.withMocks { okta, conductor, directory in
            // Well formed, but not a key ConductorOne knows: the token exchange is refused, Hello never retried.
            let stranger = C1ClientSecretFactory.stranger()
            let refused = DaemonRun.start(
                okta: okta, conductor: conductor, directory: directory,
                environment: ["BATON_CLIENT_SECRET": stranger])
            let status = await refused.task.value
            #expect(status == 1)
            #expect(refused.stderr.text == "baton-okta: failed to get token: 401 Unauthorized\n")
            #expect(!refused.stderr.text.contains(stranger))

            let malformed = DaemonRun.start(
                okta: okta, conductor: conductor, directory: directory,
                environment: ["BATON_CLIENT_SECRET": "secret-token:conductorone.com:v1:%%%"])
            #expect(await malformed.task.value == 2)
            #expect(malformed.stderr.text == "baton-okta: invalid client secret: the key is not base64url\n")
            #expect(conductor.snapshot().hellos.isEmpty)
        }
    }
}
