/// Builder-style options: each returns a modified copy, so fields read like the reference's option lists.
extension ConfigField {
    private func with(_ change: (inout ConfigField) -> Void) -> ConfigField {
        var copy = self
        change(&copy)
        return copy
    }

    /// Marks the field required (its zero value fails validation). Bool fields cannot be required: the schema
    /// rejects them.
    public func required(_ isRequired: Bool = true) -> ConfigField {
        with { $0.isRequired = isRequired }
    }

    /// Sets the help text shown on the command line and in the UI.
    public func description(_ text: String) -> ConfigField {
        with { $0.description = text }
    }

    /// Sets the label shown in the UI.
    public func displayName(_ text: String) -> ConfigField {
        with { $0.displayName = text }
    }

    /// Sets the UI placeholder.
    public func placeholder(_ text: String) -> ConfigField {
        with { $0.placeholder = text }
    }

    /// Sets the runtime default; the schema rejects a value of another variant.
    public func defaultValue(_ value: ConfigValue) -> ConfigField {
        with { $0.defaultValue = value }
    }

    /// Sets a string default.
    public func defaultValue(_ value: String) -> ConfigField { defaultValue(.string(value)) }
    /// Sets a bool default.
    public func defaultValue(_ value: Bool) -> ConfigField { defaultValue(.bool(value)) }
    /// Sets an int default.
    public func defaultValue(_ value: Int) -> ConfigField { defaultValue(.int(value)) }
    /// Sets a string-list default.
    public func defaultValue(_ value: [String]) -> ConfigField { defaultValue(.stringList(value)) }
    /// Sets a string-map default.
    public func defaultValue(_ value: [String: String]) -> ConfigField { defaultValue(.stringMap(value)) }

    /// Sets a value the UI suggests (exported only, never a runtime default).
    public func suggestedValue(_ value: ConfigValue) -> ConfigField {
        with { $0.suggestedValue = value }
    }

    /// Marks the value secret: redacted in help, dumps and errors, obscured in the UI.
    public func secret(_ isSecret: Bool = true) -> ConfigField {
        with { $0.isSecret = isSecret }
    }

    /// Hides the flag from command-line help.
    public func hidden(_ isHidden: Bool = true) -> ConfigField {
        with { $0.isHidden = isHidden }
    }

    /// Sets the one-letter short flag (`-f`).
    public func shortHand(_ letter: Character) -> ConfigField {
        with { $0.shortHand = letter }
    }

    /// Makes the flag persistent (inherited by subcommands).
    public func persistent(_ isPersistent: Bool = true) -> ConfigField {
        with { $0.isPersistent = isPersistent }
    }

    /// Sets where the field is exported.
    public func exportTarget(_ target: ExportTarget) -> ConfigField {
        with { $0.exportTarget = target }
    }

    /// Re-exports a field under another target. This is the only way for a connector to redeclare one of the
    /// default fields (``ConfigSchema/defaultFields(_:)``) without a duplicate-name error.
    public func exportAs(_ target: ExportTarget) -> ConfigField {
        with {
            $0.exportTarget = target
            $0.isReExported = true
        }
    }

    /// Sets how the UI presents the field.
    public func webFieldType(_ type: WebFieldType) -> ConfigField {
        with { $0.webFieldType = type }
    }

    /// Edits the string rules (starting from the current ones, if any).
    public func stringRules(_ edit: (inout StringRules) -> Void) -> ConfigField {
        editingRules(rules.asString ?? StringRules(), FieldRules.string, edit)
    }

    /// Edits the int rules (starting from the current ones, if any).
    public func intRules(_ edit: (inout IntRules) -> Void) -> ConfigField {
        editingRules(rules.asInt ?? IntRules(), FieldRules.int, edit)
    }

    /// Edits the bool rules (starting from the current ones, if any).
    public func boolRules(_ edit: (inout BoolRules) -> Void) -> ConfigField {
        editingRules(rules.asBool ?? BoolRules(), FieldRules.bool, edit)
    }

    /// Edits the string-list rules (starting from the current ones, if any).
    public func stringListRules(_ edit: (inout StringListRules) -> Void) -> ConfigField {
        editingRules(rules.asStringList ?? StringListRules(), FieldRules.stringList, edit)
    }

    /// Edits the string-map rules (starting from the current ones, if any).
    public func stringMapRules(_ edit: (inout StringMapRules) -> Void) -> ConfigField {
        editingRules(rules.asStringMap ?? StringMapRules(), FieldRules.stringMap, edit)
    }

    /// Applies `edit` to `current` rules and stores them back wrapped by `wrap`.
    private func editingRules<Rules>(
        _ current: Rules, _ wrap: (Rules) -> FieldRules, _ edit: (inout Rules) -> Void
    ) -> ConfigField {
        var rules = current
        edit(&rules)
        return with { $0.rules = wrap(rules) }
    }
}
