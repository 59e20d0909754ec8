public import BatonProto
public import Foundation

/// The kind of a sync run, as stored in `v1_sync_runs.sync_type`.
public enum SyncType: String, Sendable, Hashable, CaseIterable {
    case full
    case partial
    case resourcesOnly = "resources_only"
    case partialUpserts = "partial_upserts"
    case partialDeletions = "partial_deletions"

    /// Reads a stored value; unknown types are treated as full syncs, as the Go retention policy does.
    init(stored value: String) {
        self = SyncType(rawValue: value) ?? .full
    }
}

/// One row of `v1_sync_runs`: a sync's identity, timing, checkpoint and (once ended) statistics.
public struct SyncRun: Sendable, Equatable {
    /// The sync id (a KSUID).
    public var id: String
    /// When the sync started (stored as UTC text).
    public var startedAt: Date
    /// Nil while the sync is running.
    public var endedAt: Date?
    /// The syncer's checkpoint JSON; empty until the first checkpoint.
    public var syncToken: String
    /// The kind of sync.
    public var syncType: SyncType
    /// The sync a partial or diff sync is based on; empty for full syncs.
    public var parentSyncID: String
    /// The paired diff sync (upserts ↔ deletions); usually empty.
    public var linkedSyncID: String
    /// True when the grants of this sync carry expansion metadata in their columns.
    public var supportsDiff: Bool
    /// Statistics stored when the sync ended, if any.
    public var stats: C1_Reader_V2_SyncStats?
    /// `startedAt` to the nanosecond as stored, when read from a file (Go stores nanoseconds).
    public var storedStartedAt: SQLiteTime.Instant?
    /// `endedAt` to the nanosecond as stored, when read from a file.
    public var storedEndedAt: SQLiteTime.Instant?

    public init(
        id: String, startedAt: Date, endedAt: Date? = nil, syncToken: String = "", syncType: SyncType = .full,
        parentSyncID: String = "", linkedSyncID: String = "", supportsDiff: Bool = false,
        stats: C1_Reader_V2_SyncStats? = nil
    ) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.syncToken = syncToken
        self.syncType = syncType
        self.parentSyncID = parentSyncID
        self.linkedSyncID = linkedSyncID
        self.supportsDiff = supportsDiff
        self.stats = stats
    }

    /// True once the sync has ended.
    public var isFinished: Bool { endedAt != nil }
}
