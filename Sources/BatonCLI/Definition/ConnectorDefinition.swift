public import BatonConfig
public import BatonSDK
import BatonSync

/// Everything the standard command line needs to know about one connector: its name and version, its own
/// configuration fields, and how to build it from a resolved configuration.
///
/// The definition is written in the connector's `main.swift`, which stays a few lines long:
///
/// ```swift
/// import BatonCLI
/// import OktaConnector
///
/// await ConnectorCommand.main(
///     ConnectorDefinition(
///         name: "baton-okta", version: "0.1.0", summary: "Sync Okta users, groups and apps.",
///         fields: OktaConfig.fields, relationships: OktaConfig.relationships, fieldGroups: OktaConfig.fieldGroups
///     ) { config, context in
///         try OktaConnector(config: config, http: context.httpConfiguration)
///     })
/// ```
public struct ConnectorDefinition: Sendable {
    /// Builds the connector once the configuration is resolved and validated.
    public typealias Factory = @Sendable (ResolvedConfig, ConnectorContext) async throws -> any Connector

    /// The executable name, e.g. `baton-okta`; used in help, errors and the `User-Agent`.
    public var name: String
    /// The connector's version, printed by `--version`.
    public var version: String
    /// One paragraph shown at the top of `--help`.
    public var summary: String
    /// The connector's own fields, added to the default fields every connector has.
    public var fields: [ConfigField]
    /// Relationships between the connector's fields, checked after the default ones.
    public var relationships: [ConfigRelationship]
    /// Alternative sets of fields (authentication methods), selected with `--auth-method`.
    public var fieldGroups: [FieldGroup]
    /// The display name exported by the `config` subcommand.
    public var displayName: String
    /// The help URL exported by the `config` subcommand.
    public var helpURL: String
    /// The icon URL exported by the `config` subcommand.
    public var iconURL: String
    /// Builds the connector.
    public var makeConnector: Factory

    /// Creates a definition.
    ///
    /// - Parameters:
    ///   - name: The executable name (`baton-demo`).
    ///   - version: The version `--version` prints.
    ///   - summary: The first paragraph of `--help`.
    ///   - fields: The connector's configuration fields.
    ///   - relationships: Relationships between those fields.
    ///   - fieldGroups: Authentication methods, if the connector has several.
    ///   - displayName: The connector's name for people, exported with the schema.
    ///   - helpURL: A documentation link, exported with the schema.
    ///   - iconURL: An icon link, exported with the schema.
    ///   - makeConnector: Builds the connector from the validated configuration.
    public init(
        name: String, version: String, summary: String = "", fields: [ConfigField] = [],
        relationships: [ConfigRelationship] = [], fieldGroups: [FieldGroup] = [], displayName: String = "",
        helpURL: String = "", iconURL: String = "", makeConnector: @escaping Factory
    ) {
        self.name = name
        self.version = version
        self.summary = summary
        self.fields = fields
        self.relationships = relationships
        self.fieldGroups = fieldGroups
        self.displayName = displayName
        self.helpURL = helpURL
        self.iconURL = iconURL
        self.makeConnector = makeConnector
    }
}

extension ConnectorDefinition {
    /// The command line's default worker count (`--workers 0`); see ``SyncWorkers/default`` for why.
    public static let defaultWorkers = SyncOptions.defaultWorkers

    /// Default fields whose help text the command line states differently from the reference, because baton-swift
    /// gives them a different meaning. A connector's own re-export of the same field still wins.
    static let commandLineOverrides: [ConfigField] = [
        ConfigField.int("workers")
            .description(
                "Sync workers: -1 automatic (cores, at most 4), 0 the default (\(defaultWorkers)), or a number"
            )
            .persistent().exportAs(.none)
    ]

    /// The full schema: default fields (with the command line's overrides), then the connector's fields.
    ///
    /// - Parameter defaultOptions: What the environment-dependent defaults (`log-format`) are computed from.
    /// - Throws: ``ConfigError`` `invalidSchema` when the connector's fields clash or are malformed.
    public func schema(defaultOptions: DefaultFieldOptions = DefaultFieldOptions()) throws(ConfigError)
        -> ConfigSchema
    {
        var schema = try ConfigSchema(
            fields: Self.commandLineOverrides + fields, relationships: relationships, fieldGroups: fieldGroups,
            defaultOptions: defaultOptions)
        schema.displayName = displayName
        schema.helpURL = helpURL
        schema.iconURL = iconURL
        return schema
    }
}
