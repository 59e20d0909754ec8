/// Spaces requests evenly: at most `requestsPerSecond` start per second (a leaky bucket without burst, like the
/// reference's `go.uber.org/ratelimit`).
actor RequestRateLimiter {
    private let interval: Duration
    private var nextSlot: ContinuousClock.Instant?

    init(requestsPerSecond: Double) {
        interval = .seconds(1 / max(requestsPerSecond, 0.001))
    }

    /// Reserves the next slot and returns how long to wait for it; the caller sleeps outside the actor so other
    /// callers can reserve later slots meanwhile.
    func reserve(now: ContinuousClock.Instant = .now) -> Duration {
        let slot = max(now, nextSlot ?? now)
        nextSlot = slot + interval
        return slot - now
    }

    /// Waits for this caller's slot.
    nonisolated func take() async throws {
        let wait = await reserve()
        if wait > .zero {
            try await Task.sleep(for: wait)
        }
    }
}
