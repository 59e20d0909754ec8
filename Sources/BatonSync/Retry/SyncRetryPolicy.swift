import BatonSDK
import Foundation

/// How the sync engine retries a connector call, above the HTTP client's own retries (`HTTPRetryPolicy` in
/// BatonHTTP): the reference rule, only `Unavailable` and `DeadlineExceeded` are retried, waiting
/// `attempt × initialBackoff` (at most `maxBackoff`), or until the server's rate-limit reset.
public struct SyncRetryPolicy: Sendable {
    /// Total attempts including the first, before giving up (the sync then stops and can be resumed).
    /// 0 = unlimited.
    public var maxAttempts = 10
    /// Attempts for a call that keeps timing out (`DeadlineExceeded` without rate-limit state). The HTTP
    /// client has already retried it, so a dead server must not cost `maxAttempts` more timeouts.
    public var maxTimeoutAttempts = 2
    /// The wait after the first failure; the n-th waits n times as long.
    public var initialBackoff: Duration = .seconds(1)
    /// The longest wait, rate-limit resets included.
    public var maxBackoff: Duration = .seconds(60)
    /// How to wait; tests replace it to run instantly.
    public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    public init() {}

    /// The wait before attempt `attempt + 1` after `error`, and whether it is a rate-limit wait.
    func delay(after error: BatonError, attempt: Int, now: Date = Date()) -> (Duration, rateLimited: Bool) {
        if let info = error.rateLimit, let suggested = info.suggestedDelay(now: now) {
            return (min(.milliseconds(Int64(suggested * 1000)), maxBackoff), true)
        }
        return (min(initialBackoff * attempt, maxBackoff), false)
    }
}

/// Counts what retries cost, for the progress line and the sync stats.
struct RetryCounters: Sendable {
    var retries = 0
    var rateLimitWaitMS: Int64 = 0
    var retryWaitMS: Int64 = 0
}

extension SyncRetryPolicy {
    /// Runs `call`, retrying retryable errors. Non-Baton errors pass through unchanged.
    func run<T: Sendable>(
        _ what: @autoclosure () -> String, counters: inout RetryCounters,
        _ call: () async throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await call()
            } catch let error as BatonError where error.isRetryable {
                attempt += 1
                let timedOut = error.code == .deadlineExceeded && error.rateLimit == nil
                if maxAttempts > 0 && attempt >= maxAttempts || timedOut && attempt >= maxTimeoutAttempts {
                    throw BatonError(
                        error.code, "\(what()): giving up after \(attempt) attempts: \(error.message)",
                        httpStatus: error.httpStatus, rateLimit: error.rateLimit)
                }
                let (wait, rateLimited) = delay(after: error, attempt: attempt)
                let ms = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
                counters.retries += 1
                if rateLimited { counters.rateLimitWaitMS += ms } else { counters.retryWaitMS += ms }
                try await sleep(wait)
            }
        }
    }
}
