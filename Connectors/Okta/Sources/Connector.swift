public import BatonConfig
public import BatonHTTP
public import BatonSDK
import Foundation

/// What every syncer shares: the API client, the settings and the per-sync caches.
struct OktaContext: Sendable {
    let client: OktaClient
    let settings: OktaSettings
    let emailFilter: EmailDomainFilter
    /// Admin users' role assignments, read once per sync.
    let userRoles = PerSyncCache<[OktaRoleAssignment]>()
    /// Whether a user passes `--filter-email-domains`, decided once per sync.
    let userFilter = PerSyncCache<Bool>()

    /// Whether the user passes the email filter; reads the user only when a filter is set.
    func passesEmailFilter(userID: String, syncID: String) async throws -> Bool {
        guard emailFilter.isActive else { return true }
        let client = client
        let filter = emailFilter
        return try await userFilter.value(for: userID, syncID: syncID) {
            guard let user = try await client.user(userID) else { return false }
            return filter.allows(user)
        }
    }
}

/// The Okta connector: users, groups with their members, the standard admin roles with their user and
/// group holders (group holders expanded to the group's members), and apps with their user and group
/// assignments; group membership, admin roles and app assignments can be granted and revoked.
///
/// ```swift
/// let settings = OktaSettings(domain: "acme.okta.com", authentication: .apiToken(token))
/// let connector = try OktaConnector(settings: settings)
/// let runtime = try ConnectorRuntime(connector)
/// ```
public struct OktaConnector: Connector {
    /// The scopes requested with OAuth; scopes the org did not grant silently drop out of the token.
    public static let oauthScopes = [
        "okta.users.read", "okta.groups.read", "okta.roles.read", "okta.apps.read", "okta.users.manage",
        "okta.groups.manage", "okta.roles.manage", "okta.apps.manage",
    ]

    public let settings: OktaSettings
    let context: OktaContext
    private let tokens: OAuth2ClientCredentials?

    /// Creates the connector.
    ///
    /// - Parameters:
    ///   - settings: Domain, credentials and sync options.
    ///   - http: HTTP client settings (user agent, timeout, cache, logger, wait observer).
    /// - Throws: `BatonError` `invalidArgument` for a bad domain or private key.
    public init(settings: OktaSettings, http: BatonHTTPClient.Configuration = .init()) throws {
        let baseURL = try OktaConfig.baseURL(domain: settings.domain)
        var http = http
        if http.userAgent.isEmpty { http.userAgent = "baton-okta" }
        let authenticator: any Authenticator
        switch settings.authentication {
        case .apiToken(let token):
            authenticator = .ssws(token)
            tokens = nil
        case .privateKey(let clientID, let keyID, let pem):
            let key = try JWTSigningKey(pem: pem)
            guard key.algorithm == .rs256 else {
                throw BatonError(
                    .invalidArgument, "okta: --okta-private-key must be an RSA key; EC keys are not supported")
            }
            var tokenHTTP = http
            tokenHTTP.cache = .disabled
            let source = OAuth2ClientCredentials(
                configuration: .init(
                    tokenURL: URL(string: baseURL.absoluteString + "/oauth2/v1/token") ?? baseURL, clientID: clientID,
                    authentication: .privateKeyJWT(key: key, keyID: keyID), scopes: Self.oauthScopes),
                client: BatonHTTPClient(configuration: tokenHTTP))
            authenticator = source
            tokens = source
        }
        self.settings = settings
        context = OktaContext(
            client: OktaClient(baseURL: baseURL, http: http, authenticator: authenticator),
            settings: settings, emailFilter: EmailDomainFilter(settings.filterEmailDomains))
    }

    /// Creates the connector from a resolved configuration (the command line's factory).
    public init(config: ResolvedConfig, http: BatonHTTPClient.Configuration = .init()) throws {
        try self.init(settings: OktaConfig.settings(from: config), http: http)
    }

    public func metadata() async throws -> C1_Connector_V2_ConnectorMetadata {
        var metadata = C1_Connector_V2_ConnectorMetadata()
        metadata.displayName = "Okta"
        metadata.description_p =
            "Syncs Okta users, groups, standard admin roles and apps, and provisions "
            + "group memberships, admin roles and app assignments."
        return metadata
    }

    /// API token: `GET /api/v1/org` must succeed. OAuth: a token must be issued for the app.
    public func validate() async throws -> Annotations {
        let host = context.client.http.configuration.baseURL?.host ?? settings.domain
        do {
            if let tokens {
                _ = try await tokens.token()
            } else {
                try await context.client.org()
            }
        } catch let error as BatonError where error.code == .unauthenticated || error.code == .permissionDenied {
            let what = tokens == nil ? "the API token (--api-token)" : "the OAuth client (--okta-client-id and key)"
            throw BatonError(
                error.code, "okta: \(host) rejected \(what): \(error.message.trimmingPrefix("okta: "))",
                httpStatus: error.httpStatus)
        }
        return []
    }

    public var resourceSyncers: [any ResourceSyncer] {
        [
            UserSyncer(context: context),
            GroupSyncer(context: context),
            RoleSyncer(context: context),
            AppSyncer(context: context),
        ]
    }
}
