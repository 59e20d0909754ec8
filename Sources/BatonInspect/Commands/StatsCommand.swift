import ArgumentParser
import BatonProto
import BatonStore

/// `baton stats`: how many resource types, entitlements and grants a sync holds, and how many
/// resources of each type.
///
/// Reads the latest finished sync of any type (as the Go tool does) unless `--sync-id` names one. The
/// console table is the Go tool's; `-o json` prints `{"syncId":…,"stats":<c1.reader.v2.SyncStats>}`.
struct StatsCommand: InspectCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Simple stats about the c1z")

    @OptionGroup var global: GlobalOptions

    func run(in context: CommandContext) throws {
        try context.withStore(global.file) { store in
            let syncID = try global.syncID ?? store.latestFinishedSync(type: nil)?.id ?? store.resolveSyncID(nil)
            let stats = try store.stats(syncID: syncID)
            switch global.outputFormat {
            case .json:
                var object = JSONObject()
                object.add("syncId", string: syncID)
                object.add("stats", json: try ProtoJSON.plainString(stats))
                context.output.write(object.text + "\n")
            case .console:
                var counts = stats.resourcesByResourceType
                counts["resource_types"] = stats.resourceTypes
                counts["entitlements"] = stats.entitlements
                counts["grants"] = stats.grants
                var table = ConsoleTable(headers: ["Type", "Count"])
                for key in counts.keys.sorted() {
                    table.append([key, String(counts[key] ?? 0)])
                }
                context.output.write(table.rendered())
            }
        }
    }
}
