import BatonProto
public import BatonSDK
import BatonService
public import BatonSync
import Foundation
public import Logging
import Tracing

/// What a daemon needs besides the connector and the connection: who it is, how much it runs at once, where
/// syncs are written, and the sync options every full-sync task starts from.
public struct DaemonSettings: Sendable {
    /// Sent as `host_id` on every call (`BATON_HOST_ID`, else the host name).
    public var hostID: String
    /// Tasks run at once (`--task-concurrency`, 1 to 100).
    public var taskConcurrency = 3
    /// The shortest wait between polls, whatever `next_poll` says: a server answering 0 cannot spin us.
    public var pollFloor: Duration = .milliseconds(100)
    /// The longest wait between polls (Go clamps `next_poll` to 5 minutes too).
    public var pollCeiling: Duration = .seconds(300)
    /// Where full syncs write their c1z (and resume it after a restart): `--c1z-temp-dir`, else the system's.
    public var temporaryDirectory: String
    /// Whether grant, revoke, account and resource tasks may change the service (`-p`).
    public var provisioning = false
    /// The options of the local flags; a task's own settings override them.
    public var syncOptions = SyncOptions()
    /// `build_info` in Hello: the connector's name and version.
    public var package: String
    public var packageVersion: String
    /// Upload chunk size and attempts, as Go sends them.
    public var uploadChunkSize = 512 * 1024
    public var uploadAttempts = 3
    /// Consecutive failed heartbeats after which a sync gives up (Go: about 10).
    public var heartbeatFailureLimit = 10

    public init(hostID: String, temporaryDirectory: String, package: String, packageVersion: String) {
        self.hostID = hostID
        self.temporaryDirectory = temporaryDirectory
        self.package = package
        self.packageVersion = packageVersion
    }

    /// `BATON_HOST_ID`, else the host name, else `baton-sdk`, at most 256 characters.
    public static func hostID(environment: [String: String]) -> String {
        let given = environment["BATON_HOST_ID"] ?? ""
        let name = given.isEmpty ? ProcessInfo.processInfo.hostName : given
        return String((name.isEmpty ? "baton-sdk" : name).prefix(256))
    }
}

/// A connector run as a ConductorOne daemon: it says Hello, polls for tasks, runs up to
/// ``DaemonSettings/taskConcurrency`` of them at once and reports each one's end, until its task is cancelled
/// (SIGINT/SIGTERM). Syncs in flight are then handed back (finished as Canceled, retryable) after their working
/// file is saved; an upload in flight always completes first.
public final class TaskDaemon: Sendable {
    public let runtime: ConnectorRuntime
    public let client: C1ServiceClient
    public let settings: DaemonSettings
    let logger: Logger

    public init(runtime: ConnectorRuntime, client: C1ServiceClient, settings: DaemonSettings, logger: Logger) {
        self.runtime = runtime
        self.client = client
        self.settings = settings
        self.logger = logger
    }

    /// Codes that end the daemon at start-up rather than be retried (as Go's bootstrap has them).
    static let fatalHelloCodes: Set<BatonError.Code> = [
        .unauthenticated, .permissionDenied, .invalidArgument, .unimplemented, .failedPrecondition, .notFound,
    ]

    /// Hello until ConductorOne answers, backing off 1 s, 2 s, 4 s… up to 5 minutes.
    ///
    /// - Throws: ``BatonError`` for a refusal no retry can change (bad credentials, a rejected Hello), or
    ///   cancellation.
    public func bootstrap() async throws {
        try await BatonTracing.withSpan("c1ApiTaskManager.Bootstrap") { _ in
            let request = try await helloRequest(taskID: "")
            var delay: Duration = .seconds(1)
            while true {
                do {
                    _ = try await client.hello(request)
                    logger.info("connected to ConductorOne", metadata: ["host_id": "\(settings.hostID)"])
                    return
                } catch let error as BatonError where !Self.fatalHelloCodes.contains(error.code) {
                    logger.warning(
                        "hello failed; retrying",
                        metadata: ["error": "\(error.message)", "retry_in": "\(delay)"])
                    try await Task.sleep(for: delay)
                    delay = min(delay * 2, .seconds(300))
                }
            }
        }
    }

    /// Polls and runs tasks until cancelled; returns normally then, after the tasks in flight have ended.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            var failures = 0
            var wait: Duration = .zero
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: max(wait, settings.pollFloor))
                } catch {
                    break
                }
                while running >= settings.taskConcurrency, await group.next() != nil { running -= 1 }
                if Task.isCancelled { break }
                let response: C1_Connectorapi_Baton_V1_BatonServiceGetTaskResponse
                do {
                    response = try await BatonTracing.withSpan("c1ApiTaskManager.Next", newRoot: true) { _ in
                        try await client.getTask(hostID: settings.hostID)
                    }
                } catch {
                    if Task.isCancelled { break }
                    failures += 1
                    wait = min(.seconds(failures * failures), .seconds(60))
                    logger.warning(
                        "polling for tasks failed",
                        metadata: ["error": "\(Self.message(error))", "retry_in": "\(wait)"])
                    continue
                }
                failures = 0
                wait = min(max(Self.duration(response.nextPoll), .zero), settings.pollCeiling)
                guard response.hasTask, let type = response.task.taskType, !Self.isNone(type) else { continue }
                let task = response.task
                running += 1
                group.addTask { await self.process(task) }
            }
            // Cancelled: the tasks in flight see the same cancellation and hand themselves back.
            await group.waitForAll()
        }
        logger.info("daemon stopped")
    }

    static func isNone(_ type: C1_Connectorapi_Baton_V1_Task.OneOf_TaskType) -> Bool {
        if case .none = type { return true }
        return false
    }

    /// Runs one task and reports how it ended.
    func process(_ task: C1_Connectorapi_Baton_V1_Task) async {
        await withSpan("c1ApiTaskManager.Process", context: .topLevel) { span in
            span.attributes["task_id"] = task.id
            var logger = self.logger
            logger[metadataKey: "task_id"] = "\(task.id)"
            logger[metadataKey: "task_type"] = "\(TaskKind(task).name)"
            logger.info("task started")
            let outcome = await handle(task, logger: logger)
            switch outcome {
            case .noReport(let why):
                logger.warning("task not reported", metadata: ["reason": "\(why)"])
            case .success, .failure:
                await finish(task, outcome, logger: logger)
            }
        }
    }

    /// The handler for the task's type.
    func handle(_ task: C1_Connectorapi_Baton_V1_Task, logger: Logger) async -> TaskOutcome {
        switch TaskKind(task) {
        case .hello:
            do {
                _ = try await client.hello(try await helloRequest(taskID: task.id))
                return .noReport("hello tasks are answered by the Hello itself")
            } catch {
                return .noReport("hello failed: \(Self.message(error))")
            }
        case .syncFull(let sync):
            return await fullSync(task, sync, logger: logger)
        case .grant(let grant):
            return await provision("grant", nonRetryable: true) {
                guard grant.hasEntitlement, grant.hasPrincipal, !grant.entitlement.id.isEmpty else {
                    throw TaskFailure.nonRetryable(BatonError(.invalidArgument, "malformed grant task"))
                }
                let result = try await self.runtime.grant(grant.entitlement, to: grant.principal)
                var response = C1_Connector_V2_GrantManagerServiceGrantResponse()
                response.grants = result.grants
                response.annotations = result.annotations
                return response
            }
        case .revoke(let revoke):
            return await provision("revoke", nonRetryable: true) {
                guard revoke.hasGrant else {
                    throw TaskFailure.nonRetryable(BatonError(.invalidArgument, "invalid task type"))
                }
                var response = C1_Connector_V2_GrantManagerServiceRevokeResponse()
                response.annotations = try await self.runtime.revoke(revoke.grant)
                return response
            }
        case .createAccount(let create):
            return await provision("create account", nonRetryable: true) {
                let credentials = try CredentialOptionsMapping.local(create.credentialOptions)
                return try await self.runtime.createAccount(
                    create.accountInfo, credentials: credentials, typeID: create.resourceTypeID
                ).response
            }
        case .deleteResource(let delete):
            return await provision("delete resource", nonRetryable: true) {
                var response = C1_Connector_V2_DeleteResourceResponse()
                response.annotations = try await self.runtime.deleteResource(
                    delete.resourceID, parent: delete.hasParentResourceID ? delete.parentResourceID : nil)
                return response
            }
        case .createResource:
            return await provision("create resource", nonRetryable: true) {
                throw BatonError(.unimplemented, "creating resources is not supported by this connector")
            }
        case .rotateCredentials:
            return await provision("rotate credentials", nonRetryable: true) {
                throw BatonError(.unimplemented, "rotating credentials is not supported by this connector")
            }
        case .issueCredential:
            return await provision("issue credential", nonRetryable: true) {
                throw BatonError(.unimplemented, "issuing credentials is not supported by this connector")
            }
        case .unsupported(let name):
            logger.warning("unsupported task type", metadata: ["type": "\(name)"])
            return .failure(BatonError(.unknown, "unsupported task type"), nonRetryable: false)
        case .none:
            return .noReport("no task")
        }
    }

    /// Runs a change on the service; a connector error is final (ConductorOne must not repeat a change blindly).
    func provision(
        _ what: String, nonRetryable: Bool, _ body: @escaping @Sendable () async throws -> any SwiftProtobuf.Message
    ) async -> TaskOutcome {
        guard settings.provisioning else {
            return .failure(
                BatonError(.failedPrecondition, "\(what): provisioning is not enabled"), nonRetryable: true)
        }
        do {
            // Not cancelled by a stopping daemon: a change half made and then reported as failed is worse than a
            // change finished (these calls take a request or two).
            return .success(try await Task { try await body() }.value)
        } catch TaskFailure.nonRetryable(let error) {
            return .failure(error, nonRetryable: true)
        } catch {
            return .failure(Self.batonError(error), nonRetryable: nonRetryable)
        }
    }

    // MARK: Reporting

    /// FinishTask, shielded from the daemon's cancellation (a stopping daemon still reports what it did), with
    /// three tries for a server that is briefly away.
    func finish(_ task: C1_Connectorapi_Baton_V1_Task, _ outcome: TaskOutcome, logger: Logger) async {
        var request = C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest()
        request.hostID = settings.hostID
        request.taskID = task.id
        switch outcome {
        case .success(let response):
            var success = C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest.Success()
            if let response, let any = try? Google_Protobuf_Any(message: response) { success.response = any }
            request.success = success
        case .failure(let error, let nonRetryable):
            var status = Google_Rpc_Status()
            status.code = Int32(error.code.rawValue)
            status.message = error.message
            request.status = status
            var failure = C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest.Error()
            failure.nonRetryable = nonRetryable
            request.error = failure
        case .noReport:
            return
        }
        let client = self.client
        let sent = Task {
            var attempt = 0
            while true {
                attempt += 1
                do {
                    try await BatonTracing.withSpan("c1ApiTaskManager.finishTask") { _ in
                        try await client.finishTask(request)
                    }
                    return true
                } catch let error as BatonError where error.isRetryable && attempt < 3 {
                    try? await Task.sleep(for: .seconds(attempt))
                } catch {
                    logger.error("reporting the task failed", metadata: ["error": "\(Self.message(error))"])
                    return false
                }
            }
        }
        if await sent.value {
            switch outcome {
            case .success: logger.info("task finished")
            case .failure(let error, let nonRetryable):
                logger.warning(
                    "task failed",
                    metadata: [
                        "error": "\(error.message)", "code": "\(error.code)",
                        "retryable": .stringConvertible(!nonRetryable),
                    ])
            case .noReport: break
            }
        }
    }

    // MARK: Hello

    func helloRequest(taskID: String) async throws -> C1_Connectorapi_Baton_V1_BatonServiceHelloRequest {
        var request = C1_Connectorapi_Baton_V1_BatonServiceHelloRequest()
        request.hostID = settings.hostID
        request.taskID = taskID
        var build = C1_Connectorapi_Baton_V1_BatonServiceHelloRequest.BuildInfo()
        build.langVersion = HostInfo.swiftVersion
        build.package = settings.package.isEmpty ? "baton-swift" : settings.package
        build.packageVersion = settings.packageVersion.isEmpty ? "0.0.0" : settings.packageVersion
        request.buildInfo = build
        request.osInfo = HostInfo.current().osInfo
        request.connectorMetadata = try await runtime.connector.metadata()
        return request
    }

    // MARK: Errors

    static func batonError(_ error: any Error) -> BatonError {
        switch error {
        case let error as BatonError: error
        case is CancellationError: BatonError(.cancelled, "task cancelled")
        default: BatonError(.unknown, message(error))
        }
    }

    static func message(_ error: any Error) -> String {
        let text = (error as? BatonError)?.message ?? String(describing: error)
        return text.split(whereSeparator: \.isNewline).joined(separator: "; ")
    }
}

/// How a task ended, before it is reported.
enum TaskOutcome: Sendable {
    case success((any SwiftProtobuf.Message)?)
    case failure(BatonError, nonRetryable: Bool)
    /// Nothing is reported (a Hello task, or a sync whose first heartbeat failed, as in Go).
    case noReport(String)
}

/// A handler's way to mark an error as final.
enum TaskFailure: Error {
    case nonRetryable(BatonError)
}
