public import Logging

/// The knobs every mock server shares. All randomness (latency jitter, faults) is drawn from `seed`
/// per request index, so a sequential client sees the same faults on every run.
///
/// ```swift
/// var options = MockOptions()
/// options.faultRate = 0.05
/// options.rateLimit = RateLimit(count: 600, windowSeconds: 60)
/// ```
public struct MockOptions: Sendable {
    /// Address to bind; mocks serve loopback only.
    public var host: String
    /// Port to bind; 0 picks a free port (read it back from `MockServer.baseURL`).
    public var port: Int
    /// Seed for faults and jitter (services use it for their tenant too, when built from options).
    public var seed: UInt64
    /// Fixed delay before every service response.
    public var latency: Duration
    /// Extra delay drawn uniformly from `0...jitter` per request.
    public var jitter: Duration
    /// Probability (0...1) that a request gets an injected fault.
    public var faultRate: Double
    /// The faults to choose from (uniformly) when one is injected.
    public var faultKinds: [FaultKind]
    /// Requests allowed per window; nil disables rate limiting.
    public var rateLimit: RateLimit?
    /// Upper bound on any page size, below the service's own maximum; nil keeps the service's.
    public var pageCap: Int?
    /// Credentials the service accepts; nil keeps the service's documented defaults.
    public var credentials: MockCredentials?
    /// Log level of the server's logger.
    public var logLevel: Logger.Level
    /// The clock rate-limit windows are counted on; tests pass a manual clock to step over windows.
    public var now: @Sendable () -> Timestamp

    /// Creates options; the defaults serve a fast, fault-free mock on a random loopback port.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        seed: UInt64 = 1,
        latency: Duration = .zero,
        jitter: Duration = .zero,
        faultRate: Double = 0,
        faultKinds: [FaultKind] = FaultKind.allCases,
        rateLimit: RateLimit? = nil,
        pageCap: Int? = nil,
        credentials: MockCredentials? = nil,
        logLevel: Logger.Level = .warning,
        now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.host = host
        self.port = port
        self.seed = seed
        self.latency = latency
        self.jitter = jitter
        self.faultRate = faultRate
        self.faultKinds = faultKinds
        self.rateLimit = rateLimit
        self.pageCap = pageCap
        self.credentials = credentials
        self.logLevel = logLevel
        self.now = now
    }
}

/// Credentials a mock accepts: a secret (API token, PAT, password) and, for services with basic
/// auth, a user name.
public struct MockCredentials: Sendable, Hashable {
    /// The user name for basic auth (e.g. a Jira email); unused by token-only services.
    public var username: String?
    /// The secret: API token or password.
    public var secret: String

    /// Creates credentials.
    public init(username: String? = nil, secret: String) {
        self.username = username
        self.secret = secret
    }
}

/// A kind of injected failure.
public enum FaultKind: String, Sendable, CaseIterable, Hashable {
    /// `500 Internal Server Error` with the service's error body.
    case internalServerError = "500"
    /// `502 Bad Gateway`, as a load balancer would send it.
    case badGateway = "502"
    /// `503 Service Unavailable`.
    case serviceUnavailable = "503"
    /// The connection is closed without any response.
    case drop
    /// The real response head (with its full `Content-Length`) and half the body, then the
    /// connection closes.
    case truncate

    /// Parses a comma-separated list such as `500,503,drop`.
    public static func parseList(_ text: String) -> [FaultKind]? {
        let kinds = text.split(separator: ",").map { FaultKind(rawValue: String($0)) }
        guard !kinds.isEmpty, kinds.allSatisfy({ $0 != nil }) else { return nil }
        return kinds.compactMap { $0 }
    }
}

/// A fixed-window rate limit: `count` requests per `windowSeconds`, windows aligned to the epoch
/// (so a 60-second window resets on the minute, like Okta's).
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Requests allowed per window.
    public var count: Int
    /// Window length in whole seconds (at least 1).
    public var windowSeconds: Int

    /// Creates a limit.
    public init(count: Int, windowSeconds: Int) {
        self.count = max(0, count)
        self.windowSeconds = max(1, windowSeconds)
    }

    /// Parses `600/60s`, `600/60` or `5000/1h`, `100/1m`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let count = Int(parts[0]), count >= 0 else { return nil }
        var window = Substring(parts[1])
        var multiplier = 1
        switch window.last {
        case "s": window = window.dropLast()
        case "m": window = window.dropLast(); multiplier = 60
        case "h": window = window.dropLast(); multiplier = 3600
        default: break
        }
        guard let seconds = Int(window), seconds > 0 else { return nil }
        self.init(count: count, windowSeconds: seconds * multiplier)
    }

    public var description: String { "\(count)/\(windowSeconds)s" }
}

/// Where a running mock stands in its current rate-limit window, for the service's headers.
public struct RateLimitStatus: Sendable, Hashable {
    /// Requests allowed per window.
    public var limit: Int
    /// Requests left in the window after this one (0 when exceeded).
    public var remaining: Int
    /// Requests counted in the window, this one included.
    public var used: Int
    /// When the window ends, in whole seconds since the epoch.
    public var resetEpochSeconds: Int64
    /// Seconds until the window ends (at least 1).
    public var retryAfterSeconds: Int
    /// Whether this request is over the limit and must be rejected.
    public var exceeded: Bool

    /// Creates a status.
    public init(
        limit: Int, remaining: Int, used: Int, resetEpochSeconds: Int64, retryAfterSeconds: Int, exceeded: Bool
    ) {
        self.limit = limit
        self.remaining = remaining
        self.used = used
        self.resetEpochSeconds = resetEpochSeconds
        self.retryAfterSeconds = retryAfterSeconds
        self.exceeded = exceeded
    }
}
