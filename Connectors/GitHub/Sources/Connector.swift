public import BatonConfig
public import BatonHTTP
public import BatonSDK
import Foundation
import Logging

/// The login of each org by id (paths use the login; child resources carry the id).
actor GitHubOrgDirectory {
    private var logins: [String: String] = [:]

    func remember(id: String, login: String) {
        logins[id] = login
    }

    func login(id: String) -> String? {
        logins[id]
    }
}

/// What every syncer shares: the API client, the settings, the org directory and the per-sync caches.
struct GitHubContext: Sendable {
    let client: GitHubClient
    let settings: GitHubSettings
    let logger: Logger
    let orgs = GitHubOrgDirectory()
    /// Whether each org has SAML, asked once per sync.
    let samlOrgs = PerSyncCache<Bool>()

    /// The login of the org with this id (read once, then remembered).
    func orgLogin(_ orgID: String) async throws -> String {
        if let login = await orgs.login(id: orgID) { return login }
        guard let org = try await client.organization(id: orgID) else {
            throw BatonError(.notFound, "github: organization \(orgID) not found")
        }
        await orgs.remember(id: orgID, login: org.login)
        return org.login
    }

    /// The org a child resource was listed under.
    func orgLogin(parentOf resource: Resource) async throws -> String {
        try await orgLogin(resource.parentResourceID.resource)
    }

    /// In App mode, the one org; otherwise every org given with `--orgs`.
    var configuredOrgs: [String] {
        if case .app(_, _, let org) = settings.authentication { return [org] }
        return settings.orgs
    }

    var isAppAuth: Bool {
        if case .app = settings.authentication { return true }
        return false
    }
}

/// The GitHub connector: organizations (member/admin), teams (member/maintainer), repositories
/// (pull…admin for users and teams; team grants expand to the team's members), users, organization
/// roles and pending invitations; everything but users can be provisioned, and accounts are created by
/// invitation.
///
/// ```swift
/// let connector = try GitHubConnector(settings: GitHubSettings(authentication: .token(pat)))
/// let runtime = try ConnectorRuntime(connector)
/// ```
public struct GitHubConnector: Connector {
    public let settings: GitHubSettings
    let context: GitHubContext
    private let app: GitHubAppAuthenticator?

    /// Creates the connector.
    ///
    /// - Parameters:
    ///   - settings: Credentials, orgs, instance and sync options.
    ///   - http: HTTP client settings (user agent, timeout, cache, logger, wait observer).
    /// - Throws: `BatonError` `invalidArgument` for a bad instance URL or private key.
    public init(settings: GitHubSettings, http: BatonHTTPClient.Configuration = .init()) throws {
        let (rest, graphql) = try GitHubConfig.endpoints(instanceURL: settings.instanceURL)
        var http = http
        if http.userAgent.isEmpty { http.userAgent = "baton-github" }
        // GitHub's primary limit is a 403 with no budget left; its secondary limits a 403 with Retry-After.
        http.treatsExhaustedForbiddenAsRateLimited = true
        let authenticator: any Authenticator
        switch settings.authentication {
        case .token(let token):
            authenticator = StaticAuthenticator.bearer(token)
            app = nil
        case .app(let appID, let pem, let org):
            let key = try JWTSigningKey(pem: pem)
            guard key.algorithm == .rs256 else {
                throw BatonError(.invalidArgument, "github: the App private key must be an RSA key")
            }
            var tokenHTTP = http
            tokenHTTP.cache = .disabled
            tokenHTTP.baseURL = rest
            let source = GitHubAppAuthenticator(
                appID: appID, key: key, org: org, http: BatonHTTPClient(configuration: tokenHTTP))
            authenticator = source
            app = source
        }
        self.settings = settings
        context = GitHubContext(
            client: GitHubClient(restBase: rest, graphqlURL: graphql, http: http, authenticator: authenticator),
            settings: settings, logger: http.logger)
    }

    /// Creates the connector from a resolved configuration (the command line's factory).
    ///
    /// - Parameter workers: the sync's worker count, resolved; user details are read as wide.
    public init(
        config: ResolvedConfig, http: BatonHTTPClient.Configuration = .init(), workers: Int = SyncWorkers.default
    ) throws {
        try self.init(settings: GitHubConfig.settings(from: config, workers: workers), http: http)
    }

    public func metadata() async throws -> C1_Connector_V2_ConnectorMetadata {
        var metadata = C1_Connector_V2_ConnectorMetadata()
        metadata.displayName = "GitHub v2"
        metadata.description_p =
            "Syncs GitHub organizations, teams, repositories, users, organization roles and invitations, and "
            + "provisions memberships, repository permissions and organization roles."
        var email = C1_Connector_V2_ConnectorAccountCreationSchema.Field()
        email.displayName = "Email"
        email.required = true
        email.description_p = "The email address the invitation is sent to"
        email.placeholder = "octocat@example.com"
        email.stringField = .init()
        var org = C1_Connector_V2_ConnectorAccountCreationSchema.Field()
        org.displayName = "Organization"
        org.required = true
        org.description_p = "The organization to invite the user to"
        org.placeholder = "acme"
        org.stringField = .init()
        metadata.accountCreationSchema.fieldMap = ["email": email, "org": org]
        return metadata
    }

    /// Token: at least one org where the token's user is an admin (every `--orgs` org must be one).
    /// App: an installation token must be minted for the org.
    public func validate() async throws -> Annotations {
        do {
            if let app {
                _ = try await app.token()
                return []
            }
            let orgs = try await OrgSyncer(context: context).adminOrgs()
            guard !orgs.isEmpty else {
                throw BatonError(
                    .permissionDenied, "github: the token's user is not an admin of any organization")
            }
        } catch let error as BatonError where error.code == .unauthenticated {
            throw BatonError(
                error.code, "github: credentials validation failed: \(error.message.trimmingPrefix("github: "))",
                httpStatus: error.httpStatus)
        }
        return []
    }

    public var resourceSyncers: [any ResourceSyncer] {
        [
            OrgSyncer(context: context),
            TeamSyncer(context: context),
            RepositorySyncer(context: context),
            UserSyncer(context: context),
            OrgRoleSyncer(context: context),
            InvitationSyncer(context: context),
        ]
    }
}
