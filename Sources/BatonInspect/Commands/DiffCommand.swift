import ArgumentParser
import BatonStore
import Foundation

/// `baton diff [--to other.c1z]`: resources, entitlements and grants created, deleted or modified
/// between two syncs.
struct DiffCommand: InspectCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Perform a diff between sync runs",
        discussion: """
            With one file, compares its two latest finished full syncs (the older one is the base). \
            With --to, compares the latest full sync of the -f file with the latest full sync of the \
            --to file, e.g. `baton diff -f old.c1z --to new.c1z`. --sync-id picks a different base sync \
            in the -f file.

            -o json prints {"resources":{"created":[…],"deleted":[…],"modified":[…]},"entitlements":{…},\
            "grants":{…}} with each record as protobuf JSON; the console lists each change by id.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("to"), help: "A second c1z file whose latest full sync is compared with the -f file's.")
    var otherFile: String?

    func run(in context: CommandContext) throws {
        try context.withStore(global.file) { store in
            if let otherFile {
                let old = RecordLookup(store: store, syncID: try store.resolveSyncID(global.syncID))
                try context.withStore(otherFile) { otherStore in
                    try report(
                        old: old, new: RecordLookup(store: otherStore, syncID: try otherStore.resolveSyncID(nil)),
                        context)
                }
            } else {
                let (oldID, newID) = try syncPair(in: store)
                try report(
                    old: RecordLookup(store: store, syncID: oldID), new: RecordLookup(store: store, syncID: newID),
                    context)
            }
        }
    }

    /// The base and the newest finished full sync of one file, newest by end time as Go orders them.
    private func syncPair(in store: C1ZStore) throws -> (old: String, new: String) {
        let finished = try store.listSyncRuns()
            .filter { $0.isFinished && $0.syncType == .full }
            .sorted { ($0.endedAt ?? .distantPast, $0.id) > ($1.endedAt ?? .distantPast, $1.id) }
        guard let newest = finished.first else {
            throw InspectError(.notEnoughSyncs, "no finished full syncs in \(global.file) - cannot diff")
        }
        if let base = global.syncID {
            guard try store.syncRun(id: base) != nil else {
                throw InspectError(.notFound, "sync \(base) not found in \(global.file)")
            }
            return (base, newest.id)
        }
        guard finished.count >= 2 else {
            throw InspectError(
                .notEnoughSyncs,
                "cannot diff a single sync run: \(global.file) holds one finished full sync (use --to to compare files)"
            )
        }
        return (finished[1].id, newest.id)
    }

    private func report(old: RecordLookup, new: RecordLookup, _ context: CommandContext) throws {
        switch global.outputFormat {
        case .json:
            var writer = DiffJSONWriter(output: context.output)
            try DiffKinds.compareAll(old: old, new: new, into: &writer)
            writer.finish()
        case .console:
            var writer = DiffTableWriter()
            try DiffKinds.compareAll(old: old, new: new, into: &writer)
            let counts = writer.counts
            context.output.write(
                "Sync \(old.syncID) -> \(new.syncID): \(counts[.created] ?? 0) created, "
                    + "\(counts[.deleted] ?? 0) deleted, \(counts[.modified] ?? 0) modified\n\n"
                    + writer.table.rendered())
        }
    }
}
