/// Where a resolved value came from.
public enum ConfigSource: String, Sendable, Hashable, CaseIterable {
    /// A command-line flag.
    case flag
    /// A `BATON_*` environment variable.
    case environment
    /// The YAML configuration file.
    case file
    /// The field's default.
    case `default`
}

/// The value of every field of a schema after layering flags > environment > file > defaults.
///
/// Getters never fail: an unknown name gives the zero value, and values convert between types the way viper's
/// getters do (`bool("event-feed")` reads a string field as a boolean). Printing or dumping a `ResolvedConfig`
/// shows every field with its source and `"***"` in place of secret values.
///
/// ```swift
/// let config = try schema.resolve(arguments: args, environment: env, currentDirectory: cwd)
/// try config.validate()
/// let domain = config.string("domain")
/// let fromFlag = config.source(of: "domain") == .flag
/// ```
public struct ResolvedConfig: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    struct Entry: Sendable, Hashable {
        let value: ConfigValue
        let source: ConfigSource
    }

    /// The schema the values were resolved for.
    public let schema: ConfigSchema
    let entries: [String: Entry]
    /// Command-line arguments that are not flags (subcommand names, anything after `--`).
    public let positionalArguments: [String]
    /// `-h` or `--help` was given.
    public let helpRequested: Bool
    /// `-v` or `--version` was given.
    public let versionRequested: Bool
    /// The YAML file that was read, if any.
    public let configFilePath: String?
    /// The directory relative paths are resolved against.
    public let currentDirectory: String

    /// The typed value of field `name`, or `nil` for an unknown name.
    public func value(_ name: String) -> ConfigValue? {
        entries[name]?.value
    }

    /// Where field `name`'s value came from, or `nil` for an unknown name.
    public func source(of name: String) -> ConfigSource? {
        entries[name]?.source
    }

    /// Whether field `name` was set explicitly (by a flag, the environment or the file) rather than defaulted.
    public func isSet(_ name: String) -> Bool {
        guard let source = entries[name]?.source else { return false }
        return source != .default
    }

    /// The value as a string; lists are comma-joined, maps spelled `k=v,…`.
    public func string(_ name: String) -> String {
        entries[name]?.value.flagSpelling ?? ""
    }

    /// The value as a bool; strings are parsed like `strconv.ParseBool`, ints are true when non-zero.
    public func bool(_ name: String) -> Bool {
        switch entries[name]?.value {
        case .bool(let flag)?: flag
        case .string(let text)?: ValueParsing.bool(text) ?? false
        case .int(let number)?: number != 0
        default: false
        }
    }

    /// The value as an int; strings are parsed, bools are 0 or 1.
    public func int(_ name: String) -> Int {
        switch entries[name]?.value {
        case .int(let number)?: number
        case .string(let text)?: ValueParsing.int(text) ?? 0
        case .bool(let flag)?: flag ? 1 : 0
        default: 0
        }
    }

    /// The value as a list; a string is split at commas.
    public func stringList(_ name: String) -> [String] {
        switch entries[name]?.value {
        case .stringList(let items)?: items
        case .string(let text)?: (try? ValueParsing.list(text)) ?? [text]
        default: []
        }
    }

    /// The value as a map; a string is read as `k=v,…`.
    public func stringMap(_ name: String) -> [String: String] {
        switch entries[name]?.value {
        case .stringMap(let map)?: map
        case .string(let text)?: (try? ValueParsing.keyValues(text)) ?? [:]
        default: [:]
        }
    }

    public var description: String {
        let lines = schema.fields.compactMap { field -> String? in
            guard let entry = entries[field.name] else { return nil }
            return "  \(field.name): \(ResolvedConfig.shown(entry.value, secret: field.isSecret)) (\(entry.source))"
        }
        return "ResolvedConfig(\n" + lines.joined(separator: "\n") + "\n)"
    }

    public var debugDescription: String { description }

    /// What `dump(_:)` and debuggers show: each field's value as in ``description``, so secrets stay redacted.
    public var customMirror: Mirror {
        let children = schema.fields.compactMap { field -> Mirror.Child? in
            guard let entry = entries[field.name] else { return nil }
            return (field.name, "\(ResolvedConfig.shown(entry.value, secret: field.isSecret)) (\(entry.source))")
        }
        return Mirror(self, children: children, displayStyle: .struct)
    }

    /// A value for dumps: strings quoted, secrets as `"***"`.
    static func shown(_ value: ConfigValue, secret: Bool) -> String {
        if secret { return "\"***\"" }
        switch value {
        case .string(let text): return "\"\(text)\""
        case .stringList(let items): return "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        case .stringMap(let map):
            let pairs = map.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }
            return "[" + (pairs.isEmpty ? ":" : pairs.joined(separator: ", ")) + "]"
        default: return value.flagSpelling
        }
    }
}
