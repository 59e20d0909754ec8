import BatonHTTP
public import Foundation

/// The connector registry's REST API as `cone` calls it: connectors, versions, presigned uploads,
/// finalize, keys and the admin lifecycle. Retries, timeouts and the bearer token go through
/// ``BatonHTTPClient``; the token never reaches a log or an error.
public struct RegistryClient: Sendable {
    /// A version of a connector, as the registry reports it.
    public struct Release: Codable, Sendable, Equatable {
        public var org: String
        public var name: String
        public var version: String
        public var state: String
        public var failureReason: String?
        public var platforms: [String]?
        public var signingKeyId: String?
        public var assets: [Asset]?
        public var yankReason: String?
        public var createdAt: String?
    }

    /// An archive of a version, as declared at finalize.
    public struct Asset: Codable, Sendable, Equatable {
        public var platform: String
        public var filename: String
        public var sha256: String
        public var sizeBytes: Int
        public var mediaType: String

        public init(platform: String, filename: String, sha256: String, sizeBytes: Int, mediaType: String) {
            self.platform = platform
            self.filename = filename
            self.sha256 = sha256
            self.sizeBytes = sizeBytes
            self.mediaType = mediaType
        }
    }

    /// A registered connector.
    public struct Connector: Codable, Sendable, Equatable {
        public var org: String
        public var name: String
        public var stableVersion: String?
        public var deprecated: Bool?
        public var deprecationReason: String?
    }

    /// A public key registered for an org.
    public struct Key: Codable, Sendable, Equatable {
        public var id: String
        public var org: String
        public var name: String
        public var type: String
        public var publicKey: String
    }

    /// What `createVersion` sends besides the version and platforms.
    public struct VersionDetails: Codable, Sendable {
        public var description: String?
        public var repositoryUrl: String?
        public var homepageUrl: String?
        public var license: String?
        public var changelog: String?
        public var commitSha: String?
        public var signingKeyId: String?

        public init(
            description: String? = nil, repositoryUrl: String? = nil, homepageUrl: String? = nil,
            license: String? = nil, changelog: String? = nil, commitSha: String? = nil, signingKeyId: String? = nil
        ) {
            self.description = description
            self.repositoryUrl = repositoryUrl
            self.homepageUrl = homepageUrl
            self.license = license
            self.changelog = changelog
            self.commitSha = commitSha
            self.signingKeyId = signingKeyId
        }
    }

    public let baseURL: URL
    let http: BatonHTTPClient

    /// - Parameters:
    ///   - baseURL: The registry, e.g. `http://127.0.0.1:8080`.
    ///   - token: The bearer token, or nil for anonymous reads.
    public init(baseURL: URL, token: String?, timeout: Duration = .seconds(120)) {
        self.baseURL = baseURL
        http = BatonHTTPClient(
            configuration: .init(userAgent: "baton-connector", timeout: timeout, cache: .disabled),
            authenticator: token.map { StaticAuthenticator.bearer($0) })
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    // MARK: Calls

    /// Creates `org/name`; an existing connector is fine (409), as `cone` treats it.
    public func ensureConnector(org: String, name: String) async throws {
        struct Body: Encodable, Sendable {
            var org: String
            var name: String
        }
        _ = try await call(.post, "/api/v1/connectors", body: Body(org: org, name: name), accepting: [409])
    }

    public func createVersion(
        org: String, name: String, version: String, platforms: [String], details: VersionDetails
    ) async throws -> Release {
        struct Body: Encodable, Sendable {
            var org: String
            var name: String
            var version: String
            var platforms: [String]
            var details: VersionDetails

            func encode(to encoder: any Encoder) throws {
                try details.encode(to: encoder)
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(org, forKey: .org)
                try container.encode(name, forKey: .name)
                try container.encode(version, forKey: .version)
                try container.encode(platforms, forKey: .platforms)
            }

            enum Keys: String, CodingKey { case org, name, version, platforms }
        }
        struct Answer: Decodable { var release: Release }
        let body = Body(org: org, name: name, version: version, platforms: platforms, details: details)
        return try await decode(Answer.self, .post, "/api/v1/connectors/\(org)/\(name)/versions", body: body).release
    }

    /// Presigned upload URLs, by `"<platform>/<kind>"` (`binary`, `checksum`, `signature`).
    public func uploadURLs(org: String, name: String, version: String, platforms: [String]) async throws -> [String:
        String]
    {
        struct Body: Encodable, Sendable {
            var org: String
            var name: String
            var version: String
            var platforms: [String]
        }
        struct Answer: Decodable {
            var uploadUrls: [String: String]
            // `uploadUrls` is camelCase on the wire; the snake_case strategy leaves it as it is.
        }
        let body = Body(org: org, name: name, version: version, platforms: platforms)
        return try await decode(
            Answer.self, .post, "/api/v1/connectors/\(org)/\(name)/versions/\(version)/upload-urls", body: body
        ).uploadUrls
    }

    /// PUTs `data` to a presigned URL (no bearer token: the URL is the credential).
    public func upload(_ data: Data, to url: String, contentType: String) async throws {
        guard let target = URL(string: url) else { throw ReleaseError("the registry sent an invalid upload URL") }
        let plain = BatonHTTPClient(configuration: http.configuration, authenticator: nil)
        let response = try await plain.send(
            HTTPRequest(
                .put, url: target, body: .raw(data, contentType: contentType), isIdempotent: true,
                acceptedStatuses: Set(400..<500)))
        guard response.isSuccess else { throw Self.failure(response, action: "upload") }
    }

    public func finalize(org: String, name: String, version: String, assets: [Asset]) async throws -> Release {
        struct Body: Encodable, Sendable {
            var org: String
            var name: String
            var version: String
            var assets: [Asset]
        }
        struct Answer: Decodable { var release: Release }
        let body = Body(org: org, name: name, version: version, assets: assets)
        return try await decode(
            Answer.self, .post, "/api/v1/connectors/\(org)/\(name)/versions/\(version)/finalize", body: body
        ).release
    }

    public func release(org: String, name: String, version: String) async throws -> Release {
        struct Answer: Decodable { var release: Release }
        return try await decode(Answer.self, .get, "/api/v1/connectors/\(org)/\(name)/versions/\(version)").release
    }

    public func versions(org: String, name: String) async throws -> [Release] {
        struct Answer: Decodable { var versions: [Release] }
        return try await decode(Answer.self, .get, "/api/v1/connectors/\(org)/\(name)/versions").versions
    }

    public func connector(org: String, name: String) async throws -> Connector {
        struct Answer: Decodable { var connector: Connector }
        return try await decode(Answer.self, .get, "/api/v1/connectors/\(org)/\(name)").connector
    }

    /// The caller's versions (an admin sees every org's), optionally of one connector and in one state.
    public func status(connector: String?, state: String?) async throws -> [Release] {
        struct Answer: Decodable { var versions: [Release] }
        var query: [(String, String)] = []
        if let connector { query.append(("connector", connector)) }
        if let state { query.append(("state", state)) }
        return try await decode(Answer.self, .get, "/api/v1/releases", query: query).versions
    }

    public func download(org: String, name: String, version: String, platform: String, kind: String) async throws
        -> Data?
    {
        let response = try await call(
            .get, "/api/v1/connectors/\(org)/\(name)/versions/\(version)/assets/\(platform)/\(kind)", accepting: [404])
        return response.status == 404 ? nil : response.body
    }

    public func addKey(org: String, name: String, type: String, publicKey: String) async throws -> Key {
        struct Body: Encodable, Sendable {
            var name: String
            var type: String
            var publicKey: String
        }
        struct Answer: Decodable { var key: Key }
        let body = Body(name: name, type: type.uppercased(), publicKey: publicKey)
        return try await decode(Answer.self, .post, "/api/v1/orgs/\(org)/keys", body: body).key
    }

    public func keys(org: String) async throws -> [Key] {
        struct Answer: Decodable { var keys: [Key] }
        return try await decode(Answer.self, .get, "/api/v1/orgs/\(org)/keys").keys
    }

    public func yank(org: String, name: String, version: String, reason: String) async throws -> Release {
        struct Answer: Decodable { var release: Release }
        return try await decode(
            Answer.self, .post, "/api/v1/connectors/\(org)/\(name)/versions/\(version)/yank", body: ["reason": reason]
        ).release
    }

    public func setStable(org: String, name: String, version: String) async throws -> Connector {
        struct Answer: Decodable { var connector: Connector }
        return try await decode(
            Answer.self, .post, "/api/v1/connectors/\(org)/\(name)/stable", body: ["version": version]
        ).connector
    }

    public func deprecate(org: String, name: String, reason: String) async throws -> Connector {
        struct Answer: Decodable { var connector: Connector }
        return try await decode(
            Answer.self, .post, "/api/v1/connectors/\(org)/\(name)/deprecate", body: ["reason": reason]
        ).connector
    }

    // MARK: Plumbing

    private func decode<Answer: Decodable>(
        _ type: Answer.Type, _ method: HTTPRequest.Method, _ path: String, query: [(String, String)] = [],
        body: (any Encodable & Sendable)? = nil
    ) async throws -> Answer {
        let response = try await call(method, path, query: query, body: body)
        do {
            return try Self.decoder.decode(Answer.self, from: response.body)
        } catch {
            throw ReleaseError("the registry's answer to \(method) \(path) is not what was expected")
        }
    }

    /// Sends a request; a 4xx not in `accepting` becomes a ``ReleaseError`` with the registry's message.
    private func call(
        _ method: HTTPRequest.Method, _ path: String, query: [(String, String)] = [],
        body: (any Encodable & Sendable)? = nil, accepting: Set<Int> = []
    ) async throws -> HTTPResponse {
        let url = baseURL.appendingPathComponent(String(path.dropFirst()))
        var request = HTTPRequest(method, url: url, query: query, acceptedStatuses: Set(400..<500))
        if let body {
            request.body = .raw(try Self.encoder.encode(body), contentType: "application/json")
        }
        let response = try await http.send(request)
        if response.isSuccess || accepting.contains(response.status) { return response }
        throw Self.failure(response, action: "\(method) \(path)")
    }

    static func failure(_ response: HTTPResponse, action: String) -> ReleaseError {
        struct Message: Decodable { var message: String }
        let message = (try? JSONDecoder().decode(Message.self, from: response.body))?.message ?? response.reason
        return ReleaseError("registry: \(action): \(response.status) \(message)")
    }
}
