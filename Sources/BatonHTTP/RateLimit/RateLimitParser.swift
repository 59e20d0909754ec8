public import BatonSDK
public import Foundation

/// Reads rate-limit state from response headers, covering every header family the Go SDK reads.
///
/// For each field the first header of its list that yields a value wins:
///
/// | Field | Headers (`X-RateLimit-`, `RateLimit-`, `X-RateLimit-Requests-`, `X-Rate-Limit-` + the suffix) |
/// |---|---|
/// | limit | `…Limit` |
/// | remaining | `…Remaining` |
/// | reset | `…Reset`, then `Retry-After` |
///
/// Counts keep their leading digits (`500, 500;w=1` → 500). Resets accept epoch seconds, epoch milliseconds,
/// relative seconds (fractions too), RFC 3339 (with or without seconds, as Jira sends), RFC 850 and — beyond the
/// reference — RFC 1123 HTTP-dates and asctime, which is what `Retry-After` usually carries.
public enum RateLimitParser {
    static let limitHeaders = [
        "X-RateLimit-Limit", "RateLimit-Limit", "X-RateLimit-Requests-Limit", "X-Rate-Limit-Limit",
    ]
    static let remainingHeaders = [
        "X-RateLimit-Remaining", "RateLimit-Remaining", "X-RateLimit-Requests-Remaining",
        "X-Rate-Limit-Remaining",
    ]
    static let resetHeaders = [
        "X-RateLimit-Reset", "RateLimit-Reset", "X-RateLimit-Requests-Reset", "X-Rate-Limit-Reset",
        "Retry-After",
    ]

    /// The response headers worth logging: every rate-limit header plus `Date`.
    static let loggedHeaders = Set(
        (limitHeaders + remainingHeaders + resetHeaders + ["Date"]).map { $0.lowercased() })

    /// The rate-limit state of a response, or `nil` when it has no rate-limit header and is not a 429.
    ///
    /// - Parameters:
    ///   - headers: the response headers.
    ///   - status: the HTTP status; 429 forces `overLimit` with nothing remaining, and without any reset header
    ///     assumes `limit = 1`, reset in 60 s (as the reference does).
    ///   - now: the clock reading relative values are measured from.
    public static func parse(headers: HTTPHeaderFields, status: Int, now: Date = Date())
        -> RateLimitInfo?
    {
        let limit = firstCount(in: headers, names: limitHeaders)
        let remaining = firstCount(in: headers, names: remainingHeaders)
        let resetAt = resetHeaders.lazy.compactMap { name in
            headers[name].flatMap { parseReset($0, now: now) }
        }.first
        let isOverLimitStatus = status == 429
        guard limit != nil || remaining != nil || resetAt != nil || isOverLimitStatus else {
            return nil
        }

        var info = RateLimitInfo(
            status: .unspecified, limit: limit ?? 0, remaining: remaining ?? 0, resetAt: resetAt)
        if isOverLimitStatus {
            info.status = .overLimit
            info.remaining = 0
            if resetAt == nil {
                info.limit = 1
                info.resetAt = now.addingTimeInterval(60)
            }
        } else if let remaining {
            // Beyond the reference (which leaves 0 remaining as "unspecified"): an exhausted budget is over the limit.
            info.status = remaining > 0 ? .ok : .overLimit
        }
        return info
    }

    /// The leading run of digits of a count header (`100;w=60` → 100); `nil` when there is none.
    static func parseCount(_ value: String) -> Int64? {
        let digits = value.trimmingCharacters(in: .whitespaces).prefix { $0.isASCII && $0.isNumber }
        return Int64(digits)
    }

    private static func firstCount(in headers: HTTPHeaderFields, names: [String]) -> Int64? {
        for name in names {
            if let value = headers[name], !value.trimmingCharacters(in: .whitespaces).isEmpty {
                return parseCount(value)
            }
        }
        return nil
    }

    /// Thirty years, the reference's threshold between relative and absolute values.
    static let thirtyYears: Double = 946_080_000

    /// The furthest a reset may lie ahead: later ones are read as this (a hundred years, as good as never), so
    /// that every reset converts to a wait (`Duration`, milliseconds in an `Int64`) without overflowing.
    static let furthestReset: TimeInterval = 100 * 365 * 86_400

    /// Parses one reset value: a number (epoch ms, epoch s or relative s by magnitude) or a date, at most
    /// a hundred years after `now`.
    public static func parseReset(_ value: String, now: Date = Date()) -> Date? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        let date: Date?
        if let number = Double(text), number.isFinite, number >= 0,
            text.allSatisfy({ $0.isNumber || $0 == "." })
        {
            if number > thirtyYears * 1000 {
                date = Date(timeIntervalSince1970: number / 1000)
            } else if number > thirtyYears {
                date = Date(timeIntervalSince1970: number)
            } else {
                date = now.addingTimeInterval(number)
            }
        } else {
            date = HTTPDateParser.parse(text)
        }
        return date.map { min($0, now.addingTimeInterval(furthestReset)) }
    }
}
