import BatonConfig
import BatonHTTP
import BatonSDK
import BatonSync
import Logging

extension CommandSession {
    /// The default action: sync the connector into `--file` (targeted with `--sync-resources`).
    func sync() async throws {
        var options = try SyncSettings.options(
            config: config, environment: invocation.environment, processors: invocation.processors)
        options.logger = logger
        options.progress = { [monitor] progress in monitor.record(progress) }
        // Enough pooled connections for every worker's requests; a no-op when a client already exists.
        HTTPTransport.configureShared(.init(maxConnectionsPerHost: max(16, options.workers * 4)))
        let path = invocation.absolutePath(config.string("file"))
        logger.info(
            "starting sync",
            metadata: [
                "file": "\(path)", "workers": .stringConvertible(options.workers),
                "targeted": .stringConvertible(options.targetedResources.count),
            ])

        let summary = try await withConnector { runtime in
            let ticker = monitor.startTicking()
            defer {
                ticker?.cancel()
                logging.statusLine.clear()
            }
            do {
                return try await Syncer(runtime: runtime, outputPath: path, options: options).run()
            } catch {
                let failure = CommandInvocation.commandError(error)
                guard failure.exitCode == CommandError.ExitCode.interrupted || Task.isCancelled else { throw error }
                throw CommandError.interrupted(
                    "interrupted; the sync is saved in \(Syncer.workingPath(for: path)) and the next run resumes it")
            }
        }
        report(summary, path: path)
    }

    /// The end-of-sync summary: a short block for a person, one structured line in JSON mode.
    private func report(_ summary: SyncSummary, path: String) {
        let stats = summary.stats
        let waits = monitor.waits
        let calls = summary.progress.connectorCalls
        let seconds = max(summary.duration, 0.001)
        switch logging.format {
        case .json:
            let progress = summary.progress
            logger.info(
                "sync finished",
                metadata: [
                    "file": "\(path)", "sync_id": "\(summary.syncID)", "sync_type": "\(summary.syncType)",
                    "resumed": .stringConvertible(summary.resumed),
                    "duration_ms": .stringConvertible(Int64(summary.duration * 1000)),
                    "resource_types": .stringConvertible(stats.resourceTypes),
                    "resources": .stringConvertible(stats.resources),
                    "entitlements": .stringConvertible(stats.entitlements),
                    "grants": .stringConvertible(stats.grants),
                    "derived_grants": .stringConvertible(progress.derivedGrants),
                    "connector_calls": .stringConvertible(calls),
                    "retries": .stringConvertible(progress.retries),
                    "http_waits": .stringConvertible(waits.count),
                    "http_wait_ms": .stringConvertible(waits.milliseconds),
                    "warnings": .stringConvertible(progress.warnings),
                    "c1z_bytes": .stringConvertible(summary.c1zBytes),
                ])
        case .console:
            let waitMS = waits.milliseconds + summary.progress.rateLimitWaitMS
            var text = "Sync finished in \(ProgressText.duration(milliseconds: Int64(summary.duration * 1000)))"
            text += summary.resumed ? " (resumed)" : ""
            text += ": \(displayPath(path)), \(ProgressText.bytes(summary.c1zBytes))\n"
            text += "  \(stats.resourceTypes) resource types, \(stats.resources) resources, "
            text += "\(stats.entitlements) entitlements, \(stats.grants) grants"
            text += " (\(summary.progress.derivedGrants) derived)\n"
            text += "  \(calls) connector calls (\(ProgressText.format(Double(calls) / seconds))/s), "
            text += "\(summary.progress.retries) retries, \(waits.count) HTTP waits"
            text +=
                waits.count > 0 || waitMS > 0
                ? " (\(waits.rateLimited) rate-limited, \(ProgressText.duration(milliseconds: waitMS)))" : ""
            text += summary.progress.warnings > 0 ? ", \(summary.progress.warnings) warnings" : ""
            text += "\n  \(summary.syncType) sync \(summary.syncID)\n"
            logging.statusLine.write(logging.output.redactor.redact(text))
        }
    }

    /// The path as the user gave it when relative (shorter), else absolute.
    private func displayPath(_ absolute: String) -> String {
        let given = config.string("file")
        return given.hasPrefix("/") ? absolute : given
    }
}
