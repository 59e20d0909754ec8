import AsyncHTTPClient
import BatonSDK
import Foundation
import NIOCore
import Testing

@testable import BatonHTTP

@Suite("Classification, backoff and limiters without I/O")
struct InternalsTests {
    @Test(
        "transport failures map to the reference codes",
        arguments: [
            (TransportFailure.connectionReset, BatonError.Code.unavailable, "connection reset"),
            (.connectionRefused, .unavailable, "connection refused"),
            (.connectionClosed, .unavailable, "connection closed before response"),
            (.brokenPipe, .unavailable, "broken pipe"),
            (.networkUnreachable, .unavailable, "network unreachable"),
            (.dnsNotFound, .invalidArgument, "dns lookup failed: NXDOMAIN"),
            (.dnsTemporary, .unavailable, "dns lookup failed: temporary failure"),
            (.connectTimeout, .deadlineExceeded, "connect timeout"),
            (.timeout, .deadlineExceeded, "request timeout"),
        ])
    func failureCodes(failure: TransportFailure, code: BatonError.Code, summary: String) {
        #expect(failure.code == code)
        #expect(failure.summary == summary)
        let error = failure.error(method: .get, target: "api.test/v1/x")
        #expect(error.code == code)
        #expect(error.message == "GET api.test/v1/x: \(summary)")
    }

    @Test("errors from the stack are classified")
    func classification() {
        #expect(TransportFailure(classifying: HTTPClientError.deadlineExceeded) == .timeout)
        #expect(TransportFailure(classifying: HTTPClientError.readTimeout) == .timeout)
        #expect(TransportFailure(classifying: HTTPClientError.connectTimeout) == .connectTimeout)
        #expect(
            TransportFailure(classifying: HTTPClientError.remoteConnectionClosed) == .connectionClosed)
        #expect(
            TransportFailure(classifying: IOError(errnoCode: ECONNRESET, reason: "read"))
                == .connectionReset)
        #expect(
            TransportFailure(classifying: IOError(errnoCode: ECONNREFUSED, reason: "connect"))
                == .connectionRefused)
        #expect(
            TransportFailure(classifying: IOError(errnoCode: EPIPE, reason: "write")) == .brokenPipe)
        #expect(
            TransportFailure(classifying: IOError(errnoCode: EHOSTUNREACH, reason: "connect"))
                == .networkUnreachable)
        #expect(TransportFailure(classifying: ChannelError.eof) == .connectionClosed)
        #expect(TransportFailure(classifying: CancellationError()) == .cancelled)
        #expect(TransportFailure.classify(resolverCode: EAI_NONAME) == .dnsNotFound)
        #expect(TransportFailure.classify(resolverCode: EAI_AGAIN) == .dnsTemporary)
        #expect(TransportFailure.classify(resolverCode: EAI_FAIL) == .dnsFailed)
    }

    @Test("failures before sending are retried for any method; others only for retry-safe requests")
    func beforeSend() {
        #expect(TransportFailure.connectionRefused.isBeforeSend)
        #expect(TransportFailure.connectTimeout.isBeforeSend)
        #expect(!TransportFailure.connectionReset.isBeforeSend)
        #expect(!TransportFailure.timeout.isBeforeSend)
        #expect(!TransportFailure.dnsNotFound.isTransient)
    }

    @Test("idempotency from method, header or override")
    func idempotency() throws {
        let url = try #require(URL(string: "https://api.test/x"))
        #expect(HTTPRequest(.get, url: url).isRetrySafe)
        #expect(HTTPRequest(.put, url: url).isRetrySafe)
        #expect(HTTPRequest(.delete, url: url).isRetrySafe)
        #expect(!HTTPRequest(.post, url: url).isRetrySafe)
        #expect(!HTTPRequest(.patch, url: url).isRetrySafe)
        #expect(HTTPRequest(.post, url: url, headers: ["X-Idempotency-Key": "1"]).isRetrySafe)
        #expect(HTTPRequest(.post, url: url, isIdempotent: true).isRetrySafe)
        #expect(!HTTPRequest(.get, url: url, isIdempotent: false).isRetrySafe)
    }

    @Test("backoff grows exponentially under the cap, with full jitter")
    func backoff() {
        let policy = HTTPRetryPolicy(
            initialBackoff: .seconds(1), maxBackoff: .seconds(30), maxWait: .seconds(60))
        let ceilings = (1...7).map { policy.backoff(beforeRetry: $0, random: { $0 }) }
        #expect(ceilings == [1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
        #expect(policy.backoff(beforeRetry: 3, random: { _ in 0 }) == .zero)
        for _ in 0..<100 {
            let wait = policy.backoff(beforeRetry: 4)
            #expect(wait >= .zero && wait <= .seconds(8))
        }
    }

    @Test("server delays set a floor on the wait, and past the cap stop the retry")
    func serverDelayFloor() {
        let policy = HTTPRetryPolicy(
            initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(1), maxWait: .seconds(60))
        #expect(policy.wait(beforeRetry: 1, serverDelay: .seconds(10)) == .seconds(10))
        #expect(policy.wait(beforeRetry: 1, serverDelay: .seconds(61)) == nil)
        let wait = policy.wait(beforeRetry: 1, serverDelay: nil)
        #expect(wait.map { $0 <= .milliseconds(1) } == true)
    }

    @Test("Retry-After wins; resets count only when rate limited")
    func serverDelay() throws {
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let url = try #require(URL(string: "https://api.test/x"))
        let limited = HTTPResponse(
            method: .get, url: url, status: 429,
            headers: ["X-RateLimit-Reset": "1750000030", "Retry-After": "5"])
        #expect(BatonHTTPClient.serverDelay(of: limited, rateLimited: true, now: now) == .seconds(5))
        let resetOnly = HTTPResponse(
            method: .get, url: url, status: 503, headers: ["X-RateLimit-Reset": "1750000030"])
        #expect(BatonHTTPClient.serverDelay(of: resetOnly, rateLimited: false, now: now) == nil)
        #expect(BatonHTTPClient.serverDelay(of: resetOnly, rateLimited: true, now: now) == .seconds(30))
    }

    @Test("the requests-per-second limiter spaces slots evenly")
    func rateSlots() async {
        let limiter = RequestRateLimiter(requestsPerSecond: 10)
        let start = ContinuousClock.now
        #expect(await limiter.reserve(now: start) == .zero)
        #expect(await limiter.reserve(now: start) == .milliseconds(100))
        #expect(await limiter.reserve(now: start + .milliseconds(50)) == .milliseconds(150))
        // After a quiet second the next request goes at once.
        #expect(await limiter.reserve(now: start + .seconds(2)) == .zero)
    }

    @Test("a cancelled waiter leaves the limiter queue")
    func limiterCancellation() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        await limiter.release()
        // The permit is free again: acquiring does not block.
        try await limiter.acquire()
    }

    @Test("header fields: case-insensitive, ordered, repeatable")
    func headerFields() {
        var headers = HTTPHeaderFields([("Link", "a"), ("Accept", "x"), ("link", "b")])
        #expect(headers.values(for: "LINK") == ["a", "b"])
        headers["Link"] = "c"
        #expect(headers.values(for: "link") == ["c"])
        #expect(headers.fields.map(\.name) == ["Link", "Accept"])
        headers["accept"] = nil
        #expect(!headers.contains("Accept"))
        #expect(headers.count == 1)
    }

    @Test("HTTP-date parser calendar arithmetic across leap years and centuries")
    func calendar() {
        #expect(HTTPDateParser.parse("2000-02-29T00:00:00Z")?.timeIntervalSince1970 == 951_782_400)
        #expect(HTTPDateParser.parse("1970-01-01T00:00:00Z")?.timeIntervalSince1970 == 0)
        #expect(
            HTTPDateParser.parse("Mon, 01 Mar 2100 00:00:00 GMT")?.timeIntervalSince1970 == 4_107_542_400)
        #expect(HTTPDateParser.parse("Thu, 01 Jan 1970 01:00:00 +0100")?.timeIntervalSince1970 == 0)
    }
}
