public import Foundation

/// What a server said about its rate limit, parsed from response headers.
///
/// The sync engine uses ``resetAt`` and ``remaining`` to decide how long to wait before retrying;
/// it is converted to the `c1.connector.v2.RateLimitDescription` annotation where one is stored.
public struct RateLimitInfo: Sendable, Equatable {
    /// The reference's rate-limit status values.
    public enum Status: Sendable, Equatable {
        case unspecified, ok, overLimit, error
    }

    public var status: Status
    public var limit: Int64
    public var remaining: Int64
    /// When the window resets; `nil` when the server did not say.
    public var resetAt: Date?

    public init(status: Status = .unspecified, limit: Int64 = 0, remaining: Int64 = 0, resetAt: Date? = nil) {
        self.status = status
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
    }

    /// How long to wait before the next request, following the reference rule: with nothing
    /// remaining wait until the reset; otherwise spread the remaining requests over the window.
    public func suggestedDelay(now: Date = Date()) -> TimeInterval? {
        guard let resetAt, resetAt > now else { return nil }
        let window = resetAt.timeIntervalSince(now)
        if remaining <= 0 { return window }
        return (window / Double(remaining)).rounded(.up)
    }
}
