public import BatonConfig

/// What baton-swift does with one of the standard flags every connector has.
public enum FlagSupport: Sendable, Hashable {
    /// The flag works as in the reference.
    case implemented
    /// Accepted, said once as a warning, and otherwise ignored; the text says why.
    case noEffect(String)
    /// Refused with a usage error (exit 2) before anything runs; the text says why.
    case refused(String)
}

/// How baton-swift treats every standard flag (``ConfigSchema/defaultFields(_:)``), in one table.
///
/// The command line acts on it (warnings for ``FlagSupport/noEffect(_:)`` flags, usage errors for
/// ``FlagSupport/refused(_:)`` ones, a mark in `--help`), and the README's flag table is rendered
/// from it, so what a user reads before running is what happens when they do.
public enum StandardFlags {
    private static let ticketing = "no connector here implements ticketing"
    private static let actions = "no connector here declares actions"
    private static let oneShot = "one-shot commands end when their work is done"

    /// The support of each standard flag, by field name.
    public static let support: [String: FlagSupport] = [
        // Provisioning and the sync: what baton-swift is for.
        "provisioning": .implemented,
        "file": .implemented,
        "grant-entitlement": .implemented,
        "grant-principal": .implemented,
        "grant-principal-type": .implemented,
        "revoke-grant": .implemented,
        "create-account-email": .implemented,
        "create-account-login": .implemented,
        "create-account-profile": .implemented,
        "create-account-resource-type": .implemented,
        "delete-resource": .implemented,
        "delete-resource-type": .implemented,
        "c1z-temp-dir": .implemented,
        "sync-resources": .implemented,
        "sync-resource-types": .implemented,
        "skip-entitlements-and-grants": .implemented,
        "skip-grants": .implemented,
        "workers": .implemented,
        "parallel-sync": .implemented,
        "http-timeout-seconds": .implemented,
        "auth-method": .implemented,
        "log-format": .implemented,
        "log-level": .implemented,
        "log-path": .implemented,
        // A SQLite c1z is what every reader opens; `pebble` is warned about in `noEffectValues`.
        "storage-engine": .implemented,

        // Operational flags of the reference's long-running modes.
        "ticketing": .noEffect(ticketing),
        "skip-full-sync": .noEffect("every full-sync task syncs; an empty sync would hide the data"),
        "keep-previous-sync-c1z": .noEffect("there is no response replay; every sync reads the service"),
        "log-level-debug-expires-at": .noEffect(oneShot),
        "session-store-maximum-size": .noEffect("there is no session store; the HTTP cache has its own limits"),
        "task-concurrency": .implemented,
        "health-check": .implemented,
        "health-check-port": .implemented,
        "health-check-bind-address": .implemented,
        "otel-collector-endpoint": .implemented,
        "otel-collector-endpoint-tls-cert-path": .implemented,
        "otel-collector-endpoint-tls-cert": .implemented,
        "otel-collector-endpoint-tls-insecure": .implemented,
        "otel-tracing-disabled": .implemented,
        "otel-logging-disabled": .implemented,

        // Commands baton-swift does not run: each would otherwise fall through to a sync.
        "client-id": .implemented,
        "client-secret": .implemented,
        "create-ticket": .refused(ticketing),
        "bulk-create-ticket": .refused(ticketing),
        "bulk-ticket-template-path": .refused(ticketing),
        "get-ticket": .refused(ticketing),
        "list-ticket-schemas": .refused(ticketing),
        "ticket-id": .refused(ticketing),
        "ticket-template-path": .refused(ticketing),
        "event-feed": .refused("no connector here has an event feed"),
        "event-feed-id": .refused("no connector here has an event feed"),
        "event-feed-start-at": .refused("no connector here has an event feed"),
        "event-feed-cursor": .refused("no connector here has an event feed"),
        "rotate-credentials": .refused("no connector here rotates credentials"),
        "rotate-credentials-type": .refused("no connector here rotates credentials"),
        "external-resource-c1z": .refused("external resources are not synced yet"),
        "external-resource-entitlement-id-filter": .refused("external resources are not synced yet"),
        "external-resource-traits": .refused("external resources are not synced yet"),
        "diff-syncs": .refused("use `baton diff` on the c1z instead"),
        "base-sync-id": .refused("use `baton diff` on the c1z instead"),
        "applied-sync-id": .refused("use `baton diff` on the c1z instead"),
        "compact-syncs": .refused("compaction of several c1z files is not implemented"),
        "compact-sync-ids": .refused("compaction of several c1z files is not implemented"),
        "compact-file-paths": .refused("compaction of several c1z files is not implemented"),
        "compact-output-path": .refused("compaction of several c1z files is not implemented"),
        "invoke-action": .refused(actions),
        "invoke-action-args": .refused(actions),
        "invoke-action-resource-type": .refused(actions),
        "list-action-schemas": .refused(actions),
        "list-action-schemas-resource-type": .refused(actions),
        "list-resource-actions": .refused(actions),
        "invoke-resource-action": .refused(actions),
        "invoke-resource-action-resource-type": .refused(actions),
        "invoke-resource-action-args": .refused(actions),
    ]

    /// Values of implemented flags that are accepted with a warning and otherwise ignored.
    public static let noEffectValues: [String: [String: String]] = [
        "storage-engine": ["pebble": "Pebble c1z files (format v3) are not written here; writing a SQLite c1z"]
    ]

    /// The note `--help` puts before a flag's description, for flags that do not work as described.
    public static var helpNotes: [String: String] {
        support.compactMapValues { support in
            switch support {
            case .implemented: nil
            case .noEffect: "[no effect here]"
            case .refused: "[refused here]"
            }
        }
    }

    /// The usage error for the first refused flag `config` sets explicitly, in schema order.
    ///
    /// Runs before the relationships are checked, so `--ticket-id 1` alone says that tickets are not
    /// supported rather than that `--get-ticket` is missing.
    static func refusal(in config: ResolvedConfig) -> CommandError? {
        for field in config.schema.fields where config.isSet(field.name) {
            guard case .refused(let reason)? = support[field.name] else { continue }
            // Flags whose explicit value is empty or false ask for nothing (`--client-id ""`). Any other value of
            // `event-feed` (a string the reference reads as a bool) is refused, so no spelling of it syncs instead.
            guard config.value(field.name)?.isNonZero == true else { continue }
            return .usage("--\(field.name) is not supported by baton-swift: \(reason)")
        }
        return nil
    }

    /// One warning per no-effect flag or value `config` sets explicitly.
    static func warnings(for config: ResolvedConfig) -> [String] {
        var lines: [String] = []
        for field in config.schema.fields where config.isSet(field.name) {
            if case .noEffect(let reason)? = support[field.name], config.value(field.name)?.isNonZero == true {
                lines.append("--\(field.name) has no effect in baton-swift and is ignored: \(reason)")
            }
            if let reason = noEffectValues[field.name]?[config.string(field.name)] {
                lines.append("--\(field.name) \(config.string(field.name)): \(reason)")
            }
        }
        return lines
    }

    /// The README's table of every standard flag: flag, environment variable, what baton-swift does.
    public static func markdownTable(_ options: DefaultFieldOptions = DefaultFieldOptions()) -> String {
        var text = "| Flag | Environment | In baton-swift |\n|---|---|---|\n"
        for field in ConfigSchema.defaultFields(options) {
            let state: String
            switch support[field.name] {
            case .implemented?:
                let values = (noEffectValues[field.name] ?? [:]).sorted { $0.key < $1.key }
                state =
                    "implemented"
                    + values.map { "; `\($0.key)` accepted with a warning, no effect (\($0.value))" }.joined()
            case .noEffect(let reason)?: state = "accepted with a warning, no effect (\(reason))"
            case .refused(let reason)?: state = "refused (\(reason))"
            case nil: state = "unknown"
            }
            let short = field.shortHand.map { ", `-\($0)`" } ?? ""
            text += "| `--\(field.name)`\(short) | `\(field.environmentVariableName)` | \(state) |\n"
        }
        return text
    }
}
