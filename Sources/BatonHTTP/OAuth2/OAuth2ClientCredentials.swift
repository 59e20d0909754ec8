public import Foundation

/// An OAuth 2.0 client-credentials token source (RFC 6749 §4.4) that authorizes requests with its access token.
///
/// The token is cached and refreshed `refreshSkew` before it expires; concurrent requests share one refresh
/// (single flight). A 401 from the API discards the token that was used, and the client retries once with a new
/// one.
///
/// ```swift
/// let tokens = OAuth2ClientCredentials(configuration: .init(
///     tokenURL: URL(string: "https://acme.okta.com/oauth2/v1/token")!,
///     clientID: clientID,
///     authentication: .privateKeyJWT(key: try JWTSigningKey(pem: pem), keyID: keyID),
///     scopes: ["okta.users.read"]))
/// let client = BatonHTTPClient(configuration: .init(userAgent: "baton-okta"), authenticator: tokens)
/// ```
public final class OAuth2ClientCredentials: Authenticator, CustomStringConvertible {
    /// How the client proves its identity at the token endpoint.
    public enum ClientAuthentication: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
        CustomReflectable
    {
        /// `client_secret_basic`: HTTP Basic with the form-encoded client ID and secret.
        case clientSecretBasic(secret: String)
        /// `client_secret_post`: `client_id` and `client_secret` in the form body.
        case clientSecretPost(secret: String)
        /// `private_key_jwt`: a signed JWT assertion (RFC 7523), `kid` header when `keyID` is given.
        case privateKeyJWT(key: JWTSigningKey, keyID: String?)

        /// The RFC 7591 name of the method.
        public var methodName: String {
            switch self {
            case .clientSecretBasic: "client_secret_basic"
            case .clientSecretPost: "client_secret_post"
            case .privateKeyJWT: "private_key_jwt"
            }
        }

        /// The secret, for scrubbing it from anything the token endpoint echoes.
        var secret: String? {
            switch self {
            case .clientSecretBasic(let secret), .clientSecretPost(let secret): secret
            case .privateKeyJWT: nil
            }
        }

        public var description: String { methodName }
        public var debugDescription: String { methodName }
        public var customMirror: Mirror { Mirror(self, children: ["method": methodName]) }
    }

    /// Token source settings.
    public struct Configuration: Sendable, CustomStringConvertible, CustomReflectable {
        /// The token endpoint.
        public var tokenURL: URL
        /// The client ID (`iss` and `sub` of JWT assertions).
        public var clientID: String
        /// How the client authenticates.
        public var authentication: ClientAuthentication
        /// Scopes requested, sent space-separated as `scope` when not empty.
        public var scopes: [String]
        /// Sent as the `audience` form parameter when set (Auth0-style APIs).
        public var audience: String?
        /// The `aud` claim of JWT assertions; the token URL when `nil`.
        public var assertionAudience: String?
        /// Further form parameters for the token request.
        public var extraParameters: [(String, String)]
        /// How long before expiry a token is replaced (at most half its lifetime).
        public var refreshSkew: Duration

        /// Creates a configuration.
        public init(
            tokenURL: URL,
            clientID: String,
            authentication: ClientAuthentication,
            scopes: [String] = [],
            audience: String? = nil,
            assertionAudience: String? = nil,
            extraParameters: [(String, String)] = [],
            refreshSkew: Duration = .seconds(60)
        ) {
            self.tokenURL = tokenURL
            self.clientID = clientID
            self.authentication = authentication
            self.scopes = scopes
            self.audience = audience
            self.assertionAudience = assertionAudience
            self.extraParameters = extraParameters
            self.refreshSkew = refreshSkew
        }

        public var description: String {
            "OAuth2ClientCredentials.Configuration(tokenURL: \(Redaction.redacted(tokenURL)), clientID: \(clientID), "
                + "authentication: \(authentication.methodName), scopes: \(scopes))"
        }

        public var customMirror: Mirror {
            Mirror(
                self,
                children: [
                    "tokenURL": tokenURL, "clientID": clientID, "authentication": authentication.methodName,
                    "scopes": scopes,
                ])
        }
    }

    /// The settings.
    public let configuration: Configuration
    let client: BatonHTTPClient
    private let store: TokenStore

    /// Creates a token source.
    ///
    /// - Parameters:
    ///   - configuration: endpoint, client and scopes.
    ///   - client: the client used for the token endpoint; by default one without cache or authenticator.
    public init(configuration: Configuration, client: BatonHTTPClient? = nil) {
        self.configuration = configuration
        let client =
            client
            ?? BatonHTTPClient(configuration: .init(userAgent: "baton-oauth2", cache: .disabled))
        self.client = client
        let request = TokenRequest(configuration: configuration)
        store = TokenStore(refreshSkew: configuration.refreshSkew) {
            try await request.fetch(using: client)
        }
    }

    /// A valid access token, fetching or refreshing it when needed.
    public func token() async throws -> OAuth2Token {
        try await store.validToken()
    }

    public func authorize(_ request: inout HTTPRequest) async throws {
        let token = try await store.validToken()
        request.headers["Authorization"] = token.authorizationValue
    }

    public func didReceiveUnauthorized(for request: HTTPRequest) async -> Bool {
        await store.invalidate(ifAuthorizationWas: request.headers["Authorization"])
        return true
    }

    public var description: String { "OAuth2ClientCredentials(\(configuration))" }
}

/// An access token and when to stop using it. `description` never shows the token.
public struct OAuth2Token: Sendable, CustomStringConvertible, CustomReflectable {
    /// The access token.
    public let accessToken: String
    /// The token type (`Bearer` unless the server says otherwise).
    public let tokenType: String
    /// When the token expires, if the server said.
    public let expiresAt: Date?
    /// The granted scopes, if the server said.
    public let scope: String?
    /// When the token source replaces it (before `expiresAt`).
    let refreshAt: Date?

    init(
        accessToken: String, tokenType: String, expiresIn: TimeInterval?, scope: String?,
        skew: Duration, now: Date
    ) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.scope = scope
        if let expiresIn, expiresIn > 0 {
            expiresAt = now.addingTimeInterval(expiresIn)
            refreshAt = now.addingTimeInterval(expiresIn - min(skew.seconds, expiresIn / 2))
        } else {
            expiresAt = nil
            refreshAt = nil
        }
    }

    /// The `Authorization` header value: `Bearer <token>` (type case normalised), else `<type> <token>`.
    public var authorizationValue: String {
        let type = tokenType.isEmpty || tokenType.lowercased() == "bearer" ? "Bearer" : tokenType
        return "\(type) \(accessToken)"
    }

    func needsRefresh(now: Date) -> Bool {
        refreshAt.map { now >= $0 } ?? false
    }

    public var description: String {
        let expiry = expiresAt.map { "\($0)" } ?? "never"
        return "OAuth2Token(type: \(tokenType), expiresAt: \(expiry), token: \(Redaction.placeholder))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["tokenType": tokenType, "expiresAt": expiresAt as Any])
    }
}

/// Holds the current token and makes concurrent refreshes share one token request.
actor TokenStore {
    private var token: OAuth2Token?
    private var refresh: Task<OAuth2Token, any Error>?
    private let fetch: @Sendable () async throws -> OAuth2Token
    let refreshSkew: Duration

    init(refreshSkew: Duration, fetch: @escaping @Sendable () async throws -> OAuth2Token) {
        self.refreshSkew = refreshSkew
        self.fetch = fetch
    }

    func validToken(now: Date = Date()) async throws -> OAuth2Token {
        if let token, !token.needsRefresh(now: now) { return token }
        if let refresh { return try await refresh.value }
        let task = Task { try await fetch() }
        refresh = task
        do {
            let fresh = try await task.value
            token = fresh
            refresh = nil
            return fresh
        } catch {
            refresh = nil
            throw error
        }
    }

    /// Drops the current token if it is the one a rejected request carried; a token already replaced stays.
    func invalidate(ifAuthorizationWas header: String?) {
        guard let token, header == nil || header == token.authorizationValue else { return }
        self.token = nil
    }
}
