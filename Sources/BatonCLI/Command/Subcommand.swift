/// The subcommands next to the default action (sync or a provisioning command).
enum Subcommand: String, CaseIterable, Sendable {
    case capabilities
    case config
    case help
    /// Service mode, hidden from help: appended by a parent after the connector's own flags.
    case connectorService = "_connector-service"

    /// The subcommands `--help` lists.
    static var listed: [Subcommand] { allCases.filter { $0 != .connectorService } }

    /// The one-line summary in `--help`.
    var summary: String {
        switch self {
        case .capabilities: "Get connector capabilities"
        case .config: "Get the connector config schema"
        case .help: "Help about any command"
        case .connectorService: "Start the connector service"
        }
    }

    /// What the positional arguments ask for.
    enum Request: Equatable {
        /// No subcommand: run the default action.
        case root
        /// A subcommand.
        case run(Subcommand)
        /// `help` or `help <subcommand>`: print help (root help when `nil`).
        case help(Subcommand?)
    }

    /// Reads the positional arguments of `command`.
    ///
    /// - Throws: ``CommandError`` (usage) for an unknown command or unexpected arguments, with cobra's wording.
    static func request(_ positional: [String], command: String) throws(CommandError) -> Request {
        guard let first = positional.first else { return .root }
        guard let subcommand = Subcommand(rawValue: first) else {
            throw .usage("unknown command \"\(first)\" for \"\(command)\"")
        }
        let rest = positional.dropFirst()
        if subcommand == .help {
            guard let topic = rest.first else { return .help(nil) }
            guard rest.count == 1, let target = Subcommand(rawValue: topic) else {
                throw .usage("unknown help topic \"\(rest.joined(separator: " "))\" for \"\(command)\"")
            }
            return .help(target)
        }
        if let extra = rest.first {
            throw .usage("unknown argument \"\(extra)\" for \"\(command) \(subcommand.rawValue)\"")
        }
        return .run(subcommand)
    }
}
