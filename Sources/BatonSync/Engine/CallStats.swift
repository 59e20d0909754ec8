import BatonSDK
import Foundation

/// Per-method connector call statistics and per-phase durations, stored with the sync's stats.
struct CallStats: Sendable {
    private(set) var calls: [String: C1_Reader_V2_CallStat] = [:]
    private(set) var steps: [String: Int64] = [:]

    mutating func record(_ method: String, milliseconds: Int64, failed: Bool) {
        var stat = calls[method] ?? C1_Reader_V2_CallStat()
        stat.count += 1
        stat.totalMs += milliseconds
        stat.maxMs = max(stat.maxMs, milliseconds)
        if failed { stat.errors += 1 }
        calls[method] = stat
    }

    mutating func addStep(_ name: String, milliseconds: Int64) {
        steps[name, default: 0] += milliseconds
    }

    var asSyncStats: C1_Reader_V2_SyncStats {
        var stats = C1_Reader_V2_SyncStats()
        stats.connectorCallStats = calls
        stats.stepDurationsMs = steps
        return stats
    }
}

/// Milliseconds since `start`.
func millisecondsSince(_ start: ContinuousClock.Instant) -> Int64 {
    let elapsed = ContinuousClock.now - start
    return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
}
