/// A named set of fields, typically one authentication method; `--auth-method <name>` selects it.
///
/// When a schema has groups, only the selected group's fields are checked against their rules (fields outside every
/// group are always checked). Without `--auth-method` the default group is selected, else the first one.
///
/// ```swift
/// let groups = [
///     FieldGroup(name: "token", displayName: "API token", fields: [apiToken], isDefault: true),
///     FieldGroup(name: "app", displayName: "GitHub App", fields: [appID, privateKey]),
/// ]
/// ```
public struct FieldGroup: Sendable, Hashable {
    /// The value of `--auth-method` that selects this group.
    public var name: String
    public var displayName: String
    public var helpText: String
    /// The member field names.
    public var fields: [String]
    /// Selected when `--auth-method` is not given; at most one group may be the default.
    public var isDefault: Bool
    /// Groups exported to `cli` or `none` are left out of the schema JSON.
    public var exportTarget: ExportTarget

    /// Creates a group of `fields`.
    public init(
        name: String, displayName: String = "", helpText: String = "", fields: [ConfigField], isDefault: Bool = false,
        exportTarget: ExportTarget = .gui
    ) {
        self.init(
            name: name, displayName: displayName, helpText: helpText, fieldNames: fields.map(\.name),
            isDefault: isDefault, exportTarget: exportTarget)
    }

    /// Creates a group of field names.
    public init(
        name: String, displayName: String = "", helpText: String = "", fieldNames: [String], isDefault: Bool = false,
        exportTarget: ExportTarget = .gui
    ) {
        self.name = name
        self.displayName = displayName
        self.helpText = helpText
        self.fields = fieldNames
        self.isDefault = isDefault
        self.exportTarget = exportTarget
    }
}
