/// What the command line said, before the environment, the file and the defaults are layered under it.
struct ParsedFlags {
    var values: [String: ConfigValue] = [:]
    var positional: [String] = []
    var helpRequested = false
    var versionRequested = false
}

/// A pflag-compatible parser for the schema's flags.
///
/// Understands `--name value`, `--name=value`, `-f value`, `-fvalue`, `-f=value`, clustered bool shorthands
/// (`-pf file`), bools as `--flag` or `--flag=false`, repeated or comma-separated lists, `k=v,k2=v2` maps and `--`.
/// `-h`/`--help` and `-v`/`--version` are recorded rather than treated as fields.
struct FlagParser {
    let schema: ConfigSchema

    func parse(_ arguments: [String]) throws(ConfigError) -> ParsedFlags {
        var parsed = ParsedFlags()
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                parsed.positional.append(contentsOf: arguments[index...])
                break
            } else if argument.hasPrefix("--") {
                try parseLong(argument, arguments: arguments, index: &index, into: &parsed)
            } else if argument.hasPrefix("-") && argument.count > 1 {
                try parseShort(argument, arguments: arguments, index: &index, into: &parsed)
            } else {
                parsed.positional.append(argument)
            }
        }
        return parsed
    }

    private func parseLong(
        _ argument: String, arguments: [String], index: inout Int, into parsed: inout ParsedFlags
    ) throws(ConfigError) {
        let body = argument.dropFirst(2)
        let name = String(body.prefix { $0 != "=" })
        let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
        if FlagParser.recordBuiltIn(name, into: &parsed) { return }
        guard let field = schema.field(named: name) else {
            throw ConfigError(.invalidArgument, "unknown flag: --\(name)")
        }
        let raw: String
        if let inline {
            raw = inline
        } else if field.variant == .bool {
            raw = "true"
        } else if let next = FlagParser.takeValue(arguments, &index) {
            raw = next
        } else {
            throw ConfigError(.invalidArgument, "flag needs an argument: --\(name)")
        }
        try store(raw, for: field, spelled: "--\(name)", into: &parsed)
    }

    private func parseShort(
        _ argument: String, arguments: [String], index: inout Int, into parsed: inout ParsedFlags
    ) throws(ConfigError) {
        let letters = argument.dropFirst()
        var position = letters.startIndex
        while position < letters.endIndex {
            let letter = letters[position]
            position = letters.index(after: position)
            if FlagParser.recordBuiltIn(String(letter), into: &parsed) { continue }
            guard let field = schema.field(shortHand: letter) else {
                throw ConfigError(.invalidArgument, "unknown shorthand flag: '\(letter)' in \(argument)")
            }
            let rest = letters[position...]
            let raw: String
            if rest.hasPrefix("=") {
                raw = String(rest.dropFirst())
                position = letters.endIndex
            } else if field.variant == .bool {
                raw = "true"
            } else if !rest.isEmpty {
                raw = String(rest)
                position = letters.endIndex
            } else if let next = FlagParser.takeValue(arguments, &index) {
                raw = next
            } else {
                throw ConfigError(.invalidArgument, "flag needs an argument: '\(letter)' in \(argument)")
            }
            try store(raw, for: field, spelled: "-\(letter)", into: &parsed)
        }
    }

    private func store(
        _ raw: String, for field: ConfigField, spelled flag: String, into parsed: inout ParsedFlags
    ) throws(ConfigError) {
        do {
            let value = try ValueParsing.value(raw, as: field.variant)
            parsed.values[field.name] = ValueParsing.accumulate(parsed.values[field.name], value)
        } catch {
            let shown = field.isSecret ? "" : " \"\(raw)\""
            throw ConfigError(.invalidArgument, "invalid argument\(shown) for \"\(flag)\" flag: \(error.reason)")
        }
    }

    /// Records `-h`/`--help` and `-v`/`--version`; returns whether `name` was one of them.
    private static func recordBuiltIn(_ name: String, into parsed: inout ParsedFlags) -> Bool {
        switch name {
        case "help", "h": parsed.helpRequested = true
        case "version", "v": parsed.versionRequested = true
        default: return false
        }
        return true
    }

    /// The argument at `index` as a flag's value (advancing `index`), unless there is none or it is a long flag.
    private static func takeValue(_ arguments: [String], _ index: inout Int) -> String? {
        guard index < arguments.endIndex, !looksLikeLongFlag(arguments[index]) else { return nil }
        defer { index += 1 }
        return arguments[index]
    }

    /// A following argument that is itself a long flag (`--` and a letter) is not taken as a value, so
    /// `--file --log-level debug` reports the missing file instead of writing to a file named `--log-level`
    /// (`--file=--x` still works). Values such as `-1` or `-----BEGIN PRIVATE KEY-----` are taken as they are.
    private static func looksLikeLongFlag(_ argument: String) -> Bool {
        guard argument.hasPrefix("--") else { return false }
        return argument.dropFirst(2).first?.isLetter == true
    }
}
