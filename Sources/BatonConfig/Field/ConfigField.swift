/// Where a field is exported: the connector's hosted UI, the operations view, the command line only, or nowhere.
public enum ExportTarget: String, Sendable, Hashable, CaseIterable {
    /// Shown in the hosted configuration UI (the default for connector fields).
    case gui
    /// Exported for operators (`is_ops` in the schema).
    case ops
    /// Command line only; not part of the exported schema.
    case cli
    /// Not exported at all.
    case none

    /// Whether fields with this target appear in the exported schema JSON.
    var isExported: Bool { self == .gui || self == .ops }
}

/// How the hosted UI presents a string field.
public enum WebFieldType: Sendable, Hashable {
    case text
    /// The UI offers to generate a random value.
    case random
    /// The value comes from an OAuth2 flow.
    case oauth2
    /// The connector derives the options.
    case connectorDerivedOptions
    /// The user uploads a file with one of these extensions (e.g. `".json"`).
    case fileUpload(allowedExtensions: [String])
}

/// One typed configuration field: the source of a command-line flag, a `BATON_*` environment variable, a YAML key
/// and an entry of the exported schema.
///
/// Build fields with the constructors and chain options:
///
/// ```swift
/// let domain = ConfigField.string("domain")
///     .required()
///     .description("Your Okta domain, e.g. acme.okta.com")
///     .stringRules { $0.wellKnown = .hostname }
/// let token = ConfigField.string("api-token").required().secret().description("API token")
/// ```
public struct ConfigField: Sendable, Hashable {
    /// The field name: the flag name (`--name`), the YAML key and, upper-cased with `_`, the env suffix.
    public var name: String
    public var variant: ConfigVariant
    /// The runtime default, also exported as `default_value`.
    public var defaultValue: ConfigValue
    /// A value the UI suggests; exported only, never used at runtime.
    public var suggestedValue: ConfigValue?
    /// Help text for the command line and the UI.
    public var description: String
    /// The label in the UI.
    public var displayName: String
    /// The placeholder in the UI.
    public var placeholder: String
    public var isRequired: Bool
    /// The value is sensitive: never printed in help, logs, errors or dumps, obscured in the UI.
    public var isSecret: Bool
    /// Hidden from command-line help.
    public var isHidden: Bool
    /// A one-character short flag (`-f`).
    public var shortHand: Character?
    /// Inherited by subcommands (cobra's persistent flags).
    public var isPersistent: Bool
    public var exportTarget: ExportTarget
    /// How the UI presents the field (string fields only).
    public var webFieldType: WebFieldType
    public var rules: FieldRules
    /// Set by ``exportAs(_:)``: a default field redeclared by a connector.
    public internal(set) var isReExported: Bool

    /// Creates a field of `variant` with its zero value as default and no options.
    public init(name: String, variant: ConfigVariant) {
        self.name = name
        self.variant = variant
        self.defaultValue = variant.zeroValue
        self.suggestedValue = nil
        self.description = ""
        self.displayName = ""
        self.placeholder = ""
        self.isRequired = false
        self.isSecret = false
        self.isHidden = false
        self.shortHand = nil
        self.isPersistent = false
        self.exportTarget = .gui
        self.webFieldType = .text
        self.rules = .none
        self.isReExported = false
    }

    /// The environment variable read for this field: `BATON_` + the upper-cased name with `-` as `_`.
    public var environmentVariableName: String {
        ConfigField.environmentVariableName(for: name)
    }

    static func environmentVariableName(for name: String) -> String {
        "BATON_" + String(name.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    /// The allowed extensions of a file-upload field, else `nil`.
    public var allowedExtensions: [String]? {
        if case .fileUpload(let extensions) = webFieldType { return extensions }
        return nil
    }

    /// Whether this is a file-upload field (its value is a path, a data URL, base64 or raw text).
    public var isFileUpload: Bool { allowedExtensions != nil }
}

// MARK: - Constructors mirroring the reference's field package

extension ConfigField {
    /// A string field (default `""`).
    public static func string(_ name: String) -> ConfigField {
        ConfigField(name: name, variant: .string)
    }

    /// A bool field (default `false`). A bool field cannot be required: the schema rejects it.
    public static func bool(_ name: String) -> ConfigField {
        ConfigField(name: name, variant: .bool)
    }

    /// An int field (default `0`).
    public static func int(_ name: String) -> ConfigField {
        ConfigField(name: name, variant: .int)
    }

    /// A string-list field (default `[]`): repeated flags or comma-separated values.
    public static func stringList(_ name: String) -> ConfigField {
        ConfigField(name: name, variant: .stringList)
    }

    /// A string-map field (default `[:]`): `k=v,k2=v2` on the command line.
    public static func stringMap(_ name: String) -> ConfigField {
        ConfigField(name: name, variant: .stringMap)
    }

    /// A string field whose value must be one of `options`.
    public static func select(_ name: String, options: [String]) -> ConfigField {
        var field = ConfigField(name: name, variant: .string)
        field.rules = .string(StringRules(oneOf: options))
        return field
    }

    /// A string field the UI fills by file upload; at runtime the value is a path, a `data:` URL, base64 or raw text
    /// (read it with ``ResolvedConfig/fileContents(_:)``).
    public static func fileUpload(_ name: String, allowedExtensions: [String]) -> ConfigField {
        var field = ConfigField(name: name, variant: .string)
        field.webFieldType = .fileUpload(allowedExtensions: allowedExtensions)
        return field
    }

    /// A string field the UI can fill with a random value.
    public static func random(_ name: String) -> ConfigField {
        var field = ConfigField(name: name, variant: .string)
        field.webFieldType = .random
        return field
    }

    /// A string field filled by an OAuth2 flow in the UI.
    public static func oauth2(_ name: String) -> ConfigField {
        var field = ConfigField(name: name, variant: .string)
        field.webFieldType = .oauth2
        return field
    }
}
