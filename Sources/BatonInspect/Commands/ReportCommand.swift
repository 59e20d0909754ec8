import ArgumentParser
import BatonStore
import Foundation

/// `baton report -f sync.c1z [-o access.html] [--to newer.c1z]`: one self-contained HTML page to look at
/// a sync.
///
/// A page has one format, so here `-o` names the file to write, not an output format; the command
/// therefore declares `-f` and `--sync-id` itself instead of taking the global options.
struct ReportCommand: InspectCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write a self-contained HTML page to browse the access in a sync",
        discussion: """
            The page opens from disk in any browser and makes no requests: an overview with counts per \
            resource type and trait and direct versus derived grants, search over resources and \
            principals, a page per resource (its entitlements and who holds them, with the path of \
            derived grants) and per principal (everything it reaches), and CSV export of each table. \
            With --to, the page shows the --to file's latest full sync and what changed since the -f \
            file's sync. Syncs with more than 250000 grants are refused: use `baton explorer`.
            """)

    @Option(name: [.customShort("f"), .customLong("file")], help: "The path to the c1z file to work with.")
    var file = "sync.c1z"

    @Option(name: .customLong("sync-id"), help: "The sync to read (default: the latest finished full sync).")
    var syncID: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: "The HTML file to write.")
    var outputPath = "access.html"

    @Option(name: .customLong("to"), help: "A newer c1z: show its sync, highlighting what changed since the -f file's.")
    var otherFile: String?

    func run(in context: CommandContext) throws {
        var global = GlobalOptions()
        global.file = file
        global.syncID = syncID
        let json = try context.withSync(global) { base in
            guard let otherFile else {
                return try ReportData.json(base, file: file, base: nil)
            }
            return try context.withStore(otherFile) { store in
                let newer = RecordLookup(store: store, syncID: try store.resolveSyncID(nil))
                return try ReportData.json(newer, file: otherFile, base: base)
            }
        }
        let writer = try FileTextWriter(path: outputPath)
        do {
            try writer.write(AccessPage.html(.embedded(json: json)))
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
        context.output.write("wrote \(outputPath)\n")
    }
}
