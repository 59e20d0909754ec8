import BatonHTTP
import Foundation
import Synchronization

/// Records every retry wait the client reports.
final class WaitRecorder: Sendable {
    private let waits = Mutex<[RetryWait]>([])

    var all: [RetryWait] { waits.withLock { $0 } }

    var observer: @Sendable (RetryWait) -> Void {
        { wait in self.waits.withLock { $0.append(wait) } }
    }
}

/// A thread-safe counter for scripting "first N requests fail, then succeed".
final class Counter: Sendable {
    private let value = Mutex(0)

    /// Increments and returns the new value (1 for the first call).
    func next() -> Int {
        value.withLock { (value: inout Int) in
            value += 1
            return value
        }
    }

    var current: Int { value.withLock { $0 } }
}

extension BatonHTTPClient.Configuration {
    /// Fast retries, no cache, optional log capture: the usual test client.
    static func testing(
        maxAttempts: Int = 3,
        timeout: Duration = .seconds(10),
        waits: WaitRecorder? = nil,
        logs: CapturedLogs? = nil,
        cache: CacheConfiguration = .disabled
    ) -> Self {
        var configuration = Self(
            userAgent: "baton-test", timeout: timeout,
            retry: HTTPRetryPolicy(
                maxAttempts: maxAttempts, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20),
                maxWait: .seconds(5)),
            cache: cache)
        configuration.waitObserver = waits?.observer
        if let logs { configuration.logger = logs.logger }
        return configuration
    }
}

/// Formats dates the way rate-limit headers carry them.
enum HeaderDates {
    static func rfc3339(_ date: Date) -> String {
        format(date, "yyyy-MM-dd'T'HH:mm:ss'Z'")
    }

    static func rfc850(_ date: Date) -> String {
        format(date, "EEEE, dd-MMM-yy HH:mm:ss 'GMT'")
    }

    static func httpDate(_ date: Date) -> String {
        format(date, "EEE, dd MMM yyyy HH:mm:ss 'GMT'")
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}

/// Sends `count` GETs to `<pathPrefix><n>` at once and returns their statuses.
func sendConcurrently(
    _ count: Int, client: BatonHTTPClient, server: ScriptedHTTPServer, pathPrefix: String
) async throws -> [Int] {
    try await withThrowingTaskGroup(of: Int.self) { group in
        for index in 0..<count {
            group.addTask {
                try await client.send(HTTPRequest(.get, url: server.url("\(pathPrefix)\(index)"))).status
            }
        }
        return try await group.reduce(into: []) { $0.append($1) }
    }
}
