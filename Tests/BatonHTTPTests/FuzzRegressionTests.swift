import BatonHTTP
import BatonSDK
import Foundation
import Testing

/// Inputs `make fuzz` found crashing, minimised; each must now get the documented answer.
@Suite("Fuzz regressions: HTTP parsers")
struct HTTPFuzzRegressionTests {
    @Test("a Link parameter that is a bare '=' is dropped, not a trap (link-header)")
    func bareEqualsParameter() {
        let links = LinkHeader.links(in: "<https://x.test/a>;=")
        #expect(links.map(\.target) == ["https://x.test/a"])
        #expect(links.first?.parameters == [:])
        #expect(LinkHeader.parse(["<https://x.test/a>; =; rel=next"]) == ["next": "https://x.test/a"])
    }

    @Test("a '>' joined into one grapheme with the character before it still closes the target (link-header)")
    func delimiterInsideGrapheme() {
        // U+0605 (ARABIC NUMBER MARK ABOVE) prepends itself to the next character, here the '>'.
        let links = LinkHeader.links(in: "<a\u{0605}>; rel=next, <https://x.test/b>; rel=last")
        #expect(links.map(\.target) == ["a\u{0605}", "https://x.test/b"])
        #expect(links.map(\.relations) == [["next"], ["last"]])
    }
}

/// Resets so far away that turning them into a wait trapped (`Duration.seconds`, `Int64` milliseconds): a
/// server's `Retry-After` or reset header could crash a sync.
@Suite("Fuzz regressions: rate-limit resets")
struct RateLimitFuzzRegressionTests {
    let now = Date(timeIntervalSince1970: 1_765_000_000)

    @Test(
        "an absurd reset is read as a hundred years ahead and converts to a wait (rate-limit)",
        arguments: [
            "388888888888888888888888888888888888885592",  // epoch milliseconds, 1e41 (found by the fuzzer)
            "1" + String(repeating: "0", count: 300),  // epoch milliseconds, 1e300
            "Thu, 02 Jan 99999999999999999 03:04:05 GMT",  // a year that overflowed the day arithmetic
        ])
    func absurdReset(_ value: String) throws {
        let reset = RateLimitParser.parseReset(value, now: now)
        if let reset {
            #expect(reset <= now.addingTimeInterval(100 * 365 * 86_400))
            _ = Duration.seconds(max(0, reset.timeIntervalSince(now)))
        }
        let headers = HTTPHeaderFields([("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", value)])
        let info = RateLimitParser.parse(headers: headers, status: 429, now: now)
        let delay = try #require(info?.suggestedDelay(now: now))
        #expect(delay <= 100 * 365 * 86_400)
        _ = Duration.milliseconds(Int64(delay * 1000))
    }

    @Test("a five-digit year is not a date")
    func fiveDigitYear() {
        #expect(RateLimitParser.parseReset("Thu, 02 Jan 12025 03:04:05 GMT", now: now) == nil)
        #expect(RateLimitParser.parseReset("Thu, 02 Jan 2025 03:04:05 GMT", now: now) != nil)
    }
}
