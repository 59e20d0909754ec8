public import BatonSDK
import BatonStore
import Foundation
import Logging
import Tracing

/// Turns a connector's pages into a c1z file.
///
/// The sync works in a database kept beside the output (`<output>.partial`): pages are written
/// together with the checkpoint that follows them, in one transaction a second, so a killed sync
/// resumes on the next run and redoes at most the last second's pages and those in flight. Only a finished sync replaces the
/// output, atomically; the previous file is never touched before that.
///
/// ```swift
/// let runtime = try ConnectorRuntime(MyConnector(config))
/// let summary = try await Syncer(runtime: runtime, outputPath: "sync.c1z").run()
/// ```
public final class Syncer: Sendable {
    public let runtime: ConnectorRuntime
    public let outputPath: String
    public let options: SyncOptions

    public init(runtime: ConnectorRuntime, outputPath: String, options: SyncOptions = SyncOptions()) {
        self.runtime = runtime
        self.outputPath = outputPath
        self.options = options
    }

    /// The working database path for `outputPath`.
    public static func workingPath(for outputPath: String) -> String { outputPath + ".partial" }

    /// Runs (or resumes) the sync and writes the c1z.
    /// - Throws: ``BatonError`` or a store error with a one-line message; the working database is
    ///   kept so the next run resumes.
    ///
    /// Traced as `syncer.Sync` (attribute `sync_id`, and the end-of-sync figures: ``SyncRunState/annotate(_:)``),
    /// with one span per phase and `builder.<Method>` around each connector call.
    public func run() async throws -> SyncSummary {
        try await BatonTracing.withSpan("syncer.Sync") { span in try await run(span: span) }
    }

    private func run(span: any Span) async throws -> SyncSummary {
        try validateOptions()
        let workingPath = Self.workingPath(for: outputPath)
        let store = try C1ZStore.openWorking(at: workingPath, seedingFrom: outputPath)
        var run: SyncRunState?
        do {
            let state = try await SyncRunState.start(syncer: self, store: store)
            run = state
            span.attributes["sync_id"] = state.syncID
            try await state.execute()
            let summary = try BatonTracing.withSpan("syncer.finalize") { _ in try state.finish() }
            state.annotate(span)
            try store.close()
            C1ZStore.removeWorkingFiles(at: workingPath)
            return summary
        } catch {
            run?.annotate(span)
            // Pages taken in before the failure are kept for the next run, with their checkpoint.
            try? run?.saveUnsaved()
            try? store.close()
            throw error
        }
    }

    private func validateOptions() throws {
        let known = Set(runtime.resourceTypes.map(\.id))
        for id in options.resourceTypeFilter where !known.contains(id) {
            throw BatonError(.invalidArgument, "invalid resource type '\(id)' in filter")
        }
        if options.skipGrants && options.targetedResources.isEmpty {
            throw BatonError(.invalidArgument, "--skip-grants is only valid with --sync-resources")
        }
    }
}

/// Everything one run of the sync mutates. Confined to the task running the sync.
final class SyncRunState {
    let syncer: Syncer
    let store: C1ZStore
    let syncID: String
    let syncType: SyncType
    let resumed: Bool
    var checkpoint: SyncCheckpoint
    var progress: SyncProgress
    var callStats = CallStats()
    var retryTotals = RetryCounters()
    var completedActions = 0
    let started = Date()
    /// Pages taken in but not yet stored, and the checkpoint that follows them.
    var unsaved = StoreBatch()
    var unsavedCheckpoint: SyncCheckpoint?
    var lastSave = ContinuousClock.now
    static let saveInterval = Duration.seconds(1)
    static let saveRecords = 10_000
    var runtime: ConnectorRuntime { syncer.runtime }
    var options: SyncOptions { syncer.options }
    var logger: Logger { syncer.options.logger }

    private init(
        syncer: Syncer, store: C1ZStore, syncID: String, type: SyncType, resumed: Bool,
        checkpoint: SyncCheckpoint
    ) {
        self.syncer = syncer
        self.store = store
        self.syncID = syncID
        self.syncType = type
        self.resumed = resumed
        self.checkpoint = checkpoint
        self.progress = SyncProgress(phase: checkpoint.syncPhase)
    }

    static func start(syncer: Syncer, store: C1ZStore) async throws -> SyncRunState {
        let options = syncer.options
        // Validate first: bad credentials must fail before anything is written.
        var counters = RetryCounters()
        let validateStart = ContinuousClock.now
        _ = try await options.retry.run("validate connector", counters: &counters) {
            try await syncer.runtime.connector.validate()
        }
        if !options.targetedResources.isEmpty {
            let parent = try store.latestFinishedSync(type: .full)?.id ?? ""
            let id = try store.startSync(type: .partial, parentSyncID: parent)
            var checkpoint = SyncCheckpoint()
            checkpoint.phase = SyncPhase.resourceTypes.rawValue
            let state = SyncRunState(
                syncer: syncer, store: store, syncID: id, type: .partial, resumed: false,
                checkpoint: checkpoint)
            state.callStats.record("Validate", milliseconds: millisecondsSince(validateStart), failed: false)
            return state
        }
        let type: SyncType = options.skipEntitlementsAndGrants ? .resourcesOnly : .full
        if let unfinished = try store.latestUnfinishedSync(type: type) {
            let checkpoint = SyncCheckpoint.decode(unfinished.syncToken) ?? SyncCheckpoint()
            options.logger.info(
                "resuming unfinished sync", metadata: ["sync_id": "\(unfinished.id)", "phase": "\(checkpoint.phase)"])
            return SyncRunState(
                syncer: syncer, store: store, syncID: unfinished.id, type: type, resumed: true,
                checkpoint: checkpoint)
        }
        let id = try store.startSync(type: type)
        let state = SyncRunState(
            syncer: syncer, store: store, syncID: id, type: type, resumed: false,
            checkpoint: SyncCheckpoint())
        state.callStats.record("Validate", milliseconds: millisecondsSince(validateStart), failed: false)
        return state
    }

    // MARK: Phases

    func execute() async throws {
        let phases: [SyncPhase] =
            syncType == .partial
            ? [.resourceTypes, .targeted, .expansion]
            : syncType == .resourcesOnly
                ? [.resourceTypes, .resources]
                : [.resourceTypes, .resources, .entitlements, .grants, .expansion]
        for phase in phases where phase >= checkpoint.syncPhase || syncType == .partial {
            // Every phase reads what the phases before it stored.
            try saveUnsaved()
            let start = ContinuousClock.now
            enter(phase)
            try await BatonTracing.withSpan(phase.spanName) { _ in
                switch phase {
                case .resourceTypes: try syncResourceTypes()
                case .resources: try await syncResources()
                case .entitlements: try await scanResources(.entitlements)
                case .grants: try await scanResources(.grants)
                case .expansion: try await expandGrants()
                case .targeted: try await syncTargeted()
                case .done: break
                }
            }
            callStats.addStep(phase.rawValue, milliseconds: millisecondsSince(start))
            logger.debug(
                "sync phase finished",
                metadata: ["phase": "\(phase.rawValue)", "duration_ms": "\(millisecondsSince(start))"])
        }
        enter(.done)
        try saveCheckpoint()
    }

    private func enter(_ phase: SyncPhase) {
        progress.phase = phase
        report()
    }

    func finish() throws -> SyncSummary {
        var runtimeStats = callStats.asSyncStats
        if retryTotals.rateLimitWaitMS > 0 {
            runtimeStats.stepDurationsMs["rate_limit_wait"] = retryTotals.rateLimitWaitMS
        }
        if retryTotals.retryWaitMS > 0 { runtimeStats.stepDurationsMs["retry_wait"] = retryTotals.retryWaitMS }
        var start = ContinuousClock.now
        _ = try store.cleanup(currentSyncID: syncID, keep: options.keepSyncs)
        logger.debug("sync cleanup finished", metadata: ["duration_ms": "\(millisecondsSince(start))"])
        let stats = try store.endSync(syncID: syncID, runtimeStats: runtimeStats)
        start = ContinuousClock.now
        let saved = try store.save(toC1Z: syncer.outputPath, compaction: .whenWorthwhile)
        logger.debug("c1z saved", metadata: ["duration_ms": "\(millisecondsSince(start))"])
        return SyncSummary(
            syncID: syncID, syncType: syncType.rawValue, resumed: resumed, progress: progress, stats: stats,
            duration: Date().timeIntervalSince(started), c1zBytes: Int64(saved.compressedBytes))
    }

    /// Takes in a page applied to the checkpoint: stored, with the checkpoint that follows it, once
    /// ``saveInterval`` has passed or ``saveRecords`` records wait, whichever comes first.
    ///
    /// One transaction per page would rewrite the same index pages through the log on every page; the
    /// price is that a killed sync redoes up to a second of pages, not only the pages in flight.
    func commit(_ batch: StoreBatch) throws {
        // Ctrl-C lands between pages: everything taken in so far stays resumable.
        try Task.checkCancellation()
        checkpoint.completed_actions_count = completedActions
        unsaved.append(batch)
        unsavedCheckpoint = checkpoint
        if unsaved.count >= Self.saveRecords || ContinuousClock.now - lastSave >= Self.saveInterval {
            try saveUnsaved()
        }
        progress.resourceTypes += batch.resourceTypes.count
        progress.resources += batch.resources.count
        progress.entitlements += batch.entitlements.count
        progress.grants += batch.grants.count
        report()
    }

    /// Stores the pages taken in since the last save, with the checkpoint that follows the last of
    /// them, in one transaction.
    func saveUnsaved() throws {
        guard let snapshot = unsavedCheckpoint else { return }
        try store.write(unsaved, syncID: syncID, checkpoint: try snapshot.encoded())
        unsaved = StoreBatch()
        unsavedCheckpoint = nil
        lastSave = .now
    }

    /// Stores what is unsaved, then the current checkpoint (a phase's boundary).
    func saveCheckpoint() throws {
        try saveUnsaved()
        try store.checkpoint(syncID: syncID, token: try checkpoint.encoded())
    }

    func report() {
        progress.retries = retryTotals.retries
        progress.rateLimitWaitMS = retryTotals.rateLimitWaitMS
        options.progress?(progress)
    }

    /// Folds a call's statistics in and returns its value or throws its error.
    func settle<T>(_ outcome: CallOutcome<T>) throws -> T {
        retryTotals.retries += outcome.counters.retries
        retryTotals.rateLimitWaitMS += outcome.counters.rateLimitWaitMS
        retryTotals.retryWaitMS += outcome.counters.retryWaitMS
        progress.connectorCalls += 1
        if case .failure = outcome.value {
            callStats.record(outcome.method, milliseconds: outcome.milliseconds, failed: true)
        } else {
            callStats.record(outcome.method, milliseconds: outcome.milliseconds, failed: false)
        }
        return try outcome.value.get()
    }

    /// A `NotFound` on one resource's entitlements or grants is a warning; too many stop the sync.
    func warn(_ error: BatonError, _ what: String) throws {
        progress.warnings += 1
        logger.warning("\(what): \(error.message)")
        if progress.warnings > 10 && Double(progress.warnings) > 0.1 * Double(max(completedActions, 1)) {
            throw BatonError(
                .aborted,
                "too many warnings (\(progress.warnings) of \(completedActions) actions); last: \(error.message)")
        }
    }
}

/// A connector call's result with what it cost.
struct CallOutcome<T: Sendable>: Sendable {
    var value: Result<T, BatonError>
    var counters: RetryCounters
    var method: String
    var milliseconds: Int64
}

/// Calls the connector with retries; the outcome carries what the call cost. Runs in child tasks,
/// so it touches no sync state.
func connectorCall<T: Sendable>(
    _ retry: SyncRetryPolicy, _ method: String, _ what: String, _ body: @Sendable () async throws -> T
) async throws -> CallOutcome<T> {
    var counters = RetryCounters()
    let start = ContinuousClock.now
    let value: Result<T, BatonError>
    do {
        // One `builder.<Method>` span per attempt, as the reference's connector builder makes one per RPC.
        value = .success(
            try await retry.run(what, counters: &counters) {
                try await BatonTracing.withSpan("builder." + method) { _ in try await body() }
            })
    } catch let error as BatonError {
        value = .failure(error)
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        value = .failure(BatonError(.unknown, "\(what): \(error)"))
    }
    return CallOutcome(value: value, counters: counters, method: method, milliseconds: millisecondsSince(start))
}
