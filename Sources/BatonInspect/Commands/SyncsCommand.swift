import ArgumentParser
import BatonProto
import BatonStore
import Foundation

/// `baton syncs`: the sync runs stored in the file, oldest first.
///
/// The console table leaves out parent syncs to fit 80 columns; `-o json` includes them.
struct SyncsCommand: InspectCommand {
    static let configuration = CommandConfiguration(
        commandName: "syncs", abstract: "List the information for the various sync data stored in the C1Z")

    @OptionGroup var global: GlobalOptions

    func run(in context: CommandContext) throws {
        try context.withStore(global.file) { store in
            var list = ListOutput(
                global.outputFormat, jsonKey: "syncs", headers: ["ID", "Type", "Started (UTC)", "Ended (UTC)"],
                output: context.output)
            for run in try store.listSyncRuns() {
                try list.append(
                    json: { try ProtoJSON.plainString(run.readerSyncRun) },
                    row: {
                        [
                            run.id, run.syncType.rawValue, Self.consoleTime(run.startedAt),
                            run.endedAt.map(Self.consoleTime) ?? "running",
                        ]
                    })
            }
            list.finish()
        }
    }

    /// `YYYY-MM-DD HH:MM` in UTC.
    private static func consoleTime(_ date: Date) -> String {
        String(SQLiteTime.format(date).prefix(16))
    }
}

extension SyncRun {
    /// The run as the Go tool prints it: id, times, checkpoint token, type and parent (no statistics).
    var readerSyncRun: C1_Reader_V2_SyncRun {
        .with { output in
            output.id = id
            output.startedAt = Google_Protobuf_Timestamp(date: startedAt)
            if let endedAt {
                output.endedAt = Google_Protobuf_Timestamp(date: endedAt)
            }
            output.syncToken = syncToken
            output.syncType = syncType.rawValue
            output.parentSyncID = parentSyncID
        }
    }
}
