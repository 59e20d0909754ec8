public import BatonSDK
public import Foundation
public import Logging

/// How a sync runs. Defaults suit a one-shot `baton-<service> -f sync.c1z`.
public struct SyncOptions: Sendable {
    /// Connector calls in flight at once (list calls for independent resources run in parallel).
    /// The c1z content does not depend on it. Values below 1 mean 1.
    public var workers: Int = Self.defaultWorkers
    /// The default for ``workers`` (``SyncWorkers/default``): syncs wait on upstream latency, so it is sized for
    /// requests in flight, not for cores.
    public static let defaultWorkers = SyncWorkers.default
    /// Only sync these resource type ids (empty = all). Unknown ids are an error.
    public var resourceTypeFilter: [String] = []
    /// Sync resources only (`resources_only` sync): no entitlements, grants or expansion.
    public var skipEntitlementsAndGrants = false
    /// Targeted (partial) sync of these resources instead of a full sync.
    public var targetedResources: [(id: ResourceID, parent: ResourceID?)] = []
    /// With targeted resources: skip their grants.
    public var skipGrants = false
    /// Do not run grant expansion (derived grants are then left to the reader).
    public var skipExpansion = false
    /// Maximum expansion depth (`BATON_GRAPH_EXPAND_MAX_DEPTH`, default 20).
    public var maxExpansionDepth: Int = 20
    /// Retries of `Unavailable`/`DeadlineExceeded` errors.
    public var retry = SyncRetryPolicy()
    /// Finished full syncs to keep in the file (`BATON_KEEP_SYNC_COUNT`, default 2).
    public var keepSyncs: Int? = nil
    /// Logger for warnings and progress.
    public var logger = Logger(label: "baton.sync")
    /// Called (from the sync's task) after each page with the running totals.
    public var progress: (@Sendable (SyncProgress) -> Void)? = nil

    public init() {}

    /// Options with `BATON_GRAPH_EXPAND_MAX_DEPTH` applied from `environment`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> SyncOptions
    {
        var options = SyncOptions()
        if let depth = environment["BATON_GRAPH_EXPAND_MAX_DEPTH"].flatMap(Int.init), depth > 0 {
            options.maxExpansionDepth = depth
        }
        return options
    }
}

/// Running totals reported while a sync runs.
public struct SyncProgress: Sendable, Equatable {
    public var phase: SyncPhase
    public var resourceTypes = 0
    public var resources = 0
    public var entitlements = 0
    public var grants = 0
    public var derivedGrants = 0
    public var connectorCalls = 0
    public var retries = 0
    public var rateLimitWaitMS: Int64 = 0
    public var warnings = 0

    public init(phase: SyncPhase) { self.phase = phase }
}

/// The sync phases in the reference order.
public enum SyncPhase: String, Sendable, Codable, Comparable, CaseIterable {
    case resourceTypes = "list-resource-types"
    case resources = "list-resources"
    case entitlements = "list-entitlements"
    case grants = "list-grants"
    case expansion = "grant-expansion"
    case targeted = "targeted-resource-sync"
    case done = "done"

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: SyncPhase, b: SyncPhase) -> Bool { a.order < b.order }
}

/// What a finished sync did.
public struct SyncSummary: Sendable {
    public var syncID: String
    public var syncType: String
    public var resumed: Bool
    public var progress: SyncProgress
    public var stats: C1_Reader_V2_SyncStats
    public var duration: TimeInterval
    public var c1zBytes: Int64
}
