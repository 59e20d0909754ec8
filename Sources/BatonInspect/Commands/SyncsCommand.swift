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
            output.startedAt = Self.timestamp(storedStartedAt, startedAt)
            if let endedAt {
                output.endedAt = Self.timestamp(storedEndedAt, endedAt)
            }
            output.syncToken = syncToken
            output.syncType = syncType.rawValue
            output.parentSyncID = parentSyncID
        }
    }

    /// The stored time to the nanosecond, as Go prints it; a run built in memory falls back to its
    /// `Date`, cut to the microsecond (the digits below would be floating-point noise).
    private static func timestamp(_ stored: SQLiteTime.Instant?, _ date: Date) -> Google_Protobuf_Timestamp {
        if let stored {
            return Google_Protobuf_Timestamp(seconds: stored.seconds, nanos: stored.nanoseconds)
        }
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, fraction) = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        // Times before 1970 have a negative remainder; protobuf wants nanos in 0..<1e9.
        return fraction < 0
            ? Google_Protobuf_Timestamp(seconds: seconds - 1, nanos: Int32((fraction + 1_000_000) * 1_000))
            : Google_Protobuf_Timestamp(seconds: seconds, nanos: Int32(fraction * 1_000))
    }
}
