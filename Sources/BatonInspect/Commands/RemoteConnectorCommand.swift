import ArgumentParser
public import BatonCLI
import BatonSDK
import BatonService

/// `baton sync|grant|revoke|create-account|delete-resource [flags] -- <connector> [its flags…]`: runs the standard
/// connector command line here, against any connector executable that speaks the connector-service protocol
/// (baton-swift's, or one built with the Go SDK), started as a service child.
///
/// The flags before `--` are the standard connector flags (`-f`, `--workers`, `--sync-resources`, …) with shorter
/// names for the provisioning commands (`baton grant --entitlement E --principal-type T --principal P`); the
/// connector's own flags go after its name, as the connector's users already write them. The sync runs in this
/// process (parallel workers, resume, expansion); each page comes from the child over local mutual TLS.
public struct RemoteConnectorCommand: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case sync
        case grant
        case revoke
        case createAccount = "create-account"
        case deleteResource = "delete-resource"

        /// This command's short flags and the standard flags they stand for.
        var renamedFlags: [String: String] {
            switch self {
            case .sync: [:]
            case .grant:
                [
                    "entitlement": "grant-entitlement", "principal": "grant-principal",
                    "principal-type": "grant-principal-type",
                ]
            case .revoke: ["grant": "revoke-grant"]
            case .createAccount:
                [
                    "login": "create-account-login", "email": "create-account-email",
                    "profile": "create-account-profile", "resource-type": "create-account-resource-type",
                ]
            case .deleteResource: ["resource": "delete-resource", "resource-type": "delete-resource-type"]
            }
        }

        /// The standard flag that starts this command, which the command must be given (none for `sync`).
        var actionFlag: String? {
            switch self {
            case .sync: nil
            case .grant: "grant-entitlement"
            case .revoke: "revoke-grant"
            case .createAccount: nil
            case .deleteResource: "delete-resource"
            }
        }
    }

    /// Every standard flag that selects an action other than a sync.
    static let actionFlags = [
        "grant-entitlement", "revoke-grant", "create-account-login", "create-account-email", "create-account-profile",
        "delete-resource",
    ]

    public let kind: Kind
    /// The flags for this process, translated to the standard names.
    public let arguments: [String]
    /// The connector executable and its own arguments.
    public let connector: [String]

    /// Reads `baton <kind> [flags] -- <connector> [its flags…]` (`arguments` without `baton` and the kind).
    ///
    /// - Throws: ``RemoteCommandUsageError`` when the connector is missing, or a flag names another action.
    public init(kind: Kind, arguments: [String]) throws(RemoteCommandUsageError) {
        guard let separator = arguments.firstIndex(of: "--"), separator + 1 < arguments.endIndex else {
            if arguments.contains(where: { ["-h", "--help", "help"].contains($0) }) {
                self.init(kind: kind, arguments: ["--help"], connector: [])
                return
            }
            throw RemoteCommandUsageError(
                "missing the connector: baton \(kind.rawValue) [flags] -- <connector executable> [its flags…]")
        }
        let translated = arguments[..<separator].map { Self.translate($0, kind) }
        let given = Set(translated.compactMap(Self.flagName))
        for flag in Self.actionFlags where given.contains(flag) && !(kind.renamedFlags.values.contains(flag)) {
            throw RemoteCommandUsageError("--\(flag) does not belong to baton \(kind.rawValue)")
        }
        if let required = kind.actionFlag, !given.contains(required),
            let short = kind.renamedFlags.first(where: { $0.value == required })?.key
        {
            throw RemoteCommandUsageError("baton \(kind.rawValue) needs --\(short)")
        }
        if kind == .createAccount, given.isDisjoint(with: Self.actionFlags) {
            throw RemoteCommandUsageError("baton create-account needs --login, --email or --profile")
        }
        self.init(kind: kind, arguments: translated, connector: Array(arguments[(separator + 1)...]))
    }

    private init(kind: Kind, arguments: [String], connector: [String]) {
        self.kind = kind
        self.arguments = arguments
        self.connector = connector
    }

    /// The command line's definition: no fields of its own, and a connector that is the child.
    public var definition: ConnectorDefinition {
        let connector = self.connector
        return ConnectorDefinition(
            name: "baton \(kind.rawValue)", version: ServedConnector.sdkVersion,
            summary: """
                Runs a connector served over the connector-service protocol: baton \(kind.rawValue) [flags] -- \
                <connector executable> [its flags…]. The connector's own flags go after its name.
                """
        ) { _, context in
            guard let executable = connector.first else {
                throw BatonError(.invalidArgument, "missing the connector after --")
            }
            return try await RemoteConnector.start(
                executable: executable, arguments: Array(connector.dropFirst()), environment: context.environment,
                logger: context.logger)
        }
    }

    /// `--entitlement=E` / `--entitlement` as `--grant-entitlement=E` / `--grant-entitlement` for `grant`.
    static func translate(_ argument: String, _ kind: Kind) -> String {
        guard argument.hasPrefix("--") else { return argument }
        let body = argument.dropFirst(2)
        let name = body.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
        guard let standard = kind.renamedFlags[name] else { return argument }
        return "--" + standard + body.dropFirst(name.count)
    }

    private static func flagName(_ argument: String) -> String? {
        guard argument.hasPrefix("--") else { return nil }
        return argument.dropFirst(2).split(separator: "=", maxSplits: 1).first.map(String.init)
    }
}

/// A `baton sync|grant|…` command line that cannot run (exit status 2).
public struct RemoteCommandUsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

// Entries for `baton --help`: the commands above run before the argument parser sees them.

struct RemoteSyncHelp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Sync a connector served over the connector-service protocol",
        discussion: """
            baton sync -f sync.c1z [connector flags] -- <connector executable> [its flags…] starts the \
            connector as a service child (as the Go SDK does: mutual TLS on 127.0.0.1, listener on fd 3) and \
            syncs it here, resumable and with parallel workers. Works with connectors built with the Go SDK.
            """)
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
}

struct RemoteGrantHelp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Grant an entitlement through a connector service",
        discussion: """
            baton grant -f sync.c1z --entitlement E --principal-type T --principal P -- <connector> -p [its flags…]
            """)
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
}

struct RemoteRevokeHelp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a grant through a connector service",
        discussion: "baton revoke -f sync.c1z --grant G -- <connector> -p [its flags…]")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
}

struct RemoteCreateAccountHelp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-account", abstract: "Create an account through a connector service",
        discussion: """
            baton create-account --login L [--email E] [--profile JSON] [--resource-type T] -- <connector> -p \
            [its flags…]
            """)
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
}

struct RemoteDeleteResourceHelp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-resource", abstract: "Delete a resource through a connector service",
        discussion: "baton delete-resource --resource R --resource-type T -- <connector> -p [its flags…]")
    @Argument(parsing: .captureForPassthrough) var rest: [String] = []
}
