public import BatonSDK
import Foundation

/// How the client retries: which failures, how many attempts, and how long it waits between them.
///
/// Waits grow exponentially with full jitter (a random wait between zero and `initialBackoff × 2^(n-1)`, at most
/// `maxBackoff`), and never end before the server's `Retry-After` or rate-limit reset. A wait the server demands
/// that exceeds `maxWait` is not slept in the client: the error surfaces with its rate-limit state so the sync
/// engine can plan the wait instead.
public struct HTTPRetryPolicy: Sendable {
    /// Total attempts including the first (1 disables retries).
    public var maxAttempts: Int
    /// The backoff ceiling before jitter for the first retry.
    public var initialBackoff: Duration
    /// The largest backoff before jitter.
    public var maxBackoff: Duration
    /// The longest single wait the client sleeps, server-demanded waits included.
    public var maxWait: Duration
    /// Attempts for a request whose whole timeout ran out. A server that did not answer within the timeout
    /// once rarely answers the next time; without this cap a dead server would cost `maxAttempts` timeouts.
    public var maxTimeoutAttempts: Int = 2
    /// Statuses retried on retry-safe requests.
    public var retryableStatuses: Set<Int>
    /// Retry transient transport failures (reset, closed, timeout, DNS temporary) on retry-safe requests.
    /// Failures before anything was sent (refused, DNS, connect timeout) are retried for every method.
    public var retriesTransportFailures: Bool

    /// Creates a policy; the defaults suit a sync: 5 attempts, 1 s first backoff, 30 s backoff cap, 60 s wait cap,
    /// statuses 429, 502, 503, 504.
    public init(
        maxAttempts: Int = 5,
        initialBackoff: Duration = .seconds(1),
        maxBackoff: Duration = .seconds(30),
        maxWait: Duration = .seconds(60),
        retryableStatuses: Set<Int> = [429, 502, 503, 504],
        retriesTransportFailures: Bool = true
    ) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxWait = maxWait
        self.retryableStatuses = retryableStatuses
        self.retriesTransportFailures = retriesTransportFailures
    }

    /// No retries at all.
    public static let none = HTTPRetryPolicy(maxAttempts: 1)

    /// The jittered backoff before retry number `retry` (1-based).
    func backoff(beforeRetry retry: Int, random: (Double) -> Double = { Double.random(in: 0...$0) })
        -> Duration
    {
        let exponent = Double(min(max(retry - 1, 0), 30))
        let ceiling = min(initialBackoff.seconds * pow(2, exponent), maxBackoff.seconds)
        return .seconds(random(max(ceiling, 0)))
    }

    /// The wait before retry number `retry`: the jittered backoff, but no earlier than the server asked.
    ///
    /// - Returns: `nil` when the server-demanded wait exceeds `maxWait` (do not retry in the client).
    func wait(beforeRetry retry: Int, serverDelay: Duration?) -> Duration? {
        let backoff = backoff(beforeRetry: retry)
        guard let serverDelay else { return min(backoff, maxWait) }
        guard serverDelay <= maxWait else { return nil }
        return max(backoff, serverDelay)
    }
}

/// A wait the client is about to sleep before retrying, reported to ``BatonHTTPClient/Configuration/waitObserver``
/// so the sync engine can account retry and rate-limit time.
public struct RetryWait: Sendable {
    /// Why the client waits.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// The server said the rate limit is exhausted (429, or an exhausted budget).
        case rateLimited
        /// A retryable server status such as 502, 503 or 504.
        case serverStatus(Int)
        /// A transient transport failure.
        case transport(TransportFailure)

        public var description: String {
            switch self {
            case .rateLimited: "rate limited"
            case .serverStatus(let status): "HTTP \(status)"
            case .transport(let failure): failure.summary
            }
        }
    }

    /// Why.
    public var reason: Reason
    /// How long the client will sleep.
    public var duration: Duration
    /// The retry about to happen (1 = first retry).
    public var retry: Int
    /// `METHOD host/path` of the request (no query).
    public var request: String
    /// The rate-limit state of the response that caused the wait, if any.
    public var rateLimit: RateLimitInfo?
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
