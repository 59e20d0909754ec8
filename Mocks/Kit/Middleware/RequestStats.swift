import Synchronization

/// Request counters behind `GET /__mock/stats`.
final class RequestStats: Sendable {
    struct Counters {
        var nextIndex = 0
        var routes: [String: Int] = [:]
        var statuses: [Int: Int] = [:]
        var faults: [String: Int] = [:]
        var rateLimited = 0
        var authFailures = 0
        /// Path and query of every successful GET, in arrival order (for replaying the same reads).
        var reads: [String] = []
    }

    private let counters = Mutex(Counters())

    /// Hands out the next request index (the stream for per-request randomness).
    func nextIndex() -> Int {
        counters.withLock { state in
            defer { state.nextIndex += 1 }
            return state.nextIndex
        }
    }

    func record(
        route: String, status: Int, fault: FaultKind?, rateLimited: Bool, authFailed: Bool, read: String? = nil
    ) {
        counters.withLock { state in
            if let read, (200..<300).contains(status), fault == nil { state.reads.append(read) }
            state.routes[route, default: 0] += 1
            state.statuses[status, default: 0] += 1
            if let fault { state.faults[fault.rawValue, default: 0] += 1 }
            if rateLimited { state.rateLimited += 1 }
            if authFailed { state.authFailures += 1 }
        }
    }

    func reset() {
        counters.withLock { $0 = Counters() }
    }

    /// `["/api/v1/users?limit=200", …]`: the successful GETs so far, in order.
    func readsJSON() -> [UInt8] {
        let reads = counters.withLock { $0.reads }
        var json = JSONWriter()
        json.array { json in
            for read in reads { json.string(read) }
        }
        return json.bytes
    }

    /// `{"total":…,"routes":{"GET /api/v1/users":…},"statuses":{"200":…},"faults":{…},…}`.
    func json() -> [UInt8] {
        let state = counters.withLock { $0 }
        var json = JSONWriter()
        json.object { json in
            json.field("total", state.nextIndex)
            json.key("routes")
            json.object { json in
                for route in state.routes.keys.sorted() { json.field(route, state.routes[route] ?? 0) }
            }
            json.key("statuses")
            json.object { json in
                for status in state.statuses.keys.sorted() { json.field(String(status), state.statuses[status] ?? 0) }
            }
            json.key("faults")
            json.object { json in
                for fault in state.faults.keys.sorted() { json.field(fault, state.faults[fault] ?? 0) }
            }
            json.field("rateLimited", state.rateLimited)
            json.field("authFailures", state.authFailures)
        }
        return json.bytes
    }
}
