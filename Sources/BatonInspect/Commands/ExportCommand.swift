import ArgumentParser
import BatonStore

/// `baton export csv|jsonl [--out PATH]`: every grant of the sync, one row each.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the grants of a sync, one row per grant",
        discussion: """
            Each row names the grant, its entitlement, the entitlement's resource (type and id), the \
            principal (type and id), whether the grant is direct, and the entitlements it was derived \
            from by grant expansion. Rows come in the order the sync stored them, so exporting the same \
            file twice gives the same bytes. Output is written page by page; with --out it goes to a \
            temporary file renamed into place when complete.
            """,
        subcommands: [ExportCSVCommand.self, ExportJSONLCommand.self])
}

struct ExportCSVCommand: InspectCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "CSV with a header: grant_id, entitlement_id, resource_type, resource_id, principal_type, "
            + "principal_id, direct, derived_from (;-separated)")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ExportOptions

    func run(in context: CommandContext) throws {
        try options.export(global, context, header: GrantExportRow.csvHeader, line: \.csvRecord)
    }
}

struct ExportJSONLCommand: InspectCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "One JSON object per line: grantId, entitlementId, resourceType, resourceId, principalType, "
            + "principalId, direct, derivedFrom")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ExportOptions

    func run(in context: CommandContext) throws {
        try options.export(global, context, header: "", line: \.jsonLine)
    }
}

struct ExportOptions: ParsableArguments {
    @Option(name: .customLong("out"), help: "Write to this file instead of standard output.")
    var outputPath: String?

    /// Streams every grant of the sync as `header` then one `line` per grant, to `--out` or stdout.
    func export(
        _ global: GlobalOptions, _ context: CommandContext, header: String, line: (GrantExportRow) -> String
    ) throws {
        try context.withSync(global) { lookup in
            let file = try outputPath.map(FileTextWriter.init(path:))
            let write: (String) throws -> Void = { text in
                if let file { try file.write(text) } else { context.output.write(text) }
            }
            do {
                try write(header)
                try lookup.grantPages().forEachItem { grant in
                    try write(line(GrantExportRow(grant)))
                }
                try file?.commit()
            } catch {
                file?.discard()
                throw error
            }
        }
    }
}
