public import BatonProto
import BatonServer
import Foundation
import Hummingbird
import HummingbirdHTTP2
import Logging
import MockKit
import NIOCore

/// A faithful mock of ConductorOne for connectors in daemon mode, on one loopback TLS port: the OAuth token
/// endpoint (`POST /auth/v1/token`, Ed25519 client assertions), the gRPC service
/// `c1.connectorapi.baton.v1.BatonService` (over HTTP/2), and `/__mock/*` to inspect what the daemon reported.
///
/// Starting it writes into the state directory `ca.pem` (the CA to trust), `client.env` (mode 0600:
/// `BATON_CLIENT_ID`, `BATON_CLIENT_SECRET`, `BATON_C1_API_HOST`) and, as uploads arrive, `uploads/<task id>.c1z`.
///
/// ```swift
/// let mock = try await ConductorOneMock.start(
///     ConductorOneMockOptions(tasks: ["sync_full"]), stateDirectory: dir)
/// // run the daemon with mock.environment and SSL_CERT_FILE=mock.caPath …
/// let finished = try await mock.waitForResults(count: 1)
/// try await mock.stop()
/// ```
public final class ConductorOneMock: Sendable {
    /// The bound port.
    public let port: Int
    /// `https://127.0.0.1:<port>`.
    public let baseURL: String
    /// `127.0.0.1:<port>`: the value of `BATON_C1_API_HOST`.
    public let apiHost: String
    /// The CA certificate (PEM) that signed the server's certificate.
    public let caPEM: String
    /// `<state dir>/ca.pem`.
    public let caPath: String
    /// The client id the mock accepts: `baton-mock@conductorone.mock/pcc` by default.
    public let clientID: String
    /// The client secret (`secret-token:conductorone.com:v1:…`). Never log it.
    public let clientSecret: String
    /// The state directory.
    public let stateDirectory: String
    /// Where uploads are stored: `<state dir>/uploads`.
    public let uploadsDirectory: String

    /// `BATON_CLIENT_ID`, `BATON_CLIENT_SECRET` and `BATON_C1_API_HOST`, as in `client.env`.
    public var environment: [String: String] {
        ["BATON_CLIENT_ID": clientID, "BATON_CLIENT_SECRET": clientSecret, "BATON_C1_API_HOST": apiHost]
    }

    private let state: ConductorOneState
    private let server: RunningServer

    private init(
        port: Int, caPEM: String, credential: ClientCredential, stateDirectory: String, state: ConductorOneState,
        server: RunningServer
    ) {
        self.port = port
        self.baseURL = "https://127.0.0.1:\(port)"
        self.apiHost = "127.0.0.1:\(port)"
        self.caPEM = caPEM
        self.caPath = (stateDirectory as NSString).appendingPathComponent("ca.pem")
        self.clientID = credential.clientID
        self.clientSecret = credential.clientSecret
        self.stateDirectory = stateDirectory
        self.uploadsDirectory = (stateDirectory as NSString).appendingPathComponent("uploads")
        self.state = state
        self.server = server
    }

    /// Makes a CA, a server certificate and a client credential, binds, writes the state directory, and serves.
    ///
    /// - Parameters:
    ///   - options: Address, queued tasks and knobs.
    ///   - stateDirectory: Created if missing; `ca.pem`, `client.env` and `uploads/` go here.
    ///   - shutdownOnSignals: Stop gracefully on SIGINT/SIGTERM (for the standalone executable).
    /// - Throws: ``TaskSpecError`` for a task spec that does not parse, or the bind or file error.
    public static func start(
        _ options: ConductorOneMockOptions = ConductorOneMockOptions(), stateDirectory: String,
        shutdownOnSignals: Bool = false
    ) async throws -> ConductorOneMock {
        let state = ConductorOneState(seed: options.seed, clock: options.clock)
        _ = try state.enqueue(specs: options.tasks)
        let certificates = try MockCertificates.generate()
        let credential = ClientCredential.generate(name: options.clientName, tokenHost: options.tokenHost)
        let uploads = (stateDirectory as NSString).appendingPathComponent("uploads")
        try FileManager.default.createDirectory(atPath: uploads, withIntermediateDirectories: true)

        var logger = Logger(label: "baton-mock.conductorone")
        logger.logLevel = options.logLevel
        let router = Router(context: MockRequestContext.self)
        ConductorOneRoutes(
            state: state, options: options, verifier: AssertionVerifier(credential: credential),
            uploadsDirectory: uploads
        ).add(to: router)

        let server: RunningServer
        do {
            server = try await RunningServer.start(
                router: router, server: try .http2Upgrade(tlsConfiguration: certificates.serverTLSConfiguration()),
                host: options.host, port: options.port, stopOnSignals: shutdownOnSignals, logger: logger)
        } catch is RunningServerError {
            throw MockServerError(message: "the server stopped before it was bound")
        }
        let mock = ConductorOneMock(
            port: server.port, caPEM: certificates.caPEM, credential: credential, stateDirectory: stateDirectory,
            state: state, server: server)
        do {
            try mock.writeStateFiles()
        } catch {
            try? await mock.stop()
            throw error
        }
        return mock
    }

    private func writeStateFiles() throws {
        try Data(caPEM.utf8).write(to: URL(fileURLWithPath: caPath), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: caPath)
        let envPath = (stateDirectory as NSString).appendingPathComponent("client.env")
        let env =
            ["BATON_CLIENT_ID", "BATON_CLIENT_SECRET", "BATON_C1_API_HOST"]
            .map { "\($0)=\(environment[$0] ?? "")" }.joined(separator: "\n") + "\n"
        // Created 0600 before the secret is written, then renamed into place.
        let temporary = envPath + ".tmp"
        unlink(temporary)
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw MockServerError(message: "cannot write \(envPath)") }
        try handle.write(contentsOf: Data(env.utf8))
        try handle.close()
        guard rename(temporary, envPath) == 0 else { throw MockServerError(message: "cannot write \(envPath)") }
    }

    /// The accepted `FinishTask` calls, in order (what `GET /__mock/results` lists).
    public func results() -> [FinishedTask] {
        state.snapshot().finished
    }

    /// Everything recorded so far: hellos, heartbeats, results, uploads, token and call counts, the queue.
    public func snapshot() -> ConductorOneSnapshot {
        state.snapshot()
    }

    /// Queues tasks given in `--task` syntax (see ``TaskSpec``) and returns their ids.
    @discardableResult
    public func enqueue(_ specs: String...) throws(TaskSpecError) -> [String] {
        try state.enqueue(specs: specs)
    }

    /// Queues a task as given; an empty id is replaced by a fresh one, which is returned.
    @discardableResult
    public func enqueue(_ task: C1_Connectorapi_Baton_V1_Task, cancelAfterHeartbeats: Int? = nil) -> String {
        var task = task
        if task.id.isEmpty { task.id = state.nextTaskID() }
        return state.enqueue([QueuedTask(task: task, cancelAfterHeartbeats: cancelAfterHeartbeats)])[0]
    }

    /// Makes the task's next heartbeats answer `cancelled = true`.
    public func cancel(taskID: String) {
        state.cancel(taskID: taskID)
    }

    /// Waits until at least `count` tasks are finished and returns them.
    ///
    /// - Throws: ``MockServerError`` after `timeout`.
    public func waitForResults(count: Int, timeout: Duration = .seconds(30)) async throws -> [FinishedTask] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let finished = results()
            if finished.count >= count { return finished }
            guard ContinuousClock.now < deadline else {
                throw MockServerError(message: "\(finished.count) of \(count) tasks finished within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Stops gracefully.
    public func stop() async throws {
        try await server.stop()
    }

    /// Waits until the server stops (after a signal, when started with `shutdownOnSignals`).
    public func waitUntilStopped() async throws {
        try await server.waitUntilStopped()
    }
}
