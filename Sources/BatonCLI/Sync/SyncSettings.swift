import BatonConfig
import BatonSDK
import BatonSync

/// The sync flags turned into ``SyncOptions`` (everything but the logger and the progress callback).
enum SyncSettings {
    /// `--workers`: -1 automatic (the processor count, at most 4), 0 the default
    /// (``ConnectorDefinition/defaultWorkers``), N > 0 exactly N. `--parallel-sync` (deprecated) means -1 when
    /// `--workers` is not set.
    ///
    /// - Throws: ``CommandError`` (usage) below -1.
    static func workers(_ requested: Int, parallelSync: Bool, processors: Int) throws(CommandError) -> Int {
        let value = requested == 0 && parallelSync ? -1 : requested
        switch value {
        case -1: return min(max(processors, 1), 4)
        case 0: return ConnectorDefinition.defaultWorkers
        case 1...: return value
        default:
            throw .usage("invalid --workers \(requested): expected -1 (automatic), 0 (default) or a positive number")
        }
    }

    /// The options for the flags in `config`.
    ///
    /// - Throws: ``CommandError`` (usage) for a malformed `--sync-resources` id or `--workers`.
    static func options(config: ResolvedConfig, environment: [String: String], processors: Int)
        throws(CommandError) -> SyncOptions
    {
        var options = SyncOptions.fromEnvironment(environment)
        options.workers = try workers(
            config.int("workers"), parallelSync: config.bool("parallel-sync"), processors: processors)
        options.resourceTypeFilter = config.stringList("sync-resource-types").filter { !$0.isEmpty }
        options.skipEntitlementsAndGrants = config.bool("skip-entitlements-and-grants")
        options.skipGrants = config.bool("skip-grants")
        for text in config.stringList("sync-resources") where !text.isEmpty {
            do {
                let (id, parent) = try BID.parseResource(text)
                options.targetedResources.append((id, parent))
            } catch let error as BatonError {
                throw .usage(error.message)
            } catch {
                throw .usage("invalid resource bid '\(text)'")
            }
        }
        if let keep = environment["BATON_KEEP_SYNC_COUNT"].flatMap(Int.init), keep > 0 {
            options.keepSyncs = keep
        }
        return options
    }
}
