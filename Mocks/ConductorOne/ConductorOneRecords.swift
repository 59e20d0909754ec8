public import BatonProto

/// A `FinishTask` the mock accepted, as `GET /__mock/results` lists it.
public struct FinishedTask: Sendable, Hashable {
    /// The task's id.
    public var taskID: String
    /// The task's type, as the proto names the oneof field (`sync_full`, `grant`, `event_feed`, …).
    public var taskType: String
    /// The `host_id` the daemon sent.
    public var hostID: String
    /// True for `final_state.success`, false for `final_state.error`.
    public var succeeded: Bool
    /// `status.code` when the request carried a status (the SDK sends one only with an error).
    public var statusCode: Int?
    /// `status.message` (empty without a status).
    public var statusMessage: String
    /// `error.non_retryable` (false on success).
    public var nonRetryable: Bool
    /// The type URL of `success.response` or `error.response`, if one was set
    /// (`type.googleapis.com/c1.connector.v2.GrantManagerServiceGrantResponse`).
    public var responseTypeURL: String?
}

/// An asset stored by a successful `UploadAsset`.
public struct UploadedAsset: Sendable, Hashable {
    /// The task the metadata named.
    public var taskID: String
    /// Where it was stored: `<state dir>/uploads/<task id>.c1z` for a task's first asset, then
    /// `<task id>.<n>.asset` (n = 2, 3, …) for later ones (the SDK's `debug.log`).
    public var path: String
    /// Bytes received.
    public var size: Int
    /// The SHA-256 of the bytes, lowercase hex (it matched the `eof` checksum).
    public var sha256: String
    /// The length of every `data` message, in order.
    public var chunkSizes: [Int]
}

/// A `Heartbeat` the mock answered.
public struct HeartbeatRecord: Sendable, Hashable {
    /// The task the heartbeat named.
    public var taskID: String
    /// The `host_id` the daemon sent.
    public var hostID: String
    /// Whether the answer said `cancelled = true`.
    public var cancelled: Bool
}

/// Everything the mock has seen, at one moment.
public struct ConductorOneSnapshot: Sendable {
    /// Every valid `Hello`, in order.
    public var hellos: [C1_Connectorapi_Baton_V1_BatonServiceHelloRequest]
    /// Every valid `Heartbeat`, in order.
    public var heartbeats: [HeartbeatRecord]
    /// Every accepted `FinishTask`, in order.
    public var finished: [FinishedTask]
    /// Every stored asset, in order.
    public var uploads: [UploadedAsset]
    /// Access tokens issued by `POST /auth/v1/token`.
    public var tokensIssued: Int
    /// Token requests refused (400/401).
    public var tokensRefused: Int
    /// `UploadAsset` calls that reached the service (failed ones included).
    public var uploadAttempts: Int
    /// Authenticated calls per RPC method name (`GetTask`), faults and refusals included.
    public var calls: [String: Int]
    /// Faults injected (`--fault-rate`), of every kind.
    public var faults: Int
    /// Ids of the tasks still queued, in order.
    public var queuedTaskIDs: [String]
    /// Ids of the tasks handed out, in order.
    public var handedOutTaskIDs: [String]
}
