extension ResolvedConfig {
    /// The field group chosen by `--auth-method`, else the default group, else the first; `nil` without groups.
    ///
    /// - Throws: ``ConfigError/Code-swift.struct/relationshipViolated`` when `--auth-method` names no group.
    public func selectedFieldGroup() throws(ConfigError) -> FieldGroup? {
        let groups = schema.fieldGroups
        guard !groups.isEmpty else { return nil }
        let requested = string("auth-method")
        if requested.isEmpty {
            return groups.first(where: \.isDefault) ?? groups[0]
        }
        guard let group = groups.first(where: { $0.name == requested }) else {
            throw ConfigError(
                .relationshipViolated,
                "invalid auth-method '\(requested)': expected one of \(OxfordList.quoted(groups.map(\.name)))")
        }
        return group
    }

    /// Checks field rules, then relationships, with the reference's messages.
    ///
    /// Every rule failure is collected into one error (`errors found:\n<problem>\n…`); when there is none, the first
    /// violated relationship is reported, e.g. `fields marked as needed together are missing: ('client-secret')`.
    /// With field groups, only the selected group's fields (and fields outside every group) are checked against
    /// their rules. For relationships a field counts as present when it was set explicitly to a non-zero value, so
    /// a default (such as `health-check-port=8081`) never triggers one.
    ///
    /// - Throws: ``ConfigError`` with code `validationFailed` or `relationshipViolated`; messages show `***`
    ///   instead of secret values.
    public func validate() throws(ConfigError) {
        let group = try selectedFieldGroup()
        let grouped = Set(schema.fieldGroups.flatMap(\.fields))
        var problems: [String] = []
        for field in schema.fields {
            if let group, grouped.contains(field.name), !group.fields.contains(field.name) { continue }
            guard let value = entries[field.name]?.value, let problem = field.ruleProblem(for: value) else { continue }
            problems.append(problem)
        }
        if !problems.isEmpty { throw ConfigError(validationProblems: problems) }

        let present = Set(
            entries.compactMap { name, entry in entry.source != .default && entry.value.isNonZero ? name : nil })
        for relationship in schema.relationships {
            if let violation = relationship.violation(present: present) {
                throw ConfigError(.relationshipViolated, violation)
            }
        }
    }
}
