import BatonProto
import BatonSDK
import BatonSync
import Crypto
import Foundation
import GRPCCore
import Logging
import Tracing

extension TaskDaemon {
    /// How a sync under heartbeats ended.
    enum SyncEnd: Sendable {
        case finished(SyncSummary)
        case failed(BatonError)
        /// ConductorOne answered a heartbeat with `cancelled`.
        case cancelledByServer
        /// Too many heartbeats in a row failed.
        case heartbeatsFailed(String)
        /// The daemon is stopping: the working file stays for the next run to resume.
        case interrupted
    }

    /// The c1z a task's sync writes: named by the task, so a daemon restarted mid-sync resumes it.
    func syncPath(_ task: C1_Connectorapi_Baton_V1_Task) -> String {
        let safe = task.id.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return (settings.temporaryDirectory as NSString).appendingPathComponent("baton-sync-\(safe).c1z")
    }

    /// A full sync as ConductorOne asks it: first heartbeat, then the sync with heartbeats beside it, then the
    /// upload of the c1z, then the report. The working file is removed once the task is reported.
    func fullSync(
        _ task: C1_Connectorapi_Baton_V1_Task, _ body: C1_Connectorapi_Baton_V1_Task.SyncFullTask, logger: Logger
    ) async -> TaskOutcome {
        await withSpan("fullSyncTaskHandler.HandleTask") { _ in
            let first: C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse
            do {
                first = try await client.heartbeat(hostID: settings.hostID, taskID: task.id)
            } catch {
                return .noReport("the first heartbeat failed: \(Self.message(error))")
            }
            if first.cancelled { return .noReport("cancelled before it started") }

            let path = syncPath(task)
            let options = syncOptions(for: body, logger: logger)
            let end = await syncWithHeartbeats(
                task, path: path, options: options, interval: Self.heartbeatInterval(first), logger: logger)
            switch end {
            case .finished(let summary):
                logger.info(
                    "sync finished",
                    metadata: [
                        "sync_id": "\(summary.syncID)", "resources": .stringConvertible(summary.stats.resources),
                        "grants": .stringConvertible(summary.stats.grants),
                        "c1z_bytes": .stringConvertible(summary.c1zBytes),
                    ])
                // The upload and the report finish even when the daemon is told to stop meanwhile.
                let uploaded = await Task { await self.upload(path, taskID: task.id, logger: logger) }.value
                removeSyncFiles(path)
                if let failure = uploaded { return .failure(failure, nonRetryable: false) }
                return .success(nil)
            case .failed(let error):
                removeSyncFiles(path)
                return .failure(error, nonRetryable: false)
            case .cancelledByServer:
                removeSyncFiles(path)
                return .failure(BatonError(.cancelled, "task cancelled by ConductorOne"), nonRetryable: false)
            case .heartbeatsFailed(let reason):
                return .failure(BatonError(.cancelled, "heartbeats failed: \(reason)"), nonRetryable: false)
            case .interrupted:
                // Handed back: ConductorOne may give it to this daemon again, which resumes the working file.
                return .failure(
                    BatonError(.cancelled, "the daemon is stopping; the sync is saved and resumes on the next run"),
                    nonRetryable: false)
            }
        }
    }

    /// The local sync options with the task's own settings over them.
    func syncOptions(for body: C1_Connectorapi_Baton_V1_Task.SyncFullTask, logger: Logger) -> SyncOptions {
        var options = settings.syncOptions
        options.logger = logger
        if body.skipExpandGrants { options.skipExpansion = true }
        if body.skipEntitlementsAndGrants { options.skipEntitlementsAndGrants = true }
        if body.skipGrants { options.skipGrants = true }
        if !body.syncResourceTypeIds.isEmpty { options.resourceTypeFilter = body.syncResourceTypeIds }
        if !body.targetedSyncResources.isEmpty {
            options.targetedResources = body.targetedSyncResources.map { resource in
                (resource.id, resource.hasParentResourceID ? resource.parentResourceID : nil)
            }
        }
        if body.storageEngine.lowercased() == "pebble" {
            logger.warning("the task asks for a Pebble c1z; writing a SQLite c1z (format v2), which every reader opens")
        }
        return options
    }

    /// Runs the sync with a heartbeat loop beside it; whichever says stop first wins.
    func syncWithHeartbeats(
        _ task: C1_Connectorapi_Baton_V1_Task, path: String, options: SyncOptions, interval: Duration,
        logger: Logger
    ) async -> SyncEnd {
        let runtime = self.runtime
        return await withTaskGroup(of: SyncEnd?.self) { group in
            group.addTask {
                do {
                    let summary = try await BatonTracing.withSpan("fullSyncTaskHandler.sync") { _ in
                        try await Syncer(runtime: runtime, outputPath: path, options: options).run()
                    }
                    return .finished(summary)
                } catch {
                    if Task.isCancelled { return nil }
                    return .failed(Self.batonError(error))
                }
            }
            group.addTask { await self.heartbeats(task, interval: interval, logger: logger) }
            var end: SyncEnd? = nil
            while let next = await group.next() {
                if end == nil, let next { end = next }
                // The sync ended (or must stop): the other task is no longer needed.
                group.cancelAll()
            }
            if Task.isCancelled, end == nil || { if case .finished = end! { return false } else { return true } }() {
                return .interrupted
            }
            return end ?? .interrupted
        }
    }

    /// Heartbeats until cancelled (returns `nil`), ConductorOne cancels the task, or too many fail in a row.
    func heartbeats(_ task: C1_Connectorapi_Baton_V1_Task, interval: Duration, logger: Logger) async -> SyncEnd? {
        var interval = interval
        var failures = 0
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return nil
            }
            do {
                let response = try await BatonTracing.withSpan("taskHelpers.HeartbeatTask") { _ in
                    try await client.heartbeat(hostID: settings.hostID, taskID: task.id)
                }
                failures = 0
                if response.cancelled {
                    logger.info("ConductorOne cancelled the task")
                    return .cancelledByServer
                }
                interval = Self.heartbeatInterval(response)
            } catch {
                if Task.isCancelled { return nil }
                failures += 1
                logger.warning(
                    "heartbeat failed",
                    metadata: ["error": "\(Self.message(error))", "failures": .stringConvertible(failures)])
                if failures >= settings.heartbeatFailureLimit { return .heartbeatsFailed(Self.message(error)) }
            }
        }
    }

    /// `next_heartbeat` clamped to 1 s…5 min; 0 means 30 s.
    static func heartbeatInterval(_ response: C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse) -> Duration {
        let asked = duration(response.nextHeartbeat)
        if asked <= .zero { return .seconds(30) }
        return min(max(asked, .seconds(1)), .seconds(300))
    }

    static func duration(_ value: Google_Protobuf_Duration) -> Duration {
        .seconds(value.seconds) + .nanoseconds(Int64(value.nanos))
    }

    func removeSyncFiles(_ path: String) {
        for file in [path, Syncer.workingPath(for: path)] { try? FileManager.default.removeItem(atPath: file) }
    }

    // MARK: Upload

    /// Streams the c1z as one asset: metadata, 512 KiB chunks, then the SHA-256. Up to three attempts (waits of
    /// 0 s and 1 s), each from the start of the file. Returns the last error when every attempt failed.
    func upload(_ path: String, taskID: String, logger: Logger) async -> BatonError? {
        await withSpan("taskHelpers.Upload") { _ in
            let digest: Data
            do {
                digest = try Self.sha256(of: path)
            } catch {
                return BatonError(.internal, "reading the sync file for upload: \(Self.message(error))")
            }
            var last = BatonError(.unknown, "upload not attempted")
            for attempt in 1...max(1, settings.uploadAttempts) {
                if attempt > 1 { try? await Task.sleep(for: .seconds(attempt - 2)) }
                do {
                    try await uploadOnce(path, taskID: taskID, digest: digest)
                    logger.info("uploaded the sync", metadata: ["attempt": .stringConvertible(attempt)])
                    return nil
                } catch {
                    last = Self.batonError(error)
                    logger.warning(
                        "upload failed", metadata: ["attempt": .stringConvertible(attempt), "error": "\(last.message)"])
                }
            }
            return last
        }
    }

    private func uploadOnce(_ path: String, taskID: String, digest: Data) async throws {
        let hostID = settings.hostID
        let chunkSize = settings.uploadChunkSize
        try await client.uploadAsset { writer in
            var first = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest()
            var metadata = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest.UploadMetadata()
            metadata.hostID = hostID
            metadata.taskID = taskID
            first.metadata = metadata
            try await writer.write(first)
            guard let file = FileHandle(forReadingAtPath: path) else {
                throw BatonError(.internal, "the sync file \(path) cannot be opened")
            }
            defer { try? file.close() }
            while let chunk = try file.read(upToCount: chunkSize), !chunk.isEmpty {
                var message = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest()
                var data = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest.UploadData()
                data.data = chunk
                message.data = data
                try await writer.write(message)
            }
            var last = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest()
            var eof = C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest.UploadEOF()
            eof.sha256Checksum = digest
            last.eof = eof
            try await writer.write(last)
        }
    }

    static func sha256(of path: String) throws -> Data {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw BatonError(.internal, "\(path) cannot be opened")
        }
        defer { try? file.close() }
        var hasher = SHA256()
        while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return Data(hasher.finalize())
    }
}
