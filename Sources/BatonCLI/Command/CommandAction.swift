import BatonConfig

/// What the default command does, chosen from the flags in the reference's order (first match wins).
enum CommandAction: Equatable, Sendable {
    case grant
    case revoke
    case createAccount
    case deleteResource
    case sync

    /// Reference commands baton-swift does not run, in dispatch order; each would otherwise fall through to a sync.
    private static let unsupportedBeforeCreateAccount = ["event-feed"]
    private static let unsupportedBeforeDelete = ["invoke-action", "list-action-schemas"]
    private static let unsupportedBeforeSync = [
        "rotate-credentials", "create-ticket", "bulk-create-ticket", "list-ticket-schemas", "get-ticket",
        "diff-syncs", "compact-syncs", "external-resource-c1z",
    ]

    /// The action `config` asks for.
    ///
    /// Provisioning commands imply provisioning; `-p` is accepted and needs no partner. `--client-id` would start
    /// the reference's service mode, which baton-swift does not have.
    ///
    /// - Throws: ``CommandError`` (usage) for service mode and for commands baton-swift does not support.
    static func choose(for config: ResolvedConfig) throws(CommandError) -> CommandAction {
        if config.isSet("client-id") && !config.string("client-id").isEmpty {
            throw .usage("service mode (--client-id) is not supported by baton-swift; run one-shot commands instead")
        }
        if isOn("grant-entitlement", config) { return .grant }
        if isOn("revoke-grant", config) { return .revoke }
        try reject(unsupportedBeforeCreateAccount, config)
        // The reference starts account creation for a profile or a login; an email alone would fall through to a
        // sync, which is never what the user meant, so it starts account creation too.
        if ["create-account-profile", "create-account-login", "create-account-email"].contains(where: {
            isOn($0, config)
        }) {
            return .createAccount
        }
        try reject(unsupportedBeforeDelete, config)
        if isOn("delete-resource", config) { return .deleteResource }
        try reject(unsupportedBeforeSync, config)
        return .sync
    }

    private static func isOn(_ name: String, _ config: ResolvedConfig) -> Bool {
        config.value(name)?.variant == .bool ? config.bool(name) : !config.string(name).isEmpty
    }

    private static func reject(_ names: [String], _ config: ResolvedConfig) throws(CommandError) {
        // `event-feed` is a string the reference reads as a bool.
        for name in names where name == "event-feed" ? config.bool(name) : isOn(name, config) {
            throw .usage("--\(name) is not supported by baton-swift")
        }
    }
}
