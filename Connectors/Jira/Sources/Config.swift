public import BatonConfig
import BatonHTTP
import BatonSDK
public import Foundation

/// What the Jira connector is configured with, independent of where the values came from.
public struct JiraSettings: Sendable, CustomStringConvertible {
    /// The site URL as given (`https://acme.atlassian.net`, `http://127.0.0.1:8080`).
    public var url: String
    /// The account email used as the basic-auth user name.
    public var email: String
    /// The API token (the basic-auth password). Never shown by `description`.
    public var apiToken: String
    /// Sync only these projects (and their roles); empty syncs all (`--jira-project-keys`).
    public var projectKeys: [String]
    /// Leave out the project `participate` entitlement and its grants (`--skip-project-participants`).
    public var skipProjectParticipants: Bool
    /// Leave out Jira Service Management customers (`--skip-customer-user`).
    public var skipCustomerUsers: Bool

    /// Creates settings; the defaults are the reference's.
    public init(
        url: String, email: String, apiToken: String, projectKeys: [String] = [],
        skipProjectParticipants: Bool = false, skipCustomerUsers: Bool = false
    ) {
        self.url = url
        self.email = email
        self.apiToken = apiToken
        self.projectKeys = projectKeys
        self.skipProjectParticipants = skipProjectParticipants
        self.skipCustomerUsers = skipCustomerUsers
    }

    public var description: String {
        "JiraSettings(url: \(url), email: \(email), projectKeys: \(projectKeys), "
            + "skipProjectParticipants: \(skipProjectParticipants), skipCustomerUsers: \(skipCustomerUsers))"
    }
}

/// The connector's configuration fields (the reference's, minus the Atlassian Admin API and ticketing).
public enum JiraConfig {
    public static let url = ConfigField.string("jira-url").required()
        .displayName("Jira site domain")
        .description("The Jira Cloud site, e.g. https://acme.atlassian.net (http:// only for loopback mocks)")
    public static let email = ConfigField.string("jira-email").required()
        .displayName("Email")
        .description("The email of the Atlassian account the API token belongs to")
    public static let apiToken = ConfigField.string("jira-api-token").required().secret()
        .displayName("API token")
        .description("An Atlassian API token for that account (basic auth password)")
    public static let projectKeys = ConfigField.stringList("jira-project-keys")
        .displayName("Project keys")
        .description("Sync only the projects with these keys, and their roles (default: all projects)")
    public static let skipProjectParticipants = ConfigField.bool("skip-project-participants")
        .displayName("Skip project participants")
        .description("Do not sync the project participate entitlement and its grants")
    public static let skipCustomerUser = ConfigField.bool("skip-customer-user")
        .displayName("Skip customer users")
        .description("Do not sync Jira Service Management customer accounts")

    /// Every field the connector adds to the default ones.
    public static let fields: [ConfigField] = [
        url, email, apiToken, projectKeys, skipProjectParticipants, skipCustomerUser,
    ]

    /// No relationships: every required field is required on its own.
    public static let relationships: [ConfigRelationship] = []

    /// Settings from a resolved and validated configuration.
    ///
    /// - Throws: `BatonError` `invalidArgument` when a required value is empty.
    public static func settings(from config: ResolvedConfig) throws -> JiraSettings {
        JiraSettings(
            url: try config.required(url, connector: "jira"), email: try config.required(email, connector: "jira"),
            apiToken: try config.required(apiToken, connector: "jira"),
            projectKeys: config.stringList(projectKeys.name).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty },
            skipProjectParticipants: config.bool(skipProjectParticipants.name),
            skipCustomerUsers: config.bool(skipCustomerUser.name))
    }

    /// The API base URL for `--jira-url`: `https://` is implied, a trailing `/` dropped, and a path is kept
    /// (scoped-token URLs look like `https://api.atlassian.com/ex/jira/<cloudId>`). `http://` is accepted
    /// for loopback hosts only, so a local mock can be used.
    ///
    /// - Throws: `BatonError` `invalidArgument` with one line naming the problem.
    public static func baseURL(_ raw: String) throws -> URL {
        try ServiceBaseURL.parse(raw, prefix: "jira", flag: url.name, allowsPath: true, serviceName: "Jira Cloud")
    }
}
