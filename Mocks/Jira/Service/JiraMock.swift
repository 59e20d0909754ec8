public import HTTPTypes
public import Hummingbird
public import MockKit
import Synchronization

/// Settings of a mocked Jira Cloud site.
public struct JiraMockConfiguration: Sendable {
    /// How big the generated site is.
    public var size: TenantSize
    /// Seed of the generated site.
    public var seed: UInt64
    /// The site name (`acme` for `acme.atlassian.net`); also the email domain `acme.example`.
    public var site: String

    /// Creates a configuration; by default a `small` site `acme` with seed 1.
    public init(size: TenantSize = .small, seed: UInt64 = 1, site: String = "acme") {
        self.size = size
        self.seed = seed
        self.site = site
    }
}

/// A mocked Jira Cloud REST API (users, groups, projects, project roles and their provisioning) over a
/// generated site.
///
/// Accepts `Authorization: Basic base64(email:token)` with `JiraMock.defaultEmail` and
/// `JiraMock.defaultAPIToken`, or the user name and secret of `MockOptions.credentials`.
///
/// ```swift
/// let server = try await MockServer.start(JiraMock(size: .tiny, seed: 7))
/// ```
public final class JiraMock: MockService {
    /// The account email accepted when `MockOptions.credentials` names none.
    public static let defaultEmail = "admin@acme.example"
    /// The API token accepted when `MockOptions.credentials` is nil.
    public static let defaultAPIToken = "mock-jira-api-token"

    public let name = "jira"
    /// The site settings.
    public let configuration: JiraMockConfiguration

    let tenant: Mutex<JiraTenant>
    let session = Mutex(JiraSession())

    /// Generates the site now (a `large` one takes a few seconds).
    public init(configuration: JiraMockConfiguration = JiraMockConfiguration()) {
        self.configuration = configuration
        self.tenant = Mutex(Self.generate(configuration))
    }

    /// A mock with a generated site of the given size and seed.
    public convenience init(size: TenantSize, seed: UInt64 = 1) {
        self.init(configuration: JiraMockConfiguration(size: size, seed: seed))
    }

    private static func generate(_ configuration: JiraMockConfiguration) -> JiraTenant {
        JiraTenant.generate(seed: configuration.seed, counts: configuration.size.counts, site: configuration.site)
    }

    public func prepare(_ environment: MockEnvironment) {
        session.withLock { session in
            session.baseURL = environment.baseURL
            session.email = environment.options.credentials?.username ?? Self.defaultEmail
            session.apiToken = environment.options.credentials?.secret ?? Self.defaultAPIToken
            session.pageCap = environment.options.pageCap
        }
    }

    public func addRoutes(to routes: RouterGroup<MockRequestContext>) {
        addUserRoutes(to: routes)
        addGroupRoutes(to: routes)
        addProjectRoutes(to: routes)
    }

    /// Jira's 429: `Retry-After` plus the `X-RateLimit-*` family and the reason.
    public func rateLimitedResponse(_ status: RateLimitStatus, request: Request) -> Response {
        var error = JiraAPIError.rateLimited
        error.headers[.retryAfter] = String(status.retryAfterSeconds)
        error.headers[.rateLimitReason] = "jira-burst-based"
        return error.render()
    }

    /// `X-RateLimit-*` when limiting is on; Jira sends them on limited and near-limit responses.
    public func addRateLimitHeaders(_ status: RateLimitStatus?, to headers: inout HTTPFields) {
        guard let status else { return }
        headers[.rateLimitLimit] = String(status.limit)
        headers[.rateLimitRemaining] = String(status.remaining)
        // ISO 8601 to the minute, as Jira writes it.
        headers[.rateLimitReset] = String(Timestamp(millis: status.resetEpochSeconds * 1000).iso8601.prefix(16)) + "Z"
        headers[.rateLimitNearLimit] = status.remaining * 5 < status.limit ? "true" : "false"
    }

    public func faultResponse(_ status: HTTPResponse.Status) -> Response {
        guard status == .internalServerError else {
            // What the edge in front of the site sends: HTML, not Jira JSON.
            let html = "<html><body><h1>\(status.code) \(status.reasonPhrase)</h1></body></html>"
            return Response(
                status: status, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        return JiraAPIError.internalError.render()
    }

    public func errorResponse(for error: any Error, request: Request) -> Response {
        JiraAPIError.internalError.render()
    }

    public func truth() -> ByteBuffer {
        ByteBuffer(bytes: tenant.withLock { $0.truthJSON(seed: configuration.seed, size: configuration.size) })
    }

    public func reset() {
        let fresh = Self.generate(configuration)
        tenant.withLock { $0 = fresh }
    }

    public func credentialHelp() -> [String] {
        let (email, token) = session.withLock { ($0.email, $0.apiToken) }
        return ["Authorization: Basic base64(\(email):\(token))"]
    }

    /// The base URL and the page cap, read once per request.
    func requestSettings() -> (baseURL: String, pageCap: Int?) {
        session.withLock { ($0.baseURL, $0.pageCap) }
    }

    /// The request body as JSON.
    func jsonBody(_ request: Request) async throws -> JSONValue {
        do {
            return try JSONValue(parsing: try await request.collectBody())
        } catch {
            throw JiraAPIError.malformedBody
        }
    }
}

/// What the running mock knows beyond the site: where it is served and what it accepts.
struct JiraSession: Sendable {
    var baseURL = "http://127.0.0.1"
    var email = JiraMock.defaultEmail
    var apiToken = JiraMock.defaultAPIToken
    var pageCap: Int?
}

extension HTTPField.Name {
    static let rateLimitLimit = HTTPField.Name.literal("X-RateLimit-Limit")
    static let rateLimitRemaining = HTTPField.Name.literal("X-RateLimit-Remaining")
    static let rateLimitReset = HTTPField.Name.literal("X-RateLimit-Reset")
    static let rateLimitNearLimit = HTTPField.Name.literal("X-RateLimit-NearLimit")
    static let rateLimitReason = HTTPField.Name.literal("RateLimit-Reason")
    static let seraphLoginReason = HTTPField.Name.literal("X-Seraph-LoginReason")
    static let wwwAuthenticate = HTTPField.Name.literal("WWW-Authenticate")
}

extension JiraMock {
    /// One line describing the live site, e.g. `200 users, 30 groups, 900 memberships, …`.
    public var tenantSummary: String {
        let counts = tenant.withLock { $0.counts }
        return "\(counts.users) users (\(counts.inactiveUsers) inactive), \(counts.groups) groups, "
            + "\(counts.memberships) memberships, \(counts.projects) projects, \(counts.roleActors) role actors"
    }
}
