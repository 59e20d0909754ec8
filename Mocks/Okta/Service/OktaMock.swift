public import HTTPTypes
public import Hummingbird
public import MockKit
import Synchronization

/// Settings of a mocked Okta org.
public struct OktaMockConfiguration: Sendable {
    /// How big the generated tenant is.
    public var size: TenantSize
    /// Seed of the generated tenant.
    public var seed: UInt64
    /// The org's subdomain; also names the company (`acme` → "Acme Corporation", emails `@acme.example`).
    public var orgName: String
    /// OAuth service apps allowed to get tokens from `/oauth2/v1/token` with a private_key_jwt assertion.
    public var oauthClients: [OktaOAuthClient]
    /// Where the `/iam` lists put their next link.
    public var iamNextLinks: IAMNextLinks

    /// Where the `/iam` lists put their next link: Okta documents `_links.next.href` in the body; a `Link`
    /// header may come too. A client must follow either alone.
    public enum IAMNextLinks: Sendable {
        /// Both the body link and `Link` header lines (the default).
        case bodyAndHeader
        /// Only `_links.next.href` in the body.
        case bodyOnly
        /// Only `Link` header lines.
        case headerOnly
    }

    /// Creates a configuration; by default a `small` tenant with seed 1 and no OAuth clients.
    public init(
        size: TenantSize = .small, seed: UInt64 = 1, orgName: String = "acme", oauthClients: [OktaOAuthClient] = [],
        iamNextLinks: IAMNextLinks = .bodyAndHeader
    ) {
        self.size = size
        self.seed = seed
        self.orgName = orgName
        self.oauthClients = oauthClients
        self.iamNextLinks = iamNextLinks
    }
}

/// An OAuth 2.0 service app: its client id, the public half of its signing key and the scopes the
/// org granted it.
public struct OktaOAuthClient: Sendable {
    /// Every scope the Okta connector requests; granted by default.
    public static let allScopes = [
        "okta.users.read", "okta.groups.read", "okta.roles.read", "okta.apps.read", "okta.users.manage",
        "okta.groups.manage", "okta.roles.manage", "okta.apps.manage", "okta.apiTokens.read", "okta.devices.read",
    ]

    /// The app's client id (`iss` and `sub` of its assertions).
    public var clientID: String
    /// The key its assertions are signed with (RS256 or ES256).
    public var publicKey: JWTPublicKey
    /// The `kid` assertions must carry, or nil to accept any.
    public var keyID: String?
    /// Scopes the org granted; requested scopes outside this list are silently left out of tokens.
    public var grantedScopes: [String]

    /// Creates a client.
    public init(clientID: String, publicKey: JWTPublicKey, keyID: String? = nil, grantedScopes: [String] = allScopes) {
        self.clientID = clientID
        self.publicKey = publicKey
        self.keyID = keyID
        self.grantedScopes = grantedScopes
    }
}

/// A mocked Okta Management API (users, groups, admin roles, apps, OAuth tokens) over a generated org.
///
/// Accepts `Authorization: SSWS <token>` (default token `OktaMock.defaultAPIToken`, or the secret of
/// `MockOptions.credentials`) and `Authorization: Bearer <token>` for tokens its `/oauth2/v1/token`
/// endpoint issued.
///
/// ```swift
/// let server = try await MockServer.start(OktaMock(size: .tiny, seed: 7))
/// ```
public final class OktaMock: MockService {
    /// The SSWS token accepted when `MockOptions.credentials` is nil.
    public static let defaultAPIToken = "00mock-okta-api-token"

    public let name = "okta"
    /// The tenant settings.
    public let configuration: OktaMockConfiguration

    let tenant: Mutex<OktaTenant>
    let session = Mutex(OktaSession())

    /// Generates the tenant now (a `large` one takes a few seconds).
    public init(configuration: OktaMockConfiguration = OktaMockConfiguration()) {
        self.configuration = configuration
        self.tenant = Mutex(
            OktaTenant.generate(
                seed: configuration.seed, counts: configuration.size.counts, orgName: configuration.orgName))
    }

    /// A mock with a generated tenant of the given size and seed.
    public convenience init(size: TenantSize, seed: UInt64 = 1) {
        self.init(configuration: OktaMockConfiguration(size: size, seed: seed))
    }

    public func prepare(_ environment: MockEnvironment) {
        session.withLock { session in
            session.baseURL = environment.baseURL
            session.apiToken = environment.options.credentials?.secret ?? Self.defaultAPIToken
            session.pageCap = environment.options.pageCap
        }
    }

    public func addRoutes(to routes: RouterGroup<MockRequestContext>) {
        addOrgRoutes(to: routes)
        addUserRoutes(to: routes)
        addGroupRoutes(to: routes)
        addAppRoutes(to: routes)
        addRoleRoutes(to: routes)
        addOAuthRoutes(to: routes)
    }

    public func rateLimitedResponse(_ status: RateLimitStatus, request: Request) -> Response {
        OktaAPIError.rateLimited.render()
    }

    /// `X-Rate-Limit-Limit/Remaining/Reset` on every response (nominal figures when limiting is off;
    /// Okta always sends them). `Date` comes from the server.
    public func addRateLimitHeaders(_ status: RateLimitStatus?, to headers: inout HTTPFields) {
        let nominalReset = (Timestamp.now().epochSeconds / 60 + 1) * 60
        headers[.rateLimitLimit] = String(status?.limit ?? 600)
        headers[.rateLimitRemaining] = String(status?.remaining ?? 599)
        headers[.rateLimitReset] = String(status?.resetEpochSeconds ?? nominalReset)
    }

    public func faultResponse(_ status: HTTPResponse.Status) -> Response {
        guard status == .internalServerError else {
            // What a load balancer in front of the org sends: HTML, not Okta JSON.
            let html =
                "<html><head><title>\(status.code) \(status.reasonPhrase)</title></head>"
                + "<body><h1>\(status.code) \(status.reasonPhrase)</h1></body></html>"
            return Response(
                status: status, headers: [.contentType: "text/html"],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        return OktaAPIError.internalError.render()
    }

    public func errorResponse(for error: any Error, request: Request) -> Response {
        OktaAPIError.internalError.render()
    }

    public func truth() -> ByteBuffer {
        ByteBuffer(bytes: tenant.withLock { $0.truthJSON(seed: configuration.seed, size: configuration.size) })
    }

    public func reset() {
        let fresh = OktaTenant.generate(
            seed: configuration.seed, counts: configuration.size.counts, orgName: configuration.orgName)
        tenant.withLock { $0 = fresh }
        session.withLock { $0.issuedTokens = [:] }
    }

    public func credentialHelp() -> [String] {
        let token = session.withLock { $0.apiToken }
        var lines = ["Authorization: SSWS \(token)"]
        for client in configuration.oauthClients {
            lines.append(
                "OAuth: POST /oauth2/v1/token, client_id \(client.clientID), private_key_jwt "
                    + "\(client.publicKey.algorithm)\(client.keyID.map { ", kid \($0)" } ?? ""); then Bearer tokens")
        }
        return lines
    }

    /// The base URL and the page cap, read once per request.
    func requestSettings() -> (baseURL: String, pageCap: Int?) {
        session.withLock { ($0.baseURL, $0.pageCap) }
    }
}

/// What the running mock knows beyond the tenant: where it is served and the tokens it issued.
struct OktaSession: Sendable {
    var baseURL = "http://127.0.0.1"
    var apiToken = OktaMock.defaultAPIToken
    var pageCap: Int?
    var issuedTokens: [String: OktaIssuedToken] = [:]
    var usedAssertionIDs: Set<String> = []
    var tokenRandom = SplitMix64(seed: 0x70_6B_65_6E)
}

struct OktaIssuedToken: Sendable {
    var clientID: String
    var scopes: [String]
    var expires: Timestamp
}

extension HTTPField.Name {
    static let rateLimitLimit = HTTPField.Name.literal("X-Rate-Limit-Limit")
    static let rateLimitRemaining = HTTPField.Name.literal("X-Rate-Limit-Remaining")
    static let rateLimitReset = HTTPField.Name.literal("X-Rate-Limit-Reset")
    static let link = HTTPField.Name.literal("Link")
    static let wwwAuthenticate = HTTPField.Name.literal("WWW-Authenticate")
    static let pragmaHeader = HTTPField.Name.literal("Pragma")
}

extension OktaMock {
    /// One line describing the live tenant, e.g. `200 users, 31 groups, 903 memberships, …`.
    public var tenantSummary: String {
        let counts = tenant.withLock { $0.counts }
        return "\(counts.users) users, \(counts.groups) groups, \(counts.memberships) memberships "
            + "(plus Everyone), \(counts.userRoleAssignments + counts.groupRoleAssignments) role assignments, "
            + "\(counts.apps) apps, \(counts.appUserAssignments) app user and "
            + "\(counts.appGroupAssignments) app group assignments"
    }
}
