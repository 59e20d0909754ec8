import BatonConfig
import BatonSDK
import Foundation

/// Fixed inputs for the environment-dependent defaults.
let fixedDefaults = DefaultFieldOptions(stdoutIsTerminal: false, now: 1_700_000_000)

/// A schema with the default fields plus `fields`.
func makeSchema(
    _ fields: [ConfigField], relationships: [ConfigRelationship] = [], groups: [FieldGroup] = [],
    includeDefaults: Bool = true
) throws -> ConfigSchema {
    try ConfigSchema(
        fields: fields, relationships: relationships, fieldGroups: groups, includeDefaults: includeDefaults,
        defaultOptions: fixedDefaults)
}

/// Resolves `arguments` against `schema` in a directory without a config file.
func resolve(
    _ schema: ConfigSchema, _ arguments: [String] = [], environment: [String: String] = [:],
    directory: String = "/nonexistent-baton-config-test-dir"
) throws -> ResolvedConfig {
    try schema.resolve(arguments: arguments, environment: environment, currentDirectory: directory)
}

/// The `ConfigError` thrown by `body`, or `nil` when it does not throw one.
func configError(_ body: () throws -> Void) -> ConfigError? {
    do {
        try body()
        return nil
    } catch let error as ConfigError {
        return error
    } catch {
        return nil
    }
}
