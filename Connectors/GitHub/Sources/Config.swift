public import BatonConfig
public import BatonSDK
public import Foundation

/// What the GitHub connector is configured with, independent of where the values came from.
public struct GitHubSettings: Sendable, CustomStringConvertible {
    /// How the connector authenticates. `description` never shows a secret.
    public enum Authentication: Sendable, CustomStringConvertible {
        /// `Authorization: Bearer <token>` with a classic or fine-grained personal access token.
        case token(String)
        /// A GitHub App installed on `org`: RS256 JWTs signed with `privateKeyPEM` mint installation tokens.
        case app(appID: String, privateKeyPEM: String, org: String)

        public var description: String {
            switch self {
            case .token: "token"
            case .app(let appID, _, let org): "github-app(app \(appID), org \(org))"
            }
        }
    }

    public var authentication: Authentication
    /// Org logins to sync (`--orgs`); empty means every org where the viewer is an admin.
    public var orgs: [String]
    /// The GitHub Enterprise Server base (`--instance-url`); empty means github.com.
    public var instanceURL: String
    /// Leave archived repositories out (`--omit-archived-repositories`).
    public var omitArchivedRepositories: Bool
    /// How many `/user/{id}` reads run at once while listing users: the sync's worker count, so `--workers 1`
    /// is a sequential sync throughout. The users of an org are one chain of pages, each waiting for its
    /// accounts' details, so reading them one at a time would make that chain most of a sync.
    public var userDetailConcurrency: Int

    /// Creates settings; the defaults are the reference's.
    public init(
        authentication: Authentication, orgs: [String] = [], instanceURL: String = "",
        omitArchivedRepositories: Bool = false, userDetailConcurrency: Int = SyncWorkers.default
    ) {
        self.authentication = authentication
        self.orgs = orgs
        self.instanceURL = instanceURL
        self.omitArchivedRepositories = omitArchivedRepositories
        self.userDetailConcurrency = userDetailConcurrency
    }

    public var description: String {
        "GitHubSettings(auth: \(authentication), orgs: \(orgs), instanceURL: \(instanceURL), "
            + "omitArchivedRepositories: \(omitArchivedRepositories))"
    }
}

/// The connector's configuration fields, relationships and field groups (the reference's, for the
/// features this connector implements).
public enum GitHubConfig {
    public static let token = ConfigField.string("token").secret()
        .displayName("Personal access token")
        .description("A classic or fine-grained GitHub personal access token")
    public static let orgs = ConfigField.stringList("orgs")
        .displayName("Organizations")
        .description("Limit the sync to these organizations (default: every org where the token's user is an admin)")
    public static let instanceURL = ConfigField.string("instance-url")
        .displayName("Instance URL")
        .description(
            "GitHub Enterprise Server URL, e.g. https://ghes.example.com (http:// only for loopback mocks)")
    public static let appID = ConfigField.string("app-id")
        .displayName("GitHub App ID")
        .description("The App ID of the GitHub App")
    public static let appPrivateKeyPath = ConfigField.string("app-privatekey-path").secret()
        .displayName("GitHub App private key file")
        .description("Path of the App's private key (.pem, PKCS#1 or PKCS#8)")
    public static let appPrivateKey = ConfigField.string("app-privatekey").secret()
        .displayName("GitHub App private key")
        .description(
            "The App's private key as PEM; takes precedence over --app-privatekey-path (literal \\n is accepted)")
    public static let org = ConfigField.string("org").required()
        .displayName("Organization")
        .description("The organization where the GitHub App is installed")
    public static let omitArchivedRepositories = ConfigField.bool("omit-archived-repositories")
        .displayName("Omit archived repositories")
        .description("Skip repositories that are archived")

    /// The name of the token field group (the default `--auth-method`).
    public static let tokenGroup = "personal-access-token-group"
    /// The name of the GitHub App field group.
    public static let appGroup = "github-app-group"

    /// Every field the connector adds to the default ones.
    public static let fields: [ConfigField] = [
        token, orgs, instanceURL, appID, appPrivateKeyPath, appPrivateKey, org, omitArchivedRepositories,
    ]

    /// A token or an App key, not both (the reference's constraint). The reference also required the App id
    /// together with `--app-privatekey-path`; with `--app-privatekey` as the alternative, ``settings(from:)``
    /// asks for the App id, a key and the org instead. The token is therefore not `required()` either.
    public static let relationships: [ConfigRelationship] = [
        .mutuallyExclusive(token, appPrivateKeyPath),
        .mutuallyExclusive(token, appPrivateKey),
    ]

    /// `--auth-method personal-access-token-group` (default) or `github-app-group`.
    public static let fieldGroups: [FieldGroup] = [
        FieldGroup(
            name: tokenGroup, displayName: "Personal access token",
            helpText: "Authenticate with a classic or fine-grained personal access token",
            fields: [token, orgs, instanceURL, omitArchivedRepositories], isDefault: true),
        FieldGroup(
            name: appGroup, displayName: "GitHub App",
            helpText: "Authenticate as a GitHub App installed on one organization",
            fields: [appID, appPrivateKeyPath, appPrivateKey, org, instanceURL, omitArchivedRepositories]),
    ]

    /// Settings from a resolved and validated configuration.
    ///
    /// - Parameter workers: the sync's worker count, resolved (the command line's `ConnectorContext.workers`).
    /// - Throws: `BatonError` `invalidArgument` when the selected auth method's values are missing or
    ///   the key file cannot be read.
    public static func settings(from config: ResolvedConfig, workers: Int = SyncWorkers.default) throws
        -> GitHubSettings
    {
        let method = config.string("auth-method").isEmpty ? tokenGroup : config.string("auth-method")
        let authentication: GitHubSettings.Authentication
        switch method {
        case tokenGroup:
            authentication = .token(try config.required(token, connector: "github"))
        case appGroup:
            var pem = config.string(appPrivateKey.name)
            if pem.isEmpty {
                let path = try config.required(appPrivateKeyPath, connector: "github", orAlso: appPrivateKey)
                guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw BatonError(.invalidArgument, "github: cannot read --app-privatekey-path \"\(path)\"")
                }
                pem = contents
            }
            pem = pem.replacingOccurrences(of: "\\r\\n", with: "\n").replacingOccurrences(of: "\\n", with: "\n")
            authentication = .app(
                appID: try config.required(appID, connector: "github"), privateKeyPEM: pem,
                org: try config.required(org, connector: "github"))
        default:
            throw BatonError(
                .invalidArgument, "github: unknown --auth-method \"\(method)\"; use \(tokenGroup) or \(appGroup)")
        }
        return GitHubSettings(
            authentication: authentication, orgs: config.stringList(orgs.name),
            instanceURL: config.string(instanceURL.name),
            omitArchivedRepositories: config.bool(omitArchivedRepositories.name),
            userDetailConcurrency: workers)
    }

    private static let githubREST = URL(string: "https://api.github.com") ?? URL(fileURLWithPath: "/")

    /// The REST and GraphQL URLs: `https://api.github.com` and `/graphql` for github.com (or an empty
    /// instance URL); `{url}/api/v3` and `{url}/api/graphql` for GitHub Enterprise Server. `http://` is
    /// accepted for loopback hosts only, so a local mock can stand in for a GHES instance.
    ///
    /// - Throws: `BatonError` `invalidArgument` with one line naming the problem.
    public static func endpoints(instanceURL raw: String) throws -> (rest: URL, graphql: URL) {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        func invalid(_ why: String) -> BatonError {
            BatonError(.invalidArgument, "github: invalid --instance-url \"\(raw)\": \(why)")
        }
        while text.hasSuffix("/") { text.removeLast() }
        if text.isEmpty || ["github.com", "https://github.com", "https://api.github.com"].contains(text.lowercased()) {
            return (githubREST, githubREST.appendingPathComponent("graphql"))
        }
        if !text.contains("://") { text = "https://" + text }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw invalid("not a URL") }
        guard scheme == "https" || scheme == "http" else { throw invalid("the scheme must be https") }
        if components.user != nil || components.password != nil { throw invalid("user info is not allowed") }
        if components.query != nil || components.fragment != nil { throw invalid("a query or fragment is not allowed") }
        if scheme == "http" && !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) {
            throw invalid("http:// is only accepted for loopback hosts")
        }
        var root = text
        if root.lowercased().hasSuffix("/api/v3") { root.removeLast("/api/v3".count) }
        guard let rest = URL(string: root + "/api/v3"), let graphql = URL(string: root + "/api/graphql") else {
            throw invalid("not a URL")
        }
        return (rest, graphql)
    }
}
