import ArgumentParser

/// The root `baton` command: only groups the subcommands.
struct BatonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "baton is a utility for working with the output of a baton-based connector (a .c1z file).",
        discussion: """
            Every command reads the file given with -f/--file (default sync.c1z) and, unless --sync-id \
            names another, the latest finished full sync in it. -o json prints protobuf JSON in the shapes \
            of the Go baton tool. The global options may come before or after the command name.
            """,
        subcommands: [
            ResourceTypesCommand.self, ResourcesCommand.self, EntitlementsCommand.self, GrantsCommand.self,
            PrincipalsCommand.self, AccessCommand.self, SyncsCommand.self, StatsCommand.self, DiffCommand.self,
            ExportCommand.self, ReportCommand.self, ExplorerCommand.self, RemoteSyncHelp.self, RemoteGrantHelp.self,
            RemoteRevokeHelp.self, RemoteCreateAccountHelp.self, RemoteDeleteResourceHelp.self,
        ])
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("file")], help: "The path to the c1z file to work with.")
    var file = "sync.c1z"

    @Option(
        name: [.customShort("o"), .customLong("output-format")],
        help: "The format to output results in: (console, json)")
    var outputFormat: OutputFormat = .console

    @Option(name: .customLong("sync-id"), help: "The sync to read (default: the latest finished full sync).")
    var syncID: String?

    /// The options that take a value, as they may be spelled.
    private static let valueOptions: Set<String> = ["-f", "--file", "-o", "--output-format", "--sync-id"]

    /// Moves global options written before the command name (`baton -f x.c1z grants`, as the Go tool
    /// allows) to the end, where the command's own parser finds them.
    static func movedAfterSubcommands(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if valueOptions.contains(argument), index + 1 < arguments.endIndex {
                leading += arguments[index...(index + 1)]
                index += 2
            } else if let name = argument.split(separator: "=", maxSplits: 1).first, argument.contains("="),
                valueOptions.contains(String(name))
            {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        var rest = Array(arguments[index...])
        let end = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: leading, at: end)
        return rest
    }
}

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case console
    case json
}

/// A command the tool runs with an injected output, rather than through ArgumentParser's `run()`.
protocol InspectCommand: ParsableCommand {
    func run(in context: CommandContext) throws
}

/// A command that keeps running (a server), with an injected output.
protocol AsyncInspectCommand: ParsableCommand {
    func run(in context: CommandContext) async throws
}

/// What a command runs with: where to print and the environment to read settings from.
struct CommandContext {
    let output: OutputBuffer
    let environment: [String: String]
    /// Warnings that are not the command's output.
    var standardError: @Sendable (String) -> Void = { _ in }
}
