import BatonHTTP
import BatonSDK
import Foundation
import Testing

@Suite("Rate-limit header parsing")
struct RateLimitParserTests {
    let now = Date(timeIntervalSince1970: 1_750_000_000)

    @Test(
        "every header family is read",
        arguments: [
            ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"),
            ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"),
            (
                "X-RateLimit-Requests-Limit", "X-RateLimit-Requests-Remaining", "X-RateLimit-Requests-Reset"
            ),
            ("X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"),
        ])
    func families(limit: String, remaining: String, reset: String) throws {
        let headers = HTTPHeaderFields([(limit, "600"), (remaining, "42"), (reset, "1750000030")])
        let info = try #require(RateLimitParser.parse(headers: headers, status: 200, now: now))
        #expect(info.limit == 600)
        #expect(info.remaining == 42)
        #expect(info.status == .ok)
        #expect(info.resetAt == Date(timeIntervalSince1970: 1_750_000_030))
    }

    @Test("header names are case-insensitive and the first family with a value wins")
    func precedence() throws {
        let headers: HTTPHeaderFields = [
            "x-rate-limit-limit": "10", "x-ratelimit-limit": "5000", "ratelimit-remaining": "7",
            "x-rate-limit-remaining": "1",
        ]
        let info = try #require(RateLimitParser.parse(headers: headers, status: 200, now: now))
        #expect(info.limit == 5000)
        #expect(info.remaining == 7)
    }

    @Test(
        "weighted values keep their leading count",
        arguments: [("500, 500;w=1", 500), ("100;w=60", 100), (" 7 ", 7)])
    func weighted(value: String, expected: Int64) throws {
        let info = try #require(
            RateLimitParser.parse(
                headers: ["RateLimit-Limit": value, "RateLimit-Remaining": value], status: 200))
        #expect(info.limit == expected)
        #expect(info.remaining == expected)
    }

    @Test(
        "reset values in every style",
        arguments: [
            ("1750000030", 1_750_000_030.0),  // epoch seconds
            ("1750000030000", 1_750_000_030.0),  // epoch milliseconds
            ("30", 1_750_000_030.0),  // relative seconds
            ("1.5", 1_750_000_001.5),  // fractional relative seconds
            ("2025-06-15T15:07:10Z", 1_750_000_030.0),  // RFC 3339
            ("2025-06-15T17:07:10.000+02:00", 1_750_000_030.0),  // RFC 3339 with offset and fraction
            ("2025-06-15T15:07Z", 1_750_000_020.0),  // Jira: no seconds
            ("Sunday, 15-Jun-25 15:07:10 GMT", 1_750_000_030.0),  // RFC 850
            ("Sun, 15 Jun 2025 15:07:10 GMT", 1_750_000_030.0),  // RFC 1123 HTTP-date (beyond the reference)
            ("Sun Jun 15 15:07:10 2025", 1_750_000_030.0),  // asctime
        ])
    func resetStyles(value: String, expected: Double) throws {
        let parsed = try #require(RateLimitParser.parseReset(value, now: now))
        #expect(parsed.timeIntervalSince1970 == expected)
    }

    @Test(
        "garbage resets fall through to the next header",
        arguments: ["soon", "", "-5", "2025-13-01T00:00:00Z"])
    func badResets(value: String) throws {
        #expect(RateLimitParser.parseReset(value, now: now) == nil)
        let headers: HTTPHeaderFields = ["X-RateLimit-Reset": value, "Retry-After": "10"]
        let info = try #require(RateLimitParser.parse(headers: headers, status: 429, now: now))
        #expect(info.resetAt == now.addingTimeInterval(10))
    }

    @Test("HTTP-date in Retry-After on a 429")
    func retryAfterHTTPDate() throws {
        let info = try #require(
            RateLimitParser.parse(
                headers: ["Retry-After": "Sun, 15 Jun 2025 15:07:10 GMT"], status: 429, now: now))
        #expect(info.status == .overLimit)
        #expect(info.resetAt == Date(timeIntervalSince1970: 1_750_000_030))
    }

    @Test("429 forces over-limit with nothing remaining")
    func overLimit() throws {
        let headers: HTTPHeaderFields = [
            "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "12", "Retry-After": "3",
        ]
        let info = try #require(RateLimitParser.parse(headers: headers, status: 429, now: now))
        #expect(info.status == .overLimit)
        #expect(info.remaining == 0)
        #expect(info.limit == 100)
        #expect(info.resetAt == now.addingTimeInterval(3))
    }

    @Test("429 without any header assumes limit 1 and a reset in 60 s")
    func bare429() throws {
        let info = try #require(RateLimitParser.parse(headers: [:], status: 429, now: now))
        #expect(
            info
                == RateLimitInfo(
                    status: .overLimit, limit: 1, remaining: 0, resetAt: now.addingTimeInterval(60)))
    }

    @Test("no rate-limit header means no description")
    func absent() {
        #expect(
            RateLimitParser.parse(headers: ["Content-Type": "application/json"], status: 200) == nil)
    }

    @Test("an exhausted budget is over the limit")
    func exhausted() throws {
        let info = try #require(
            RateLimitParser.parse(
                headers: ["X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "0"], status: 403))
        #expect(info.status == .overLimit)
    }
}
