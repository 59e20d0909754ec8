/// A connector's complete configuration: the default fields every connector has, the connector's own fields,
/// their relationships and field groups.
///
/// The initializer checks the schema and throws ``ConfigError/Code-swift.struct/invalidSchema`` for programmer
/// errors (a duplicate name, a required bool, a relationship naming an unknown field, …), so a broken schema fails at
/// start-up with a message instead of a crash.
///
/// ```swift
/// let schema = try ConfigSchema(
///     fields: [domain, apiToken],
///     relationships: [.requiredTogether(domain, apiToken)])
/// let config = try schema.resolve(
///     arguments: Array(CommandLine.arguments.dropFirst()),
///     environment: ProcessInfo.processInfo.environment,
///     currentDirectory: FileManager.default.currentDirectoryPath)
/// try config.validate()
/// ```
public struct ConfigSchema: Sendable {
    /// Every field: the defaults (unless excluded) followed by the connector's fields.
    public let fields: [ConfigField]
    /// The default relationships (unless excluded) followed by the connector's.
    public let relationships: [ConfigRelationship]
    public let fieldGroups: [FieldGroup]

    /// Connector metadata exported with the schema.
    public var displayName: String = ""
    public var helpURL: String = ""
    public var iconURL: String = ""
    public var catalogID: String = ""
    public var isDirectory: Bool = false
    public var supportsExternalResources: Bool = false
    public var requiresExternalConnector: Bool = false

    private let indexByName: [String: Int]
    private let indexByShortHand: [Character: Int]

    /// Builds and checks a schema.
    ///
    /// - Parameters:
    ///   - fields: The connector's fields. A default field may be redeclared only through ``ConfigField/exportAs(_:)``.
    ///   - relationships: The connector's relationships, checked after the default ones.
    ///   - fieldGroups: Alternative sets of fields (authentication methods) selected with `--auth-method`.
    ///   - includeDefaults: Whether to add ``defaultFields(_:)`` and ``defaultRelationships``; `true` for connectors.
    ///   - defaultOptions: What the environment-dependent defaults are computed from.
    /// - Throws: ``ConfigError/Code-swift.struct/invalidSchema`` describing the first problem.
    public init(
        fields: [ConfigField], relationships: [ConfigRelationship] = [], fieldGroups: [FieldGroup] = [],
        includeDefaults: Bool = true, defaultOptions: DefaultFieldOptions = DefaultFieldOptions()
    ) throws(ConfigError) {
        var all = includeDefaults ? ConfigSchema.defaultFields(defaultOptions) : []
        var indexByName: [String: Int] = [:]
        for (index, field) in all.enumerated() { indexByName[field.name] = index }
        let defaultCount = all.count
        for field in fields {
            if let existing = indexByName[field.name] {
                guard existing < defaultCount, field.isReExported else {
                    throw ConfigError(.invalidSchema, "multiple fields with the same name: \(field.name)")
                }
                all[existing] = field
            } else {
                indexByName[field.name] = all.count
                all.append(field)
            }
        }

        var indexByShortHand: [Character: Int] = [:]
        for (index, field) in all.enumerated() {
            if let problem = field.schemaProblem() { throw ConfigError(.invalidSchema, problem) }
            guard let letter = field.shortHand else { continue }
            if let other = indexByShortHand[letter] {
                throw ConfigError(
                    .invalidSchema, "shorthand '\(letter)' is used by both '\(all[other].name)' and '\(field.name)'")
            }
            indexByShortHand[letter] = index
        }

        let allRelationships = (includeDefaults ? ConfigSchema.defaultRelationships : []) + relationships
        let fieldsByName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for relationship in allRelationships {
            if let problem = relationship.construction(in: fieldsByName) {
                throw ConfigError(.invalidSchema, problem)
            }
        }
        try ConfigSchema.checkGroups(fieldGroups, fieldsByName: fieldsByName)

        self.fields = all
        self.relationships = allRelationships
        self.fieldGroups = fieldGroups
        self.indexByName = indexByName
        self.indexByShortHand = indexByShortHand
    }

    /// The field called `name`, if any.
    public func field(named name: String) -> ConfigField? {
        indexByName[name].map { fields[$0] }
    }

    /// The field whose short flag is `letter`, if any.
    func field(shortHand letter: Character) -> ConfigField? {
        indexByShortHand[letter].map { fields[$0] }
    }

    private static func checkGroups(_ groups: [FieldGroup], fieldsByName: [String: ConfigField]) throws(ConfigError) {
        var names: Set<String> = []
        for group in groups {
            guard !group.name.isEmpty else { throw ConfigError(.invalidSchema, "a field group needs a name") }
            guard names.insert(group.name).inserted else {
                throw ConfigError(.invalidSchema, "multiple field groups with the same name: \(group.name)")
            }
            for name in group.fields where fieldsByName[name] == nil {
                throw ConfigError(.invalidSchema, "field group '\(group.name)' names an unknown field '\(name)'")
            }
        }
        if groups.filter(\.isDefault).count > 1 {
            throw ConfigError(.invalidSchema, "only one field group can be the default")
        }
    }
}

extension ConfigField {
    /// Names the help and version flags take, which no field may use.
    static let reservedNames: Set<String> = ["help", "version"]
    static let reservedShortHands: Set<Character> = ["h", "v"]

    /// A message describing why this field cannot be part of a schema, or `nil`.
    func schemaProblem() -> String? {
        if name.isEmpty || name.hasPrefix("-") || name.contains(where: { $0 == "=" || $0.isWhitespace }) {
            return "invalid field name '\(name)'"
        }
        if ConfigField.reservedNames.contains(name) { return "field name '\(name)' is reserved" }
        if variant == .bool && isRequired { return "field \(name): a bool field cannot be required" }
        if defaultValue.variant != variant {
            return "field \(name): default value is a \(defaultValue.variant.rawValue) but the field is a "
                + variant.rawValue
        }
        if let suggestedValue, suggestedValue.variant != variant {
            return "field \(name): suggested value is a \(suggestedValue.variant.rawValue) but the field is a "
                + variant.rawValue
        }
        if let rulesVariant = rules.variant, rulesVariant != variant {
            return "field \(name): \(rulesVariant.rawValue) rules on a \(variant.rawValue)"
        }
        if webFieldType != .text && variant != .string {
            return "field \(name): only string fields have a web field type"
        }
        if let letter = shortHand {
            if letter == "-" || !letter.isASCII || ConfigField.reservedShortHands.contains(letter) {
                return "field \(name): invalid shorthand '\(letter)'"
            }
        }
        return rules.patternProblem(fieldName: name)
    }
}
