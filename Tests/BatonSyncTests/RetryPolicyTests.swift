import BatonSDK
import Foundation
import Synchronization
import Testing

@testable import BatonSync

/// The sync engine's retry rule for connector calls.
@Suite struct RetryPolicyTests {
    /// A policy that records its waits instead of sleeping.
    func policy(_ waits: Waits) -> SyncRetryPolicy {
        var policy = SyncRetryPolicy()
        policy.sleep = { waits.append($0) }
        return policy
    }

    final class Waits: Sendable {
        private let list = Mutex<[Duration]>([])
        func append(_ wait: Duration) { list.withLock { $0.append(wait) } }
        var all: [Duration] { list.withLock { $0 } }
    }

    final class Calls: Sendable {
        private let count = Mutex(0)
        func next() -> Int {
            count.withLock {
                $0 += 1; return $0
            }
        }
        var total: Int { count.withLock { $0 } }
    }

    @Test func unavailableIsRetriedWithGrowingWaitsUntilItSucceeds() async throws {
        let waits = Waits()
        let calls = Calls()
        var counters = RetryCounters()
        let value = try await policy(waits).run("list users", counters: &counters) {
            if calls.next() < 4 { throw BatonError(.unavailable, "HTTP 503") }
            return 7
        }
        #expect(value == 7)
        #expect(waits.all == [.seconds(1), .seconds(2), .seconds(3)])
        #expect(counters.retries == 3)
    }

    @Test func unavailableGivesUpAfterMaxAttemptsWithOneLine() async throws {
        let calls = Calls()
        var counters = RetryCounters()
        let error = await #expect(throws: BatonError.self) {
            try await policy(Waits()).run("list users", counters: &counters) { () async throws -> Int in
                _ = calls.next()
                throw BatonError(.unavailable, "HTTP 503")
            }
        }
        #expect(calls.total == 10)
        #expect(error?.message == "list users: giving up after 10 attempts: HTTP 503")
    }

    @Test func aServerThatNeverAnswersCostsTwoAttemptsNotTen() async throws {
        let calls = Calls()
        var counters = RetryCounters()
        let error = await #expect(throws: BatonError.self) {
            try await policy(Waits()).run("list users", counters: &counters) { () async throws -> Int in
                _ = calls.next()
                throw BatonError(.deadlineExceeded, "GET /users: request timeout")
            }
        }
        #expect(calls.total == 2)
        #expect(error?.code == .deadlineExceeded)
    }

    @Test func otherErrorsAreNotRetried() async throws {
        let calls = Calls()
        var counters = RetryCounters()
        await #expect(throws: BatonError.self) {
            try await policy(Waits()).run("list users", counters: &counters) { () async throws -> Int in
                _ = calls.next()
                throw BatonError(.permissionDenied, "HTTP 403")
            }
        }
        #expect(calls.total == 1)
    }
}
