#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension ResolvedConfig {
    /// The bytes of a file-upload field (or any string field holding file contents).
    ///
    /// The value is read, in order, as: a `data:<media type>;base64,<data>` URL; a path to an existing file
    /// (relative to ``currentDirectory``); standard base64; else the text itself as UTF-8.
    ///
    /// - Returns: `nil` when the value is empty (leave "required" to ``validate()``).
    /// - Throws: ``ConfigError/Code-swift.struct/invalidFileUpload`` for a malformed data URL or an unreadable file;
    ///   the message never includes the value.
    public func fileContents(_ name: String) throws(ConfigError) -> Data? {
        let text = string(name)
        if text.isEmpty { return nil }
        if text.hasPrefix("data:") {
            return try ResolvedConfig.decodeDataURL(text, field: name)
        }
        let path = ConfigFile.absolute(text, in: currentDirectory)
        if FileManager.default.fileExists(atPath: path) {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ConfigError(.invalidFileUpload, "field \(name): cannot read the file it names")
            }
            return contents
        }
        if let decoded = Data(base64Encoded: text) { return decoded }
        return Data(text.utf8)
    }

    private static func decodeDataURL(_ url: String, field: String) throws(ConfigError) -> Data {
        let body = url.dropFirst("data:".count)
        guard let comma = body.firstIndex(of: ",") else {
            throw ConfigError(.invalidFileUpload, "field \(field): invalid data URL: missing comma separator")
        }
        let mediaType = body[..<comma]
        guard mediaType.hasSuffix(";base64") else {
            throw ConfigError(.invalidFileUpload, "field \(field): invalid data URL: expected base64 data")
        }
        guard let decoded = Data(base64Encoded: String(body[body.index(after: comma)...])) else {
            throw ConfigError(.invalidFileUpload, "field \(field): invalid data URL: malformed base64")
        }
        return decoded
    }
}
