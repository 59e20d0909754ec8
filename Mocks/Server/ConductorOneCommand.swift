import ArgumentParser
import Foundation
import Logging
import MockConductorOne

/// `baton-mock conductorone --port P --state-dir DIR [--task SPEC …]`: ConductorOne for connectors in daemon mode.
struct ConductorOneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conductorone",
        abstract: "ConductorOne for daemon mode: token endpoint and BatonService (gRPC) on one TLS port.",
        discussion: """
            Writes DIR/ca.pem (the CA to trust, e.g. SSL_CERT_FILE for a Go
            connector), DIR/client.env (0600: BATON_CLIENT_ID,
            BATON_CLIENT_SECRET, BATON_C1_API_HOST) and stores uploads as
            DIR/uploads/<task id>.c1z. Inspect with GET /__mock/results,
            /__mock/uploads, /__mock/state; queue more with POST /__mock/tasks
            (a JSON array of specs, or of tasks in protobuf JSON).

            Task specs (--task, repeatable; handed out in order, each once):
              sync_full
              sync_full:cancel-after-heartbeats=N
                  heartbeat N and later answer cancelled
              grant:ENT_TYPE:ENT_ID:ENT_SLUG:PRINCIPAL_TYPE:PRINCIPAL_ID
                  entitlement ENT_TYPE:ENT_ID:ENT_SLUG of resource
                  ENT_TYPE/ENT_ID, to resource PRINCIPAL_TYPE/PRINCIPAL_ID
              revoke:ENT_TYPE:ENT_ID:ENT_SLUG:PRINCIPAL_TYPE:PRINCIPAL_ID
                  the grant with that id (entitlement id:principal type:id)
              create_account:LOGIN[:EMAIL[:RESOURCE_TYPE]]
              delete_resource:TYPE:ID
              hello
                  a Hello carrying the task id (no FinishTask)
              unsupported
                  an event_feed task (the SDK finishes it with an error)
              @FILE.json
                  a JSON array of c1.connectorapi.baton.v1.Task (protobuf JSON)
            """)

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8443
    @Option(help: "Address to bind (loopback).")
    var host = "127.0.0.1"
    @Option(name: .customLong("state-dir"), help: "Where ca.pem, client.env and uploads/ are written.")
    var stateDir: String
    @Option(name: .customLong("task"), parsing: .singleValue, help: "A task to queue (repeatable; see below).")
    var tasks: [String] = []
    @Option(name: .customLong("token-ttl"), help: "Lifetime of issued access tokens, in seconds.")
    var tokenTTL = 3600
    @Option(name: .customLong("poll-ms"), help: "next_poll of GetTask answers, in milliseconds.")
    var pollMs = 1000
    @Option(name: .customLong("heartbeat-ms"), help: "next_heartbeat of Heartbeat answers, in milliseconds.")
    var heartbeatMs = 1000
    @Option(name: .customLong("fault-rate"), help: "Probability (0...1) of an injected fault per BatonService call.")
    var faultRate = 0.0
    @Option(name: .customLong("fault-kinds"), help: "Faults to inject: any of unavailable,slow,drop.")
    var faultKinds = "unavailable,slow,drop"
    @Option(name: .customLong("slow-ms"), help: "Delay of a 'slow' fault, in milliseconds.")
    var slowMs = 2000
    @Option(
        name: .customLong("fail-upload-attempts"),
        help: "The first N UploadAsset calls fail with Unavailable after their first data chunk.")
    var failUploadAttempts = 0
    @Option(
        name: .customLong("task-lease-ms"),
        help: "Queue a handed-out task again after this long without a heartbeat (0: never), as for a dead daemon.")
    var taskLeaseMs = 0
    @Option(help: "Seed for task ids and faults.")
    var seed: UInt64 = 1
    @Option(name: .customLong("log-level"), help: "Server log level (trace … critical).")
    var logLevel = "warning"

    func validate() throws {
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be within 0...1") }
        guard GRPCFault.parseList(faultKinds) != nil else {
            throw ValidationError("--fault-kinds must list unavailable, slow or drop")
        }
        guard tokenTTL > 0, pollMs >= 0, heartbeatMs >= 0, slowMs >= 0, failUploadAttempts >= 0, taskLeaseMs >= 0
        else {
            throw ValidationError("--token-ttl must be positive; the other durations and counts not negative")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level") }
    }

    func run() async throws {
        var options = ConductorOneMockOptions(
            host: host, port: port, tasks: tasks, tokenTTLSeconds: tokenTTL, pollInterval: .milliseconds(pollMs),
            heartbeatInterval: .milliseconds(heartbeatMs), faultRate: faultRate,
            faultKinds: GRPCFault.parseList(faultKinds) ?? GRPCFault.allCases, slowDelay: .milliseconds(slowMs),
            failUploadAttempts: failUploadAttempts, seed: seed, logLevel: Logger.Level(rawValue: logLevel) ?? .warning)
        options.taskLease = taskLeaseMs > 0 ? .milliseconds(taskLeaseMs) : nil
        let mock: ConductorOneMock
        do {
            mock = try await ConductorOneMock.start(options, stateDirectory: stateDir, shutdownOnSignals: true)
        } catch let error as TaskSpecError {
            throw ValidationError(error.message)
        }
        let snapshot = mock.snapshot()
        let lines = [
            mock.baseURL,
            "conductorone mock: \(snapshot.queuedTaskIDs.count) task(s) queued: \(snapshot.queuedTaskIDs.joined(separator: ", "))",
            "wrote \(mock.caPath) (CA to trust)",
            "wrote \((stateDir as NSString).appendingPathComponent("client.env")) (BATON_CLIENT_ID=\(mock.clientID), "
                + "BATON_CLIENT_SECRET, BATON_C1_API_HOST=\(mock.apiHost))",
            "uploads go to \(mock.uploadsDirectory)",
            "mock endpoints: GET /__mock/results, /__mock/uploads, /__mock/state; POST /__mock/tasks; Ctrl-C stops",
        ]
        // Written unbuffered so a script reading the first line sees it at once.
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try await mock.waitUntilStopped()
    }
}
