import BatonProto
import Foundation
import Synchronization

typealias HelloRequest = C1_Connectorapi_Baton_V1_BatonServiceHelloRequest
typealias GetTaskRequest = C1_Connectorapi_Baton_V1_BatonServiceGetTaskRequest
typealias GetTasksRequest = C1_Connectorapi_Baton_V1_BatonServiceGetTasksRequest
typealias HeartbeatRequest = C1_Connectorapi_Baton_V1_BatonServiceHeartbeatRequest
typealias FinishTaskRequest = C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest

/// The unary RPCs of `c1.connectorapi.baton.v1.BatonService`, validated as the proto's rules say
/// (spec §4) and recorded in the state.
struct BatonServiceHandlers: Sendable {
    let state: ConductorOneState
    let pollInterval: Duration
    let heartbeatInterval: Duration
    var taskLease: Duration? = nil

    func hello(_ request: HelloRequest) throws(GRPCFailure) -> C1_Connectorapi_Baton_V1_BatonServiceHelloResponse {
        try Self.checkHostID(request.hostID)
        if !request.taskID.isEmpty { try Self.checkTaskID(request.taskID) }
        guard request.hasConnectorMetadata else { throw .invalidArgument("connector_metadata is required") }
        guard request.hasBuildInfo else { throw .invalidArgument("build_info is required") }
        guard request.hasOsInfo else { throw .invalidArgument("os_info is required") }
        let build = request.buildInfo
        try Self.checkStrings(
            "build_info",
            [
                ("lang_version", build.langVersion), ("package", build.package),
                ("package_version", build.packageVersion),
            ])
        let os = request.osInfo
        try Self.checkStrings(
            "os_info",
            [
                ("hostname", os.hostname), ("os", os.os), ("platform", os.platform),
                ("platform_version", os.platformVersion), ("platform_family", os.platformFamily),
                ("kernel_version", os.kernelVersion), ("kernel_arch", os.kernelArch),
                ("virtualization_system", os.virtualizationSystem),
            ])
        try state.inner.withLock { (inner) throws(GRPCFailure) in
            if !request.taskID.isEmpty, inner.handedOut[request.taskID] == nil {
                throw .notFound("task \(request.taskID) was never handed out")
            }
            inner.hellos.append(request)
        }
        return .init()
    }

    func getTask(_ request: GetTaskRequest) throws(GRPCFailure) -> C1_Connectorapi_Baton_V1_BatonServiceGetTaskResponse
    {
        try Self.checkHostID(request.hostID)
        var response = C1_Connectorapi_Baton_V1_BatonServiceGetTaskResponse()
        response.nextPoll = Self.duration(pollInterval)
        response.nextHeartbeat = Self.duration(heartbeatInterval)
        if let queued = state.inner.withLock({ inner in
            inner.requeueExpired(lease: taskLease)
            return inner.takeNext()
        }) {
            response.task = queued.task
        }
        return response
    }

    func getTasks(_ request: GetTasksRequest) throws(GRPCFailure)
        -> C1_Connectorapi_Baton_V1_BatonServiceGetTasksResponse
    {
        try Self.checkHostID(request.hostID)
        guard (1...100).contains(request.pageSize) else {
            throw .invalidArgument("page_size must be within 1..100 (got \(request.pageSize))")
        }
        let known = Set(request.knownTaskIds)
        var response = C1_Connectorapi_Baton_V1_BatonServiceGetTasksResponse()
        response.nextPoll = Self.duration(pollInterval)
        response.nextHeartbeat = Self.duration(heartbeatInterval)
        // Tasks the daemon already holds stay queued (they cannot have been handed out: each goes out once).
        response.tasks = state.inner.withLock { inner in
            inner.requeueExpired(lease: taskLease)
            return inner.take(limit: Int(request.pageSize), skipping: known).map(\.task)
        }
        return response
    }

    func heartbeat(_ request: HeartbeatRequest) throws(GRPCFailure)
        -> C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse
    {
        try Self.checkHostID(request.hostID)
        try Self.checkTaskID(request.taskID)
        let cancelled = try state.inner.withLock { (inner) throws(GRPCFailure) -> Bool in
            guard let queued = inner.handedOut[request.taskID] else {
                throw .notFound("task \(request.taskID) was never handed out")
            }
            guard !inner.finishedIDs.contains(request.taskID) else {
                throw .failedPrecondition("task \(request.taskID) is already finished")
            }
            if inner.lastSeen[request.taskID] != nil { inner.lastSeen[request.taskID] = inner.clock() }
            let count = inner.heartbeatCounts[request.taskID, default: 0] + 1
            inner.heartbeatCounts[request.taskID] = count
            let cancelled =
                inner.cancelled.contains(request.taskID) || queued.cancelAfterHeartbeats.map { count >= $0 } ?? false
            inner.heartbeats.append(
                HeartbeatRecord(taskID: request.taskID, hostID: request.hostID, cancelled: cancelled))
            return cancelled
        }
        var response = C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse()
        response.nextHeartbeat = Self.duration(heartbeatInterval)
        response.cancelled = cancelled
        if cancelled { response.cancelledTaskIds = [request.taskID] }
        return response
    }

    func finishTask(_ request: FinishTaskRequest) throws(GRPCFailure)
        -> C1_Connectorapi_Baton_V1_BatonServiceFinishTaskResponse
    {
        try Self.checkHostID(request.hostID)
        try Self.checkTaskID(request.taskID)
        guard let finalState = request.finalState else { throw .invalidArgument("final_state is required") }
        let succeeded: Bool
        let nonRetryable: Bool
        let response: Google_Protobuf_Any?
        switch finalState {
        case .success(let success):
            succeeded = true
            nonRetryable = false
            response = success.hasResponse ? success.response : nil
        case .error(let error):
            succeeded = false
            nonRetryable = error.nonRetryable
            response = error.hasResponse ? error.response : nil
        }
        try state.inner.withLock { (inner) throws(GRPCFailure) in
            guard let queued = inner.handedOut[request.taskID] else {
                throw .notFound("task \(request.taskID) was never handed out")
            }
            inner.lastSeen[request.taskID] = nil
            guard inner.finishedIDs.insert(request.taskID).inserted else {
                throw .failedPrecondition("task \(request.taskID) is already finished")
            }
            inner.finished.append(
                FinishedTask(
                    taskID: request.taskID, taskType: TaskSpec.typeName(queued.task), hostID: request.hostID,
                    succeeded: succeeded, statusCode: request.hasStatus ? Int(request.status.code) : nil,
                    statusMessage: request.hasStatus ? request.status.message : "", nonRetryable: nonRetryable,
                    responseTypeURL: response?.typeURL))
        }
        return .init()
    }

    // MARK: Validation

    static func checkHostID(_ hostID: String) throws(GRPCFailure) {
        guard (1...256).contains(hostID.unicodeScalars.count) else {
            throw .invalidArgument("host_id must be 1..256 characters")
        }
    }

    /// `^[a-zA-Z0-9]{27}$`.
    static func checkTaskID(_ taskID: String) throws(GRPCFailure) {
        let valid =
            taskID.utf8.count == 27
            && taskID.utf8.allSatisfy {
                (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
            }
        guard valid else { throw .invalidArgument("task_id must match ^[a-zA-Z0-9]{27}$") }
    }

    static func checkStrings(_ message: String, _ fields: [(String, String)]) throws(GRPCFailure) {
        for (name, value) in fields where value.isEmpty || value.unicodeScalars.count > 256 {
            throw .invalidArgument("\(message).\(name) must be 1..256 characters")
        }
    }

    static func duration(_ duration: Duration) -> Google_Protobuf_Duration {
        let (seconds, attoseconds) = duration.components
        return Google_Protobuf_Duration(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000))
    }
}

extension ConductorOneState.Inner {
    /// Hands out the first queued task, once.
    mutating func takeNext() -> QueuedTask? {
        take(limit: 1, skipping: []).first
    }

    /// Queues again, at the front, every task handed out but neither finished nor heard of within `lease`.
    mutating func requeueExpired(lease: Duration?) {
        guard let lease else { return }
        let now = clock()
        let expired = handedOutOrder.filter { id in lastSeen[id].map { now - $0 > lease } ?? false }
        for id in Set(expired) {
            lastSeen[id] = nil
            heartbeatCounts[id] = nil
            if let queued = handedOut[id] { queue.insert(queued, at: 0) }
        }
    }

    /// Hands out up to `limit` queued tasks in order, once each, leaving those whose id is in `known` queued.
    mutating func take(limit: Int, skipping known: Set<String>) -> [QueuedTask] {
        var taken: [QueuedTask] = []
        var kept: [QueuedTask] = []
        for queued in queue {
            if taken.count < limit, !known.contains(queued.task.id) {
                taken.append(queued)
                handedOut[queued.task.id] = queued
                handedOutOrder.append(queued.task.id)
                // A task handed out again (ConductorOne retrying it) may be finished again.
                finishedIDs.remove(queued.task.id)
                lastSeen[queued.task.id] = clock()
            } else {
                kept.append(queued)
            }
        }
        queue = kept
        return taken
    }
}
