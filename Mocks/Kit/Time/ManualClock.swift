import Synchronization

/// A clock that only moves when told to, for `MockOptions.now` in tests: step over rate-limit
/// windows without sleeping.
///
/// ```swift
/// let clock = ManualClock(Timestamp(millis: 1_700_000_000_000))
/// let options = MockOptions(rateLimit: RateLimit(count: 3, windowSeconds: 60), now: clock.now)
/// clock.advance(seconds: 60)
/// ```
public final class ManualClock: Sendable {
    private let current: Mutex<Timestamp>

    /// Creates a clock showing `start`.
    public init(_ start: Timestamp) {
        current = Mutex(start)
    }

    /// The time the clock shows.
    @Sendable public func now() -> Timestamp {
        current.withLock { $0 }
    }

    /// Moves the clock forward.
    public func advance(seconds: Int64) {
        current.withLock { $0 = $0.adding(seconds: seconds) }
    }
}
