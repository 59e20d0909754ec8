import Crypto
import Foundation
public import HTTPTypes
public import Hummingbird
public import MockKit
import NIOCore
import Synchronization

/// Who may call the mocked registry.
public struct RegistryAccess: Sendable {
    /// Bearer tokens of publishers, by token: the org each may publish for.
    public var publisherTokens: [String: String]
    /// The bearer token of an admin (yank, stable, deprecate; any org).
    public var adminToken: String?

    /// - Parameter publishers: org → token, as `--publisher-token ORG=TOKEN` gives them.
    public init(publishers: [String: String] = [:], adminToken: String? = nil) {
        self.publisherTokens = Dictionary(
            publishers.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        self.adminToken = adminToken
    }
}

/// A faithful mock of the connector registry: the REST API the `cone` client calls (connectors,
/// versions, presigned uploads, finalize and validation, keys, the admin lifecycle), with bearer
/// tokens and roles, and its state in SQLite under a data folder so a restart loses nothing.
///
/// ```swift
/// let registry = try RegistryMock(dataDirectory: dir, access: .init(publishers: ["acme": "t0k"]))
/// let server = try await MockServer.start(registry)
/// ```
public final class RegistryMock: MockService {
    public let name = "registry"
    let store: RegistryStore
    let access: RegistryAccess
    let uploadSecret: Data
    let baseURL = Mutex("http://127.0.0.1")
    /// How long an upload URL stays valid.
    let uploadURLLifetime: Duration

    /// Opens (or creates) the registry's state in `dataDirectory`.
    public init(dataDirectory: String, access: RegistryAccess, uploadURLLifetime: Duration = .seconds(900)) throws {
        store = try RegistryStore(directory: dataDirectory)
        self.access = access
        uploadSecret = try store.uploadSecret()
        self.uploadURLLifetime = uploadURLLifetime
    }

    public func prepare(_ environment: MockEnvironment) {
        baseURL.withLock { $0 = environment.baseURL }
        // A version left VALIDATING by a stopped registry is validated again, not stuck forever.
        for version in (try? store.versions()) ?? [] where version.state == .validating {
            validate(version)
        }
    }

    public func addRoutes(to routes: RouterGroup<MockRequestContext>) {
        addConnectorRoutes(to: routes)
        addVersionRoutes(to: routes)
        addUploadRoutes(to: routes)
        addKeyRoutes(to: routes)
        addAdminRoutes(to: routes)
    }

    /// Authorization is per route (reads are public, writes need a publisher of the org or an admin).
    public func authenticate(_ request: Request, context: MockRequestContext) -> Response? { nil }

    public func rateLimitedResponse(_ status: RateLimitStatus, request: Request) -> Response {
        var headers = HTTPFields()
        headers[.retryAfter] = String(status.retryAfterSeconds)
        return RegistryError(.tooManyRequests, "rate limit exceeded").response(headers: headers)
    }

    public func faultResponse(_ status: HTTPResponse.Status) -> Response {
        RegistryError(status, "injected fault").response()
    }

    public func errorResponse(for error: any Error, request: Request) -> Response {
        (error as? RegistryError ?? RegistryError(.internalServerError, "\(error)")).response()
    }

    /// Every connector, version (without file contents) and key.
    public func truth() -> ByteBuffer {
        struct Truth: Encodable {
            var connectors: [ConnectorRecord]
            var versions: [VersionRecord]
        }
        let truth = Truth(
            connectors: (try? store.connectors()) ?? [], versions: (try? store.versions()) ?? [])
        return ByteBuffer(bytes: (try? RegistryJSON.encoder.encode(truth)) ?? Data("{}".utf8))
    }

    /// The registry keeps what it was given: a reset would lose publishers' releases.
    public func reset() {}

    public func credentialHelp() -> [String] {
        access.publisherTokens.sorted { $0.value < $1.value }.map {
            "Authorization: Bearer <token> for org \($0.value)"
        }
            + (access.adminToken == nil ? [] : ["Authorization: Bearer <admin token>"])
    }

    // MARK: Callers

    /// Who is calling, from the bearer token.
    enum Caller: Equatable {
        case anonymous
        case publisher(org: String)
        case admin
    }

    func caller(_ request: Request) throws(RegistryError) -> Caller {
        guard let header = request.headers[.authorization] else { return .anonymous }
        guard header.hasPrefix("Bearer ") else { throw RegistryError(.unauthorized, "expected a bearer token") }
        let token = String(header.dropFirst("Bearer ".count))
        if let admin = access.adminToken, token == admin { return .admin }
        if let org = access.publisherTokens[token] { return .publisher(org: org) }
        throw RegistryError(.unauthorized, "invalid or expired token")
    }

    /// Succeeds for an admin or a publisher of `org`.
    func requirePublisher(of org: String, _ request: Request) throws(RegistryError) {
        switch try caller(request) {
        case .admin: return
        case .publisher(let own) where own == org: return
        case .publisher: throw RegistryError(.forbidden, "this token may not publish for org \(org)")
        case .anonymous: throw RegistryError(.unauthorized, "authentication required")
        }
    }

    func requireAdmin(_ request: Request) throws(RegistryError) {
        switch try caller(request) {
        case .admin: return
        case .publisher: throw RegistryError(.forbidden, "this action needs an admin token")
        case .anonymous: throw RegistryError(.unauthorized, "authentication required")
        }
    }

    // MARK: Bodies

    func body<Body: Decodable>(_ request: Request, as type: Body.Type) async throws -> Body {
        let bytes = try await request.collectBody()
        do {
            return try RegistryJSON.decoder.decode(Body.self, from: Data(bytes))
        } catch {
            throw RegistryError(.badRequest, "malformed JSON body")
        }
    }

    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        .json(ByteBuffer(bytes: try RegistryJSON.encoder.encode(value)), status: status)
    }
}

/// An error answer: `{"code": <status>, "message": "…"}`.
struct RegistryError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    func response(headers: HTTPFields = [:]) -> Response {
        struct Body: Encodable {
            var code: Int
            var message: String
        }
        let data = (try? RegistryJSON.encoder.encode(Body(code: status.code, message: message))) ?? Data()
        return .json(ByteBuffer(bytes: data), status: status, headers: headers)
    }
}
