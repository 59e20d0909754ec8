import Synchronization

/// Counts requests in fixed windows aligned to the epoch.
final class RateLimiter: Sendable {
    private struct Window {
        var index: Int64 = .min
        var count = 0
    }

    let limit: RateLimit
    private let window = Mutex(Window())

    init(limit: RateLimit) {
        self.limit = limit
    }

    /// Counts one request made at `now` and says whether it is allowed.
    func take(now: Timestamp) -> RateLimitStatus {
        let seconds = Int64(limit.windowSeconds)
        let index = now.epochSeconds / seconds
        let used = window.withLock { state in
            if state.index != index {
                state = Window(index: index, count: 0)
            }
            state.count += 1
            return state.count
        }
        let reset = (index + 1) * seconds
        let exceeded = used > limit.count
        return RateLimitStatus(
            limit: limit.count,
            remaining: max(0, limit.count - used),
            used: min(used, limit.count),
            resetEpochSeconds: reset,
            retryAfterSeconds: max(1, Int(reset - now.epochSeconds)),
            exceeded: exceeded)
    }

    func reset() {
        window.withLock { $0 = Window() }
    }
}
