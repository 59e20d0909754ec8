import BatonConfig

/// What the default command does, chosen from the flags in the reference's order (first match wins).
///
/// The reference's commands that baton-swift does not run (tickets, event feeds, actions…) never get
/// here: ``StandardFlags`` refuses them before the configuration is validated, so none falls through to a sync.
enum CommandAction: Equatable, Sendable {
    /// Daemon mode: tasks from ConductorOne (`--client-id`).
    case daemon
    case grant
    case revoke
    case createAccount
    case deleteResource
    case sync

    /// The action `config` asks for. Provisioning commands imply provisioning; `-p` is accepted and needs no partner.
    static func choose(for config: ResolvedConfig) -> CommandAction {
        if isOn("client-id", config) { return .daemon }
        if isOn("grant-entitlement", config) { return .grant }
        if isOn("revoke-grant", config) { return .revoke }
        // The reference starts account creation for a profile or a login; an email alone would fall through to a
        // sync, which is never what the user meant, so it starts account creation too.
        if ["create-account-profile", "create-account-login", "create-account-email"].contains(where: {
            isOn($0, config)
        }) {
            return .createAccount
        }
        if isOn("delete-resource", config) { return .deleteResource }
        return .sync
    }

    private static func isOn(_ name: String, _ config: ResolvedConfig) -> Bool {
        config.value(name)?.variant == .bool ? config.bool(name) : !config.string(name).isEmpty
    }
}
