public import BatonConfig
public import BatonHTTP
public import BatonSDK
import Foundation

/// What every syncer shares: the API client and the settings.
struct JiraContext: Sendable {
    let client: JiraClient
    let settings: JiraSettings
    /// `--jira-project-keys`, upper-cased; empty keeps every project.
    let projectKeys: Set<String>

    /// Whether a user is synced (customers are left out with `--skip-customer-user`).
    func keeps(_ user: JiraUser) -> Bool {
        !(settings.skipCustomerUsers && user.accountType == "customer")
    }

    /// Whether a project is synced. Checked here too, so the filter holds even if a server ignores `keys`.
    func keeps(_ project: JiraProjectSummary) -> Bool {
        projectKeys.isEmpty || projectKeys.contains(project.key.uppercased())
    }
}

/// The Jira Cloud connector: users, groups with their members, projects with their lead and participants,
/// and project roles with their user and group actors (group actors expanded to the group's members);
/// group membership, project-role assignment and account creation are provisionable.
///
/// ```swift
/// let settings = JiraSettings(url: "https://acme.atlassian.net", email: "me@acme.com", apiToken: token)
/// let runtime = try ConnectorRuntime(try JiraConnector(settings: settings))
/// ```
public struct JiraConnector: Connector {
    public let settings: JiraSettings
    let context: JiraContext

    /// Creates the connector.
    ///
    /// - Parameters:
    ///   - settings: Site, credentials and sync options.
    ///   - http: HTTP client settings (user agent, timeout, cache, logger, wait observer).
    /// - Throws: `BatonError` `invalidArgument` for a bad site URL.
    public init(settings: JiraSettings, http: BatonHTTPClient.Configuration = .init()) throws {
        let baseURL = try JiraConfig.baseURL(settings.url)
        var http = http
        if http.userAgent.isEmpty { http.userAgent = "baton-jira" }
        let authenticator = StaticAuthenticator.basic(username: settings.email, password: settings.apiToken)
        self.settings = settings
        context = JiraContext(
            client: JiraClient(baseURL: baseURL, http: http, authenticator: authenticator),
            settings: settings, projectKeys: Set(settings.projectKeys.map { $0.uppercased() }))
    }

    /// Creates the connector from a resolved configuration (the command line's factory).
    public init(config: ResolvedConfig, http: BatonHTTPClient.Configuration = .init()) throws {
        try self.init(settings: JiraConfig.settings(from: config), http: http)
    }

    public func metadata() async throws -> C1_Connector_V2_ConnectorMetadata {
        var metadata = C1_Connector_V2_ConnectorMetadata()
        metadata.displayName = "Jira Cloud"
        metadata.description_p =
            "Syncs Jira Cloud users, groups, projects and project roles, and provisions group memberships, "
            + "project-role assignments and accounts."
        return metadata
    }

    /// The reference's check: `GET /rest/api/2/user/search?query=` must succeed, then the groups must be
    /// readable.
    public func validate() async throws -> Annotations {
        let host = context.client.http.configuration.baseURL?.host ?? settings.url
        do {
            _ = try await context.client.searchUsers("")
            _ = try await context.client.groups(startAt: 0)
        } catch let error as BatonError where error.code == .unauthenticated || error.code == .permissionDenied {
            throw BatonError(
                error.code,
                "jira: \(host) rejected \(settings.email) with the API token (--jira-email, --jira-api-token): "
                    + error.message.trimmingPrefix("jira: "),
                httpStatus: error.httpStatus)
        }
        return []
    }

    public var resourceSyncers: [any ResourceSyncer] {
        [
            UserSyncer(context: context),
            GroupSyncer(context: context),
            ProjectSyncer(context: context),
            ProjectRoleSyncer(context: context),
        ]
    }
}
