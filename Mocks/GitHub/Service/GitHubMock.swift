public import HTTPTypes
public import Hummingbird
public import MockKit
import Synchronization

/// How the mock rejects requests over `MockOptions.rateLimit`.
public enum GitHubRateLimitStyle: String, Sendable, CaseIterable {
    /// The primary limit: 403 with `X-RateLimit-Remaining: 0` and the reset time.
    case primary
    /// A secondary limit answered 403 with `Retry-After` and the secondary-limit documentation URL.
    case secondary403
    /// A secondary limit answered 429 with `Retry-After`.
    case secondary429
}

/// A GitHub App allowed to mint installation tokens: its id (the JWT `iss`) and public key.
public struct GitHubAppRegistration: Sendable {
    /// The App id, as a string (the JWT `iss` claim).
    public var appID: String
    /// The key the App's RS256 JWTs are verified with.
    public var publicKey: JWTPublicKey

    /// Creates a registration.
    public init(appID: String, publicKey: JWTPublicKey) {
        self.appID = appID
        self.publicKey = publicKey
    }
}

/// Settings of a mocked GitHub.
public struct GitHubMockConfiguration: Sendable {
    /// How big the main org is.
    public var size: TenantSize
    /// Seed of the generated tenant.
    public var seed: UInt64
    /// Login of the main org (the second org is `<login>-labs`).
    public var orgLogin: String
    /// Whether the main org has a SAML identity provider with an identity per member.
    public var saml: Bool
    /// The App allowed to use `/app/installations/{id}/access_tokens`; nil disables App auth.
    public var app: GitHubAppRegistration?
    /// How long an installation token lives, in seconds (GitHub: one hour).
    public var installationTokenLifetime: Int
    /// How requests over the rate limit are rejected.
    public var rateLimitStyle: GitHubRateLimitStyle

    /// Creates a configuration; by default a `small` tenant, seed 1, org `acme`, no SAML, no App.
    public init(
        size: TenantSize = .small, seed: UInt64 = 1, orgLogin: String = "acme", saml: Bool = false,
        app: GitHubAppRegistration? = nil, installationTokenLifetime: Int = 3600,
        rateLimitStyle: GitHubRateLimitStyle = .primary
    ) {
        self.size = size
        self.seed = seed
        self.orgLogin = orgLogin
        self.saml = saml
        self.app = app
        self.installationTokenLifetime = installationTokenLifetime
        self.rateLimitStyle = rateLimitStyle
    }
}

/// A mocked GitHub REST API (orgs, members, teams, repositories, collaborators, org roles,
/// invitations, GitHub App installation tokens) and the GraphQL SAML queries, over a generated tenant.
///
/// Routes are served at the root (like `api.github.com`) and under `/api/v3` (like GitHub Enterprise
/// Server); GraphQL at `/graphql` and `/api/graphql`. Accepts `Authorization: Bearer <token>` or
/// `token <token>` with the default PAT (`GitHubMock.defaultToken`, or the secret of
/// `MockOptions.credentials`) or an unexpired installation token.
///
/// ```swift
/// let server = try await MockServer.start(GitHubMock(size: .tiny))
/// ```
public final class GitHubMock: MockService {
    /// The personal access token accepted when `MockOptions.credentials` is nil.
    public static let defaultToken = "ghp_mockGitHubPersonalAccessToken0001"

    public let name = "github"
    /// The tenant settings.
    public let configuration: GitHubMockConfiguration

    let tenant: Mutex<GitHubTenant>
    let session = Mutex(GitHubSession())

    /// Generates the tenant now (a `large` one takes a few seconds).
    public init(configuration: GitHubMockConfiguration = GitHubMockConfiguration()) {
        self.configuration = configuration
        self.tenant = Mutex(Self.generate(configuration))
    }

    /// A mock with a generated tenant of the given size and seed.
    public convenience init(size: TenantSize, seed: UInt64 = 1) {
        self.init(configuration: GitHubMockConfiguration(size: size, seed: seed))
    }

    private static func generate(_ configuration: GitHubMockConfiguration) -> GitHubTenant {
        GitHubTenant.generate(
            seed: configuration.seed, counts: configuration.size.counts, orgLogin: configuration.orgLogin,
            saml: configuration.saml)
    }

    public func prepare(_ environment: MockEnvironment) {
        session.withLock { session in
            session.baseURL = environment.baseURL
            session.token = environment.options.credentials?.secret ?? Self.defaultToken
            session.pageCap = environment.options.pageCap
        }
    }

    public func addRoutes(to routes: RouterGroup<MockRequestContext>) {
        addOrgRoutes(to: routes)
        addTeamRoutes(to: routes)
        addRepoRoutes(to: routes)
        addRoleRoutes(to: routes)
        addAppRoutes(to: routes)
        addGraphQLRoutes(to: routes)
    }

    public func rateLimitedResponse(_ status: RateLimitStatus, request: Request) -> Response {
        switch configuration.rateLimitStyle {
        case .primary:
            let viewer = tenant.withLock { $0.users[Int($0.viewer)].id }
            return GitHubAPIError(
                status: .forbidden, message: "API rate limit exceeded for user ID \(viewer).",
                documentationURL: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
            ).render()
        case .secondary403, .secondary429:
            var headers = HTTPFields()
            headers[.retryAfter] = String(status.retryAfterSeconds)
            return GitHubAPIError(
                status: configuration.rateLimitStyle == .secondary403 ? .forbidden : .tooManyRequests,
                message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                documentationURL: Self.secondaryLimitDocumentation, headers: headers
            ).render()
        }
    }

    /// The `documentation_url` of a secondary-limit rejection.
    public static let secondaryLimitDocumentation =
        "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api"
        + "#about-secondary-rate-limits"

    /// `X-RateLimit-Limit/Remaining/Reset/Used/Resource` on every response (nominal figures when limiting
    /// is off; GitHub always sends them). A secondary limit leaves the primary budget untouched.
    public func addRateLimitHeaders(_ status: RateLimitStatus?, to headers: inout HTTPFields) {
        let nominalReset = (Timestamp.now().epochSeconds / 3600 + 1) * 3600
        let secondary = configuration.rateLimitStyle != .primary
        headers[.rateLimitLimit] = String(status?.limit ?? 5000)
        headers[.rateLimitRemaining] = String(status.map { secondary && $0.exceeded ? 1 : $0.remaining } ?? 4999)
        headers[.rateLimitReset] = String(status?.resetEpochSeconds ?? nominalReset)
        headers[.rateLimitUsed] = String(status?.used ?? 1)
        headers[.rateLimitResource] = "core"
    }

    public func faultResponse(_ status: HTTPResponse.Status) -> Response {
        switch status {
        case .internalServerError: GitHubAPIError.internalError.render()
        default: GitHubAPIError(status: status, message: "Service temporarily unavailable").render()
        }
    }

    public func errorResponse(for error: any Error, request: Request) -> Response {
        GitHubAPIError.internalError.render()
    }

    public func truth() -> ByteBuffer {
        ByteBuffer(bytes: tenant.withLock { $0.truthJSON(seed: configuration.seed, size: configuration.size) })
    }

    public func reset() {
        let fresh = Self.generate(configuration)
        tenant.withLock { $0 = fresh }
        session.withLock { $0.installationTokens = [:] }
    }

    public func credentialHelp() -> [String] {
        let token = session.withLock { $0.token }
        var lines = ["Authorization: Bearer \(token) (or: token \(token))"]
        if let app = configuration.app {
            lines.append(
                "GitHub App \(app.appID): RS256 JWT → GET /orgs/{org}/installation, "
                    + "POST /app/installations/{id}/access_tokens; then Bearer ghs_…")
        }
        return lines
    }

    /// One line describing the live tenant.
    public var tenantSummary: String {
        tenant.withLock { $0.summary }
    }

    /// Deletes an account the way a race with a sync sees it: lists already served keep naming it,
    /// while `/user/{id}` and `/users/{login}` answer 404 from now on.
    ///
    /// - Returns: whether the login named a live account.
    @discardableResult
    public func vanishUser(login: String) -> Bool {
        tenant.withLock { tenant in
            guard let index = tenant.liveUser(login: login) else { return false }
            tenant.users[Int(index)].vanished = true
            return true
        }
    }

    /// The base URL and the page cap, read once per request.
    func requestSettings() -> (baseURL: String, pageCap: Int?) {
        session.withLock { ($0.baseURL, $0.pageCap) }
    }

    /// The URL roots for a request: REST under `/api/v3` when the request came that way.
    func urls(_ request: Request) -> GitHubURLs {
        let baseURL = requestSettings().baseURL
        let api = request.uri.path.hasPrefix("/api/v3/") ? baseURL + "/api/v3" : baseURL
        return GitHubURLs(api: api, web: baseURL)
    }
}

/// What the running mock knows beyond the tenant: where it is served and the tokens it issued.
struct GitHubSession: Sendable {
    var baseURL = "http://127.0.0.1"
    var token = GitHubMock.defaultToken
    var pageCap: Int?
    var installationTokens: [String: GitHubInstallationToken] = [:]
    var tokenRandom = SplitMix64(seed: 0x6768_7300)
}

struct GitHubInstallationToken: Sendable {
    var installation: Int
    var expires: Timestamp
}

extension HTTPField.Name {
    static let rateLimitLimit = HTTPField.Name.literal("X-RateLimit-Limit")
    static let rateLimitRemaining = HTTPField.Name.literal("X-RateLimit-Remaining")
    static let rateLimitReset = HTTPField.Name.literal("X-RateLimit-Reset")
    static let rateLimitUsed = HTTPField.Name.literal("X-RateLimit-Used")
    static let rateLimitResource = HTTPField.Name.literal("X-RateLimit-Resource")
    static let link = HTTPField.Name.literal("Link")
    static let wwwAuthenticate = HTTPField.Name.literal("WWW-Authenticate")
}
