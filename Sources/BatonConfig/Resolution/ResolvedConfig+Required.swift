import BatonSDK
import Foundation

extension ResolvedConfig {
    /// The trimmed value of `field`, which the selected settings need (a field group's required field is only
    /// required once that group is chosen, so schema validation cannot check it alone).
    ///
    /// ```swift
    /// let token = try config.required(apiToken, connector: "okta")
    /// ```
    ///
    /// - Parameters:
    ///   - connector: the connector's name, starting the message (`okta: --api-token (BATON_API_TOKEN) is required`).
    ///   - alternative: a field that may stand in for this one, named in the message.
    /// - Throws: `BatonError` `.invalidArgument` when the value is empty.
    public func required(_ field: ConfigField, connector: String, orAlso alternative: ConfigField? = nil) throws
        -> String
    {
        let value = string(field.name).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            let alternativeText = alternative.map { " (or --\($0.name))" } ?? ""
            throw BatonError(
                .invalidArgument,
                "\(connector): --\(field.name) (\(field.environmentVariableName))\(alternativeText) is required")
        }
        return value
    }
}
