import BatonHTTP
import BatonSDK
import Foundation
import Testing

@Suite("Retries, rate limits and transport faults against a live server")
struct ClientRetryTests {
    enum ResetStyle: String, CaseIterable, Sendable {
        case relativeSeconds, epochSeconds, epochMilliseconds, rfc3339, rfc850, httpDate

        /// A header, in this style and a different family each, saying the limit resets 30 s after `now`.
        func header(now: Date) -> (String, String) {
            let target = now.addingTimeInterval(30)
            switch self {
            case .relativeSeconds: return ("Retry-After", "30")
            case .epochSeconds: return ("X-Rate-Limit-Reset", String(Int(target.timeIntervalSince1970)))
            case .epochMilliseconds:
                return ("X-RateLimit-Reset", String(Int64(target.timeIntervalSince1970 * 1000)))
            case .rfc3339: return ("RateLimit-Reset", HeaderDates.rfc3339(target))
            case .rfc850: return ("X-RateLimit-Requests-Reset", HeaderDates.rfc850(target))
            case .httpDate: return ("Retry-After", HeaderDates.httpDate(target))
            }
        }
    }

    @Test(
        "429 in each reset style: the reset is read, and a wait beyond the cap is left to the caller",
        arguments: ResetStyle.allCases)
    func rateLimitResetStyles(style: ResetStyle) async throws {
        let server = try await ScriptedHTTPServer.start { _ in
            .json(429, #"{"errorCode":"E0000047"}"#, headers: [style.header(now: Date())])
        }
        let waits = WaitRecorder()
        // The test client sleeps at most 5 s, so a 30 s reset must not be slept.
        let client = BatonHTTPClient(configuration: .testing(waits: waits))
        let before = Date()
        let error = try await #require(throws: BatonError.self) {
            try await client.send(HTTPRequest(.get, url: server.url("/api/v1/users")))
        }
        let after = Date()
        #expect(error.code == .unavailable)
        #expect(error.httpStatus == 429)
        #expect(error.rateLimit?.status == .overLimit)
        #expect(error.rateLimit?.remaining == 0)
        let resetAt = try #require(error.rateLimit?.resetAt)
        // Whole-second formats may truncate up to a second.
        #expect(resetAt >= before.addingTimeInterval(29), "\(style): \(resetAt) vs \(before)")
        #expect(resetAt <= after.addingTimeInterval(30))
        #expect(server.requests.count == 1)
        #expect(waits.all.isEmpty)
        try await server.stop()
    }

    @Test(
        "429 is retried after the wait the server asks for",
        arguments: [
            ("Retry-After", "1", Duration.seconds(1)), ("X-Rate-Limit-Reset", "1000000000", .zero),
        ])
    func rateLimitedThenSuccess(header: String, value: String, serverWait: Duration) async throws {
        let counter = Counter()
        let server = try await ScriptedHTTPServer.start { _ in
            guard counter.next() > 1 else { return .json(429, "{}", headers: [(header, value)]) }
            return .json(
                "{\"ok\":true}",
                headers: [("X-Rate-Limit-Limit", "600"), ("X-Rate-Limit-Remaining", "599")])
        }
        let waits = WaitRecorder()
        let client = BatonHTTPClient(configuration: .testing(waits: waits))
        let response = try await client.send(HTTPRequest(.get, url: server.url("/api/v1/users")))
        #expect(response.status == 200)
        #expect(response.rateLimit?.status == .ok)
        #expect(response.rateLimit?.remaining == 599)
        #expect(server.count(path: "/api/v1/users") == 2)
        let wait = try #require(waits.all.first)
        #expect(waits.all.count == 1)
        #expect(wait.reason == .rateLimited)
        #expect(wait.rateLimit?.status == .overLimit)
        // The jittered backoff is at most 20 ms here: the server's wait sets the floor (a past reset none).
        // Dates are doubles, so allow a microsecond of rounding.
        #expect(wait.duration >= serverWait - .microseconds(1))
        #expect(wait.duration <= max(serverWait, .milliseconds(20)) + .microseconds(1))
        try await server.stop()
    }

    @Test("503 then success")
    func serviceUnavailableThenSuccess() async throws {
        let counter = Counter()
        let server = try await ScriptedHTTPServer.start { _ in
            counter.next() == 1 ? .text(503, "down for maintenance") : .json("[]")
        }
        let waits = WaitRecorder()
        let client = BatonHTTPClient(configuration: .testing(waits: waits))
        let (items, _) = try await client.decode(
            HTTPRequest(.get, url: server.url("/x")), as: [Int].self)
        #expect(items.isEmpty)
        #expect(server.requests.count == 2)
        #expect(waits.all.map(\.reason) == [.serverStatus(503)])
        try await server.stop()
    }

    @Test("retries are bounded and the last error carries status and rate limit")
    func bounded() async throws {
        let server = try await ScriptedHTTPServer.start { _ in
            .json(
                503, #"{"message":"Service temporarily unavailable"}"#,
                headers: [("X-RateLimit-Remaining", "3")])
        }
        let client = BatonHTTPClient(configuration: .testing(maxAttempts: 3))
        let error = try await #require(throws: BatonError.self) {
            try await client.send(HTTPRequest(.get, url: server.url("/orgs/acme?per_page=100")))
        }
        #expect(error.code == .unavailable)
        #expect(error.httpStatus == 503)
        #expect(error.rateLimit?.remaining == 3)
        #expect(
            error.message == "GET 127.0.0.1:\(server.port)/orgs/acme: HTTP 503 Service Unavailable: "
                + #"{"message":"Service temporarily unavailable"}"#)
        #expect(error.isRetryable)
        #expect(server.requests.count == 3)
        try await server.stop()
    }

    @Test("POST is not retried unless marked idempotent", arguments: [false, true])
    func post(markedIdempotent: Bool) async throws {
        let server = try await ScriptedHTTPServer.start { _ in .text(502) }
        let client = BatonHTTPClient(configuration: .testing(maxAttempts: 3))
        var request = HTTPRequest(.post, url: server.url("/groups"), body: .json(["name": "eng"]))
        if markedIdempotent { request.isIdempotent = true }
        await #expect(throws: BatonError.self) { try await client.send(request) }
        #expect(server.requests.count == (markedIdempotent ? 3 : 1))
        try await server.stop()
    }

    @Test("POST with an Idempotency-Key header is retried")
    func idempotencyKey() async throws {
        let counter = Counter()
        let server = try await ScriptedHTTPServer.start { _ in
            counter.next() == 1 ? .text(429) : .text(201)
        }
        let client = BatonHTTPClient(configuration: .testing())
        let response = try await client.send(
            HTTPRequest(
                .post, url: server.url("/users"), headers: ["Idempotency-Key": "k1"],
                body: .raw(Data(), contentType: "text/plain")))
        #expect(response.status == 201)
        #expect(server.requests.count == 2)
        try await server.stop()
    }

    @Test("GitHub's exhausted 403 is a rate limit only when configured", arguments: [false, true])
    func exhaustedForbidden(treatAsRateLimited: Bool) async throws {
        let counter = Counter()
        let server = try await ScriptedHTTPServer.start { _ in
            guard counter.next() > 1 else {
                return .json(
                    403, #"{"message":"API rate limit exceeded"}"#,
                    headers: [
                        ("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "0"),
                        ("X-RateLimit-Reset", "0"),
                    ])
            }
            return .json("{}")
        }
        var configuration = BatonHTTPClient.Configuration.testing()
        configuration.treatsExhaustedForbiddenAsRateLimited = treatAsRateLimited
        let client = BatonHTTPClient(configuration: configuration)
        let request = HTTPRequest(.get, url: server.url("/orgs/acme/members"))
        if treatAsRateLimited {
            #expect(try await client.send(request).status == 200)
            #expect(server.requests.count == 2)
        } else {
            let error = try await #require(throws: BatonError.self) { try await client.send(request) }
            #expect(error.code == .permissionDenied)
            #expect(error.rateLimit?.status == .overLimit)
            #expect(server.requests.count == 1)
        }
        try await server.stop()
    }

    @Test("connection reset: retried for GET, unavailable when retries run out")
    func connectionReset() async throws {
        let counter = Counter()
        let server = try await ScriptedHTTPServer.start { _ in
            counter.next() == 1 ? .reset : .json("{}")
        }
        let waits = WaitRecorder()
        let client = BatonHTTPClient(configuration: .testing(waits: waits))
        #expect(try await client.send(HTTPRequest(.get, url: server.url("/x"))).status == 200)
        #expect(server.requests.count == 2)
        #expect(waits.all.count == 1)

        let resetting = try await ScriptedHTTPServer.start { _ in .reset }
        let once = BatonHTTPClient(configuration: .testing(maxAttempts: 1))
        let error = try await #require(throws: BatonError.self) {
            try await once.send(HTTPRequest(.get, url: resetting.url("/y")))
        }
        #expect(error.code == .unavailable)
        #expect(error.message == "GET 127.0.0.1:\(resetting.port)/y: connection reset")
        try await server.stop()
        try await resetting.stop()
    }

    @Test("a connection closed without an answer, or mid-body, is unavailable")
    func closed() async throws {
        let counter = Counter()
        let server = try await ScriptedHTTPServer.start { _ in
            counter.next() == 1 ? .close : .truncate(status: 200, partialBody: Data("[1,2".utf8))
        }
        let client = BatonHTTPClient(configuration: .testing(maxAttempts: 1))
        for (path, summary) in [
            ("/closed", "connection closed before response"), ("/truncated", "unexpected EOF"),
        ] {
            let error = try await #require(throws: BatonError.self) {
                try await client.send(HTTPRequest(.get, url: server.url(path)))
            }
            #expect(error.code == .unavailable)
            #expect(error.message == "GET 127.0.0.1:\(server.port)\(path): \(summary)")
        }
        try await server.stop()
    }

    @Test("connection refused is unavailable, and retried even for POST")
    func refused() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .text(200) }
        let url = server.url("/gone")
        try await server.stop()
        let waits = WaitRecorder()
        let client = BatonHTTPClient(configuration: .testing(maxAttempts: 2, waits: waits))
        let error = try await #require(throws: BatonError.self) {
            try await client.send(HTTPRequest(.post, url: url))
        }
        #expect(error.code == .unavailable)
        #expect(error.message == "POST 127.0.0.1:\(server.port)/gone: connection refused")
        #expect(waits.all.map(\.reason) == [.transport(.connectionRefused)])
    }

    @Test("a slow response times out as deadline exceeded")
    func slowResponse() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .json("{}", delay: .seconds(10)) }
        let client = BatonHTTPClient(
            configuration: .testing(maxAttempts: 1, timeout: .milliseconds(500)))
        let error = try await #require(throws: BatonError.self) {
            try await client.send(HTTPRequest(.get, url: server.url("/slow")))
        }
        #expect(error.code == .deadlineExceeded)
        #expect(error.message == "GET 127.0.0.1:\(server.port)/slow: request timeout")
        try await server.stop()
    }

    @Test("a timed-out GET is retried")
    func timeoutRetried() async throws {
        let counter = Counter()
        let server = try await ScriptedHTTPServer.start { _ in
            counter.next() == 1 ? .json("{}", delay: .seconds(10)) : .json("{\"fast\":true}")
        }
        let waits = WaitRecorder()
        // Generous for the fast answer on a loaded machine, far below the slow one.
        let client = BatonHTTPClient(configuration: .testing(timeout: .seconds(2), waits: waits))
        #expect(
            try await client.send(HTTPRequest(.get, url: server.url("/slow"))).text == "{\"fast\":true}")
        #expect(waits.all.map(\.reason) == [.transport(.timeout)])
        try await server.stop()
    }

    @Test("a server that never answers costs two timeouts, not maxAttempts")
    func deadServerCostsTwoTimeouts() async throws {
        let counter = Counter()
        let server = try await ScriptedHTTPServer.start { _ in
            _ = counter.next()
            return .json("{}", delay: .seconds(30))
        }
        let client = BatonHTTPClient(configuration: .testing(maxAttempts: 5, timeout: .milliseconds(300)))
        let error = await #expect(throws: BatonError.self) {
            try await client.send(HTTPRequest(.get, url: server.url("/dead")))
        }
        #expect(error?.code == .deadlineExceeded)
        #expect(counter.next() == 3, "two requests reached the server before this one")
        try await server.stop()
    }
}
