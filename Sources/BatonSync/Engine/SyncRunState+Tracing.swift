import BatonSDK
import BatonStore
import Tracing

extension SyncPhase {
    /// The reference's span for the phase.
    var spanName: String {
        switch self {
        case .resourceTypes: "syncer.SyncResourceTypes"
        case .resources: "syncer.SyncResources"
        case .entitlements: "syncer.SyncEntitlements"
        case .grants: "syncer.SyncGrants"
        case .expansion: "syncer.SyncGrantExpansion"
        case .targeted: "syncer.SyncTargetedResource"
        case .done: "syncer.finalize"
        }
    }

    /// The reference's operation name in the `sync.step.<op>.duration_ms` attributes (`-` as `_`).
    var stepKey: String {
        switch self {
        case .resourceTypes: "sync_resource_types"
        case .resources: "sync_resources"
        case .entitlements: "sync_entitlements"
        case .grants: "sync_grants"
        case .expansion: "sync_grant_expansion"
        case .targeted: "sync_targeted_resource"
        case .done: "done"
        }
    }
}

extension SyncRunState {
    /// Puts the end-of-sync figures on the `syncer.Sync` span, with the reference's keys: `sync.type`,
    /// `sync.steps.total_ms`, `sync.completed_actions`, `sync.worker_count`, `sync.step.<op>.duration_ms` (phases and
    /// the `rate_limit_wait`/`retry_wait` waits) and `sync.connector.<method>.{count,total_ms,max_ms}`.
    ///
    /// Computed only for a recording span: without an exporter this is one check.
    func annotate(_ span: any Span) {
        guard span.isRecording else { return }
        span.updateAttributes { attributes in
            attributes["sync.type"] = syncType.rawValue
            attributes["sync.completed_actions"] = completedActions
            attributes["sync.worker_count"] = max(1, options.workers)
            var total: Int64 = 0
            for (step, milliseconds) in callStats.steps {
                let key = SyncPhase(rawValue: step)?.stepKey ?? step.replacing("-", with: "_")
                attributes["sync.step.\(key).duration_ms"] = milliseconds
                total += milliseconds
            }
            attributes["sync.steps.total_ms"] = total
            if retryTotals.rateLimitWaitMS > 0 {
                attributes["sync.step.rate_limit_wait.duration_ms"] = retryTotals.rateLimitWaitMS
            }
            if retryTotals.retryWaitMS > 0 {
                attributes["sync.step.retry_wait.duration_ms"] = retryTotals.retryWaitMS
            }
            for (method, stat) in callStats.calls {
                let key = "sync.connector." + Self.snakeCase(method)
                attributes[key + ".count"] = Int64(stat.count)
                attributes[key + ".total_ms"] = Int64(stat.totalMs)
                attributes[key + ".max_ms"] = Int64(stat.maxMs)
            }
        }
    }

    /// `ListResourceTypes` → `list_resource_types`.
    static func snakeCase(_ method: String) -> String {
        var result = ""
        for character in method {
            if character.isUppercase, !result.isEmpty { result.append("_") }
            result += character.lowercased()
        }
        return result
    }
}
