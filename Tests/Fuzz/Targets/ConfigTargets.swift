import BatonConfig
import Foundation

/// A schema with a field of every kind, a secret among them, and two authentication groups.
private let schema: ConfigSchema = {
    let token = ConfigField.string("api-token").required().secret()
    let appID = ConfigField.int("app-id").required()
    let key = ConfigField.fileUpload("app-key", allowedExtensions: [".pem"])
    do {
        return try ConfigSchema(
            fields: [
                token, appID, key, ConfigField.string("domain").required(), ConfigField.bool("skip-apps"),
                ConfigField.stringList("email-domains"), ConfigField.stringMap("labels"),
                ConfigField.select("mode", options: ["fast", "full"]), ConfigField.int("page-size"),
            ],
            fieldGroups: [
                FieldGroup(name: "token", fields: [token]), FieldGroup(name: "app", fields: [appID, key]),
            ],
            defaultOptions: DefaultFieldOptions(stdoutIsTerminal: false, now: 1_700_000_000))
    } catch {
        fatalError("the fuzz schema is invalid: \(error)")
    }
}()

extension FuzzTarget {
    /// The YAML config file and the `BATON_*` environment: YAML, a NUL byte, then `NAME=value` lines.
    static let config = FuzzTarget(
        "config", "config resolution: YAML file, NUL, then BATON_* environment lines; then validation"
    ) { data throws(FuzzViolation) in
        let (yaml, rest) = data.split(at: 0)
        let path = try Scratch.write(yaml, to: "config.yaml")
        var environment = ["BATON_CONFIG_PATH": path]
        for line in rest.text.split(separator: "\n").prefix(16) {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            environment[String(parts[0])] = String(parts[1])
        }
        let secret = environment["BATON_API_TOKEN"] ?? ""
        do throws(ConfigError) {
            let resolved = try schema.resolve(
                arguments: [], environment: environment, currentDirectory: Scratch.directory)
            try resolved.validate()
        } catch {
            let message = error.message
            try FuzzViolation.check(!message.isEmpty, "an empty config error")
            try FuzzViolation.check(
                secret.count < 6 || !message.contains(secret), "the secret api-token appears in: \(message)")
        }
    }
}
