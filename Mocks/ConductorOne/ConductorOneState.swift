import BatonProto
import Foundation
import MockKit
import Synchronization

/// Everything the mock remembers: the task queue, issued tokens and seen nonces, and what the daemon reported.
final class ConductorOneState: Sendable {
    struct Inner {
        var queue: [QueuedTask] = []
        /// Tasks handed out, by id, with their cancellation rule.
        var handedOut: [String: QueuedTask] = [:]
        var handedOutOrder: [String] = []
        var cancelled: Set<String> = []
        var heartbeatCounts: [String: Int] = [:]
        /// When each unfinished task handed out was last heard of (hand-out or heartbeat), for the lease.
        var lastSeen: [String: ContinuousClock.Instant] = [:]
        var finishedIDs: Set<String> = []
        var uploadCounts: [String: Int] = [:]

        var tokens: [String: Date] = [:]
        var nonces: Set<String> = []
        var tokensIssued = 0
        var tokensRefused = 0

        var hellos: [C1_Connectorapi_Baton_V1_BatonServiceHelloRequest] = []
        var heartbeats: [HeartbeatRecord] = []
        var finished: [FinishedTask] = []
        var uploads: [UploadedAsset] = []
        var uploadAttempts = 0
        var calls: [String: Int] = [:]
        var callIndex = 0
        var faults = 0
        var idGenerator: SplitMix64
        /// The lease's clock (a test moves its own).
        var clock: @Sendable () -> ContinuousClock.Instant
    }

    let inner: Mutex<Inner>

    init(seed: UInt64, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        inner = Mutex(Inner(idGenerator: SplitMix64(seed: seed, stream: 0xC1), clock: clock))
    }

    /// A fresh task id: 27 characters of `[0-9A-Za-z]`, like a KSUID.
    func nextTaskID() -> String {
        inner.withLock { $0.idGenerator.alphanumeric(27) }
    }

    /// Parses specs and queues their tasks; returns the new ids.
    func enqueue(specs: [String]) throws(TaskSpecError) -> [String] {
        var tasks: [QueuedTask] = []
        for spec in specs { tasks += try TaskSpec.parse(spec, nextID: nextTaskID) }
        return enqueue(tasks)
    }

    func enqueue(_ tasks: [QueuedTask]) -> [String] {
        inner.withLock { state in
            state.queue += tasks
            return tasks.map(\.task.id)
        }
    }

    func cancel(taskID: String) {
        _ = inner.withLock { $0.cancelled.insert(taskID) }
    }

    // MARK: Tokens

    /// Issues a token for a verified assertion, unless its nonce was used before.
    func issueToken(nonce: String, lifetime: Int, now: Date) throws(TokenRefusal) -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let token = "c1mock_" + Base64URL.encode(bytes)
        let accepted = inner.withLock { state in
            guard state.nonces.insert(nonce).inserted else { return false }
            state.tokens = state.tokens.filter { $0.value > now }
            state.tokens[token] = now.addingTimeInterval(Double(lifetime))
            state.tokensIssued += 1
            return true
        }
        guard accepted else { throw .client("the assertion's nonce was used before") }
        return token
    }

    func refuseToken() {
        inner.withLock { $0.tokensRefused += 1 }
    }

    func isValid(token: String, now: Date) -> Bool {
        inner.withLock { state in state.tokens[token].map { $0 > now } ?? false }
    }

    /// Counts an authenticated call and returns its index (for the fault draw).
    func countCall(_ method: String) -> Int {
        inner.withLock { state in
            state.calls[method, default: 0] += 1
            state.callIndex += 1
            return state.callIndex - 1
        }
    }

    /// Counts an injected fault.
    func countFault() {
        inner.withLock { $0.faults += 1 }
    }

    // MARK: Snapshots

    func snapshot() -> ConductorOneSnapshot {
        inner.withLock { state in
            ConductorOneSnapshot(
                hellos: state.hellos, heartbeats: state.heartbeats, finished: state.finished, uploads: state.uploads,
                tokensIssued: state.tokensIssued, tokensRefused: state.tokensRefused,
                uploadAttempts: state.uploadAttempts, calls: state.calls, faults: state.faults,
                queuedTaskIDs: state.queue.map(\.task.id), handedOutTaskIDs: state.handedOutOrder)
        }
    }
}
