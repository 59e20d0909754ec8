extension ConfigSchema {
    /// Command-line help in cobra's layout: usage, subcommands, then one aligned line per visible flag.
    ///
    /// Flags are sorted by name; hidden fields are left out; each line reads
    /// `  -f, --file string   The path … ($BATON_FILE) (default "sync.c1z")`, with `required: ` before the text of
    /// required fields. Defaults of secret fields are never printed.
    ///
    /// - Parameters:
    ///   - commandName: The executable name (`baton-okta`).
    ///   - summary: An optional first paragraph.
    ///   - subcommands: Names and one-line summaries listed under "Available Commands".
    ///   - notes: Text to put before a flag's description, by field name.
    public func helpText(
        commandName: String, summary: String = "", subcommands: [(name: String, summary: String)] = [],
        notes: [String: String] = [:]
    ) -> String {
        var text = summary.isEmpty ? "" : summary + "\n\n"
        text += "Usage:\n  \(commandName) [flags]\n"
        if !subcommands.isEmpty {
            text += "  \(commandName) [command]\n\nAvailable Commands:\n"
            let width = max(11, subcommands.map(\.name.count).max() ?? 0)
            for command in subcommands {
                text += "  " + ConfigSchema.padded(command.name, to: width) + " " + command.summary + "\n"
            }
        }
        text += "\nFlags:\n" + flagUsages(commandName: commandName, notes: notes)
        if !subcommands.isEmpty {
            text += "\nUse \"\(commandName) [command] --help\" for more information about a command.\n"
        }
        return text
    }

    /// The "Flags:" block of ``helpText(commandName:summary:subcommands:)``, one line per visible flag.
    ///
    /// - Parameter notes: Text to put before a flag's description, by field name (such as a mark that the flag has
    ///   no effect in this program).
    public func flagUsages(commandName: String, notes: [String: String] = [:]) -> String {
        var rows: [(name: String, flag: String, usage: String)] = fields.filter { !$0.isHidden }.map { field in
            let usage = ConfigSchema.usage(for: field)
            return (
                field.name, ConfigSchema.flagColumn(for: field), notes[field.name].map { $0 + " " + usage } ?? usage
            )
        }
        rows.append(("help", "  -h, --help", "help for \(commandName)"))
        rows.append(("version", "  -v, --version", "version for \(commandName)"))
        rows.sort { $0.name < $1.name }
        let width = rows.map(\.flag.count).max() ?? 0
        return rows.map { ConfigSchema.padded($0.flag, to: width) + "   " + $0.usage + "\n" }.joined()
    }

    private static func flagColumn(for field: ConfigField) -> String {
        let short = field.shortHand.map { "  -\($0), " } ?? "      "
        let type = field.variant.flagTypeName
        return short + "--" + field.name + (type.isEmpty ? "" : " " + type)
    }

    private static func usage(for field: ConfigField) -> String {
        var usage = field.description.isEmpty ? "" : field.description + " "
        usage += "($\(field.environmentVariableName))"
        if field.isRequired { usage = "required: " + usage }
        guard !field.isSecret, field.defaultValue.isNonZero else { return usage }
        switch field.defaultValue {
        case .string(let text): usage += " (default \"\(text)\")"
        case .stringList, .stringMap: usage += " (default [\(field.defaultValue.flagSpelling)])"
        default: usage += " (default \(field.defaultValue.flagSpelling))"
        }
        return usage
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
