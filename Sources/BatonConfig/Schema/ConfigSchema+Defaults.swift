import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the environment-dependent default values are computed from; tests pass fixed values.
public struct DefaultFieldOptions: Sendable, Hashable {
    /// Whether standard output is a terminal: `log-format` defaults to `console` if so, else `json`.
    public var stdoutIsTerminal: Bool
    /// Seconds since 1970 at process start: `event-feed-start-at` defaults to 24 hours earlier.
    public var now: Double

    /// Reads the real terminal state and clock unless told otherwise.
    public init(stdoutIsTerminal: Bool? = nil, now: Double? = nil) {
        self.stdoutIsTerminal = stdoutIsTerminal ?? (isatty(STDOUT_FILENO) == 1)
        self.now = now ?? DefaultFieldOptions.currentTime()
    }

    private static func currentTime() -> Double {
        // Not `timespec`: its owning C module depends on the order a build loads modules (see LogRecord).
        Date().timeIntervalSince1970
    }
}

extension ConfigSchema {
    /// The fields every connector has (the reference's default flags), in the reference's order.
    ///
    /// Most are command-line only (`exportTarget == .none`); the operational ones are exported with `.ops`.
    public static func defaultFields(_ options: DefaultFieldOptions = DefaultFieldOptions()) -> [ConfigField] {
        let hiddenString = { (name: String, text: String) in
            ConfigField.string(name).description(text).hidden().persistent().exportTarget(.none)
        }
        let hiddenBool = { (name: String, text: String) in
            ConfigField.bool(name).description(text).hidden().persistent().exportTarget(.none)
        }
        let hiddenList = { (name: String, text: String) in
            ConfigField.stringList(name).description(text).hidden().persistent().exportTarget(.none)
        }
        let string = { (name: String, text: String) in
            ConfigField.string(name).description(text).persistent().exportTarget(.none)
        }
        let bool = { (name: String, text: String) in
            ConfigField.bool(name).description(text).persistent().exportTarget(.none)
        }
        let list = { (name: String, text: String) in
            ConfigField.stringList(name).description(text).persistent().exportTarget(.none)
        }
        var fields: [ConfigField] = [
            hiddenBool("create-ticket", "Create a ticket"),
            hiddenBool("bulk-create-ticket", "Create tickets in bulk"),
            hiddenString("bulk-ticket-template-path", "A JSON file describing the tickets to create"),
            hiddenBool("get-ticket", "Get a ticket"),
            hiddenBool("list-ticket-schemas", "List the ticket schemas"),
            bool("provisioning", "Enable provisioning actions (grant, revoke, create and delete)").shortHand("p"),
            bool("ticketing", "Enable ticketing support").displayName("Enable external ticket provisioning"),
            hiddenString(
                "c1z-temp-dir",
                "An existing, writable directory for temporary files (else $BATON_TMPDIR, else the OS temp directory)"),
            string("client-id", "The client ID used to authenticate with ConductorOne"),
            string("client-secret", "The client secret used to authenticate with ConductorOne").secret(),
            hiddenString("create-account-email", "The email of the account to create"),
            hiddenString("create-account-login", "The login of the account to create"),
            hiddenString("create-account-profile", "A JSON object with the profile of the account to create"),
            hiddenString("create-account-resource-type", "The resource type ID of the account to create"),
            hiddenString("delete-resource", "The ID of the resource to delete"),
            hiddenString("delete-resource-type", "The type of the resource to delete"),
            hiddenString("event-feed", "Read feed events to stdout"),
            hiddenString("event-feed-id", "The ID of the event feed to read"),
            hiddenString("event-feed-start-at", "Read feed events from this RFC 3339 time")
                .defaultValue(rfc3339(secondsSince1970: options.now - 24 * 60 * 60)),
            hiddenString("event-feed-cursor", "Resume the event feed from this cursor"),
            string("file", "The path to the c1z file to sync with").shortHand("f").defaultValue("sync.c1z"),
            hiddenString("grant-entitlement", "The ID of the entitlement to grant to the principal"),
            hiddenString("grant-principal", "The ID of the resource to grant the entitlement to"),
            hiddenString("grant-principal-type", "The resource type of the principal to grant the entitlement to"),
            string("log-format", "The output format for logs: json, console")
                .defaultValue(options.stdoutIsTerminal ? "console" : "json"),
            list("log-path", "File paths to write logs to"),
            hiddenString("revoke-grant", "The ID of the grant to revoke"),
            hiddenString("rotate-credentials", "The ID of the resource to rotate credentials on"),
            hiddenString("rotate-credentials-type", "The type of the resource to rotate credentials on"),
            hiddenString("ticket-id", "The ID of the ticket to get"),
            hiddenString("ticket-template-path", "A JSON file describing the ticket to create"),
            string("log-level", "The log level: debug, info, warn, error").defaultValue("info").exportTarget(.ops),
            string("log-level-debug-expires-at", "When debug-level logging reverts to the configured level")
                .exportTarget(.ops),
            bool("skip-full-sync", "Skip the full sync"),
            list("sync-resources", "Sync only these resources, as baton IDs (bid:r:<type>/<id>)"),
            list("sync-resource-types", "Sync only resources of these types"),
            bool("skip-entitlements-and-grants", "Sync resources only, without entitlements and grants"),
            hiddenBool("skip-grants", "Skip grants but sync entitlements (only with sync-resources)"),
            string("external-resource-c1z", "The path to a c1z file with external resources to sync"),
            string(
                "external-resource-entitlement-id-filter",
                "Only sync external principals holding this entitlement"),
            list("external-resource-traits", "Only sync external resources with these traits (user, group, …)"),
            bool("keep-previous-sync-c1z", "Keep the previous sync's c1z to replay cached responses"),
            hiddenBool("diff-syncs", "Create a partial sync from the difference of two syncs"),
            hiddenString("base-sync-id", "The base sync to diff from"),
            hiddenString("applied-sync-id", "The sync to diff against the base sync"),
            hiddenList("compact-sync-ids", "The sync IDs to compact, one per file, in order"),
            hiddenList("compact-file-paths", "The c1z files to compact"),
            hiddenString("compact-output-path", "The directory to write the compacted c1z to"),
            hiddenBool("compact-syncs", "Compact several syncs into one c1z file and sync"),
            hiddenString("invoke-action", "The name of the action to invoke"),
            hiddenString("invoke-action-args", "The action's arguments as a JSON object").defaultValue("{}"),
            hiddenString("invoke-action-resource-type", "The resource type the action belongs to"),
            hiddenBool("list-action-schemas", "List the action schemas"),
            hiddenString("list-action-schemas-resource-type", "List only the action schemas of this resource type"),
            hiddenString("list-resource-actions", "List the actions of this resource type"),
            hiddenString("invoke-resource-action", "The name of the resource action to invoke"),
            hiddenString("invoke-resource-action-resource-type", "The resource type of the resource action"),
            hiddenString("invoke-resource-action-args", "The resource action's arguments as a JSON object")
                .defaultValue("{}"),
            ConfigField.int("session-store-maximum-size")
                .description("The maximum size in bytes of the in-memory session store cache")
                .defaultValue(15 * 1024 * 1024).hidden().persistent().exportTarget(.ops),
            ConfigField.int("workers")
                .description("Sync workers: -1 automatic, 0 or 1 sequential, more runs in parallel")
                .persistent().exportTarget(.none),
            bool("parallel-sync", "Deprecated: use --workers -1"),
            string(
                "otel-collector-endpoint", "The OpenTelemetry collector endpoint for traces and logs"
            ).exportTarget(.ops),
            hiddenString(
                "otel-collector-endpoint-tls-cert-path", "A PEM CA certificate file for the OpenTelemetry collector"
            ).exportTarget(.ops),
            hiddenString("otel-collector-endpoint-tls-cert", "A PEM CA certificate for the OpenTelemetry collector")
                .exportTarget(.ops),
            hiddenBool("otel-collector-endpoint-tls-insecure", "Allow insecure connections to the collector")
                .exportTarget(.ops),
            hiddenBool("otel-tracing-disabled", "Disable OpenTelemetry tracing").exportTarget(.ops),
            hiddenBool("otel-logging-disabled", "Disable OpenTelemetry logging").exportTarget(.ops),
            string("auth-method", "The authentication method (field group) to use"),
            bool("health-check", "Serve health-check endpoints").exportTarget(.ops),
            ConfigField.int("health-check-port").description("The port of the health-check server")
                .defaultValue(8081).persistent().exportTarget(.ops),
            hiddenString("health-check-bind-address", "The address the health-check server binds to")
                .defaultValue("127.0.0.1").exportTarget(.ops),
            ConfigField.int("http-timeout-seconds").description("The HTTP request timeout in seconds (1 to 1800)")
                .defaultValue(300).persistent().exportTarget(.ops)
                .intRules {
                    $0.gte = 1; $0.lte = 1800
                },
            string("storage-engine", "The storage engine for c1z files: sqlite or pebble")
                .stringRules { $0.oneOf = ["sqlite", "pebble"] },
            ConfigField.int("task-concurrency").description("Tasks run at once in service mode (1 to 100)")
                .defaultValue(3).persistent().exportTarget(.none)
                .intRules {
                    $0.gte = 1; $0.lte = 100
                },
        ]
        #if os(Windows)
            fields.append(bool("log-event-log", "Also write logs to the Windows event log"))
        #endif
        return fields
    }

    /// The relationships between default fields every connector checks.
    public static let defaultRelationships: [ConfigRelationship] = [
        ConfigRelationship(kind: .requiredTogether, fields: ["grant-entitlement", "grant-principal"]),
        ConfigRelationship(kind: .requiredTogether, fields: ["client-id", "client-secret"]),
        ConfigRelationship(kind: .requiredTogether, fields: ["create-ticket", "ticket-template-path"]),
        ConfigRelationship(kind: .requiredTogether, fields: ["bulk-create-ticket", "bulk-ticket-template-path"]),
        ConfigRelationship(kind: .requiredTogether, fields: ["get-ticket", "ticket-id"]),
        ConfigRelationship(kind: .requiredTogether, fields: ["diff-syncs", "base-sync-id", "applied-sync-id"]),
        ConfigRelationship(
            kind: .requiredTogether,
            fields: ["compact-syncs", "compact-sync-ids", "compact-file-paths", "compact-output-path"]),
        ConfigRelationship(
            kind: .mutuallyExclusive,
            fields: [
                "grant-entitlement", "revoke-grant", "create-account-login", "delete-resource", "rotate-credentials",
                "event-feed", "create-ticket", "get-ticket", "list-ticket-schemas", "bulk-create-ticket",
            ]),
        ConfigRelationship(
            kind: .mutuallyExclusive,
            fields: [
                "grant-entitlement", "revoke-grant", "create-account-email", "delete-resource-type",
                "rotate-credentials-type", "event-feed", "diff-syncs", "compact-syncs", "list-ticket-schemas",
            ]),
        ConfigRelationship(
            kind: .dependentOn, fields: ["external-resource-entitlement-id-filter"],
            requiredFields: ["external-resource-c1z"]),
        ConfigRelationship(
            kind: .dependentOn, fields: ["external-resource-traits"], requiredFields: ["external-resource-c1z"]),
        ConfigRelationship(kind: .dependentOn, fields: ["skip-grants"], requiredFields: ["sync-resources"]),
        ConfigRelationship(
            kind: .dependentOn, fields: ["health-check-port", "health-check-bind-address"],
            requiredFields: ["health-check"]),
    ]

    /// Formats seconds since 1970 as an RFC 3339 UTC timestamp (`2024-05-01T12:00:00Z`).
    static func rfc3339(secondsSince1970 seconds: Double) -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
