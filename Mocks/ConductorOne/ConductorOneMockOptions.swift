public import Foundation
public import Logging

/// A fault `ConductorOneMock` injects into BatonService calls (never into `/auth` or `/__mock/*`).
public enum GRPCFault: String, Sendable, CaseIterable, Hashable {
    /// Answer `grpc-status: 14` (Unavailable) without running the call.
    case unavailable
    /// Wait ``ConductorOneMockOptions/slowDelay`` before running the call.
    case slow
    /// Reset the HTTP/2 stream without an answer.
    case drop

    /// Parses a comma-separated list such as `unavailable,drop`.
    public static func parseList(_ text: String) -> [GRPCFault]? {
        let kinds = text.split(separator: ",").map { GRPCFault(rawValue: String($0)) }
        guard !kinds.isEmpty, kinds.allSatisfy({ $0 != nil }) else { return nil }
        return kinds.compactMap { $0 }
    }
}

/// The knobs of ``ConductorOneMock``; the defaults serve a fault-free mock on a random loopback port.
public struct ConductorOneMockOptions: Sendable {
    /// Address to bind (loopback only).
    public var host: String
    /// Port to bind; 0 picks a free one (read it back from ``ConductorOneMock/port``).
    public var port: Int
    /// Tasks queued at start, in `--task` syntax (see ``TaskSpec``).
    public var tasks: [String]
    /// Lifetime of issued access tokens (`expires_in`), in seconds.
    public var tokenTTLSeconds: Int
    /// `next_poll` of GetTask/GetTasks answers.
    public var pollInterval: Duration
    /// `next_heartbeat` of Heartbeat (and GetTask) answers.
    public var heartbeatInterval: Duration
    /// Probability (0...1) that a BatonService call gets a fault from ``faultKinds``.
    public var faultRate: Double
    /// The faults to draw from, uniformly.
    public var faultKinds: [GRPCFault]
    /// The delay of a ``GRPCFault/slow`` fault.
    public var slowDelay: Duration
    /// The first N UploadAsset calls fail with Unavailable after their first data chunk.
    public var failUploadAttempts: Int
    /// Seed of the task ids and the fault draws (per call index, so a sequential client sees the same faults).
    public var seed: UInt64
    /// Largest unary request body accepted.
    public var maxRequestBytes: Int
    /// Largest UploadAsset stream accepted (streamed to disk, not buffered).
    public var maxUploadBytes: Int
    /// The client id's name part: `<clientName>@<tokenHost>/pcc`.
    public var clientName: String
    /// The client id's host part, which the SDK uses as the JWT audience (the real address travels in
    /// `BATON_C1_API_HOST`).
    public var tokenHost: String
    /// Server log level.
    public var logLevel: Logger.Level
    /// How long a handed-out task may go without a heartbeat before it is queued again, as ConductorOne does
    /// with a daemon that died; `nil` never.
    public var taskLease: Duration? = nil
    /// The clock leases are measured on; tests move their own.
    public var clock: @Sendable () -> ContinuousClock.Instant = { .now }
    /// The clock access tokens expire on (assertions are always checked against the real time); tests move their own.
    public var tokenClock: @Sendable () -> Date = { Date() }

    /// Creates options.
    public init(
        host: String = "127.0.0.1", port: Int = 0, tasks: [String] = [], tokenTTLSeconds: Int = 3600,
        pollInterval: Duration = .milliseconds(1000), heartbeatInterval: Duration = .milliseconds(1000),
        faultRate: Double = 0, faultKinds: [GRPCFault] = GRPCFault.allCases, slowDelay: Duration = .seconds(2),
        failUploadAttempts: Int = 0, seed: UInt64 = 1, maxRequestBytes: Int = 64 << 20, maxUploadBytes: Int = 4 << 30,
        clientName: String = "baton-mock", tokenHost: String = "conductorone.mock", logLevel: Logger.Level = .warning
    ) {
        self.host = host
        self.port = port
        self.tasks = tasks
        self.tokenTTLSeconds = tokenTTLSeconds
        self.pollInterval = pollInterval
        self.heartbeatInterval = heartbeatInterval
        self.faultRate = faultRate
        self.faultKinds = faultKinds
        self.slowDelay = slowDelay
        self.failUploadAttempts = failUploadAttempts
        self.seed = seed
        self.maxRequestBytes = maxRequestBytes
        self.maxUploadBytes = maxUploadBytes
        self.clientName = clientName
        self.tokenHost = tokenHost
        self.logLevel = logLevel
    }
}
