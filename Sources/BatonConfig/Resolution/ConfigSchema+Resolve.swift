internal import Yams

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension ConfigSchema {
    /// Reads every field from the command line, the environment, the YAML file and the defaults, in that order of
    /// precedence.
    ///
    /// - Flags: pflag syntax (`--name value`, `--name=value`, `-f value`, `-fvalue`, bools as `--flag` or
    ///   `--flag=false`, lists repeated or comma-separated, maps as `k=v,k2=v2`).
    /// - Environment: `BATON_<NAME>` with the name upper-cased and `-` as `_` (`client-id` → `BATON_CLIENT_ID`);
    ///   empty variables count as unset; lists and maps use the flag spellings.
    /// - File: YAML at `BATON_CONFIG_PATH` (which must end in `.yaml` or `.yml` and must exist), else `./.baton.yaml`
    ///   when present; keys are field names; unknown keys are ignored.
    ///
    /// Resolution does not check rules or relationships: call ``ResolvedConfig/validate()`` for that.
    ///
    /// - Parameters:
    ///   - arguments: The command-line arguments without the program name.
    ///   - environment: The process environment.
    ///   - currentDirectory: The directory relative paths (the config file, file uploads) are resolved against.
    /// - Throws: ``ConfigError`` with code `invalidArgument` (`unknown flag: --x`, `flag needs an argument: --x`, a
    ///   malformed value), `invalidEnvironment` or `invalidConfigFile`.
    public func resolve(
        arguments: [String], environment: [String: String], currentDirectory: String
    ) throws(ConfigError) -> ResolvedConfig {
        let flags = try FlagParser(schema: self).parse(arguments)
        let file = try ConfigFile.locate(environment: environment, currentDirectory: currentDirectory)
        var fileValues: [String: ConfigValue] = [:]
        if let file { fileValues = try file.values(for: self) }

        var entries: [String: ResolvedConfig.Entry] = [:]
        for field in fields {
            if let value = flags.values[field.name] {
                entries[field.name] = .init(value: value, source: .flag)
            } else if let text = environment[field.environmentVariableName], !text.isEmpty {
                do {
                    let value = try ValueParsing.value(text, as: field.variant)
                    entries[field.name] = .init(value: value, source: .environment)
                } catch {
                    let shown = field.isSecret ? "" : " \"\(text)\""
                    throw ConfigError(
                        .invalidEnvironment,
                        "invalid value\(shown) in \(field.environmentVariableName): \(error.reason)")
                }
            } else if let value = fileValues[field.name] {
                entries[field.name] = .init(value: value, source: .file)
            } else {
                entries[field.name] = .init(value: field.defaultValue, source: .default)
            }
        }
        return ResolvedConfig(
            schema: self, entries: entries, positionalArguments: flags.positional,
            helpRequested: flags.helpRequested, versionRequested: flags.versionRequested,
            configFilePath: file?.path, currentDirectory: currentDirectory)
    }
}

/// The YAML configuration file.
struct ConfigFile {
    let path: String

    /// `BATON_CONFIG_PATH` if set (it must name a `.yaml`/`.yml` file that exists), else `./.baton.yaml` if present.
    static func locate(environment: [String: String], currentDirectory: String) throws(ConfigError) -> ConfigFile? {
        if let configured = environment["BATON_CONFIG_PATH"], !configured.isEmpty {
            guard configured.hasSuffix(".yaml") || configured.hasSuffix(".yml") else {
                throw ConfigError(.invalidConfigFile, "BATON_CONFIG_PATH must end in .yaml or .yml: \(configured)")
            }
            let path = absolute(configured, in: currentDirectory)
            guard FileManager.default.fileExists(atPath: path) else {
                throw ConfigError(.invalidConfigFile, "config file not found: \(configured)")
            }
            return ConfigFile(path: path)
        }
        let path = absolute(".baton.yaml", in: currentDirectory)
        return FileManager.default.fileExists(atPath: path) ? ConfigFile(path: path) : nil
    }

    static func absolute(_ path: String, in directory: String) -> String {
        if path.hasPrefix("/") { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    /// The values the file sets for the schema's fields.
    func values(for schema: ConfigSchema) throws(ConfigError) -> [String: ConfigValue] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(.invalidConfigFile, "cannot read config file \(path)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(
                .invalidConfigFile, "invalid YAML in config file \(path): \(ConfigFile.summary(of: error))")
        } catch {
            throw ConfigError(.invalidConfigFile, "invalid YAML in config file \(path)")
        }
        guard let root, root.tag.rawValue != Tag.Name.null.rawValue else { return [:] }
        guard case .mapping(let mapping) = root else {
            throw ConfigError(.invalidConfigFile, "config file \(path) must hold a mapping of field names to values")
        }
        var values: [String: ConfigValue] = [:]
        for (key, node) in mapping {
            // Keys match field names case-insensitively, as viper lower-cases them.
            guard let key = key.string, let field = schema.field(named: key) ?? schema.field(named: key.lowercased())
            else { continue }
            let name = field.name
            do {
                if let value = try ConfigFile.value(of: node, as: field.variant) { values[name] = value }
            } catch {
                throw ConfigError(
                    .invalidConfigFile, "invalid value for '\(name)' in config file \(path): \(error.reason)")
            }
        }
        return values
    }

    /// A YAML node as a value of `variant`; `nil` for null.
    private static func value(of node: Node, as variant: ConfigVariant) throws(ValueProblem) -> ConfigValue? {
        if node.tag.rawValue == Tag.Name.null.rawValue { return nil }
        switch (node, variant) {
        case (.scalar(let scalar), .bool):
            // YAML 1.1 spellings (yes/no/on/off) on top of Go's.
            switch scalar.string.lowercased() {
            case "yes", "y", "on": return .bool(true)
            case "no", "n", "off": return .bool(false)
            default: return try ValueParsing.value(scalar.string, as: .bool)
            }
        case (.scalar(let scalar), _):
            return try ValueParsing.value(scalar.string, as: variant)
        case (.sequence(let sequence), .stringList):
            var items: [String] = []
            for item in sequence { items.append(try scalarText(item)) }
            return .stringList(items)
        case (.mapping(let mapping), .stringMap):
            var result: [String: String] = [:]
            for (key, item) in mapping { result[try scalarText(key)] = try scalarText(item) }
            return .stringMap(result)
        case (.sequence, _):
            throw ValueProblem(reason: "a list is not allowed here")
        case (.mapping, _):
            throw ValueProblem(reason: "a mapping is not allowed here")
        case (.alias, _):
            throw ValueProblem(reason: "aliases are not supported")
        }
    }

    private static func scalarText(_ node: Node) throws(ValueProblem) -> String {
        guard case .scalar(let scalar) = node else { throw ValueProblem(reason: "nested values must be scalars") }
        return node.tag.rawValue == Tag.Name.null.rawValue ? "" : scalar.string
    }

    /// The parser's problem and position, without the quoted source line (which could hold a secret).
    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicated keys \(duplicates.joined(separator: ", "))"
        default:
            return "unreadable YAML"
        }
    }
}
