import Foundation

/// The version lifecycle: PENDING → UPLOADING (first upload) → VALIDATING (finalize) → PUBLISHED or
/// FAILED; an admin may move a published version to YANKED.
enum ReleaseState: String, Codable, Sendable {
    case pending = "PENDING"
    case uploading = "UPLOADING"
    case validating = "VALIDATING"
    case published = "PUBLISHED"
    case yanked = "YANKED"
    case failed = "FAILED"
}

/// A registered connector: `org/name`.
struct ConnectorRecord: Codable, Sendable {
    var org: String
    var name: String
    var stableVersion: String?
    var deprecated = false
    var deprecationReason: String?
    var createdAt: String
}

/// An asset as the publisher declared it at finalize.
struct AssetRecord: Codable, Sendable, Equatable {
    var platform: String
    var filename: String
    var sha256: String
    var sizeBytes: Int
    var mediaType: String
}

/// One version of a connector and where it is in its lifecycle.
struct VersionRecord: Codable, Sendable {
    var org: String
    var name: String
    var version: String
    var state: ReleaseState
    var failureReason: String?
    var description: String?
    var repositoryUrl: String?
    var homepageUrl: String?
    var license: String?
    var changelog: String?
    var commitSha: String?
    var platforms: [String]
    var signingKeyId: String?
    var assets: [AssetRecord]
    var yankReason: String?
    var createdAt: String
}

/// A public key an org registered for release signatures.
struct KeyRecord: Codable, Sendable {
    var id: String
    var org: String
    var name: String
    /// `COSIGN` or `GPG`.
    var type: String
    var publicKey: String
    var createdAt: String
}

/// The kinds of file a platform's upload URLs accept.
enum UploadKind: String, CaseIterable, Sendable {
    /// The `.tar.gz` archive.
    case binary
    /// `<sha256>  <filename>`, one line.
    case checksum
    /// The archive's signature (`.sig`, or `.asc` for a GPG key); asked for only when the version names a key.
    case signature
}

/// Wire encoding: snake_case keys, as the registry's REST API uses.
enum RegistryJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
