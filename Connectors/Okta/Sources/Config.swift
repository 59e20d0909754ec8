public import BatonConfig
import BatonHTTP
import BatonSDK
public import Foundation

/// What the Okta connector is configured with, independent of where the values came from.
public struct OktaSettings: Sendable, CustomStringConvertible {
    /// How the connector authenticates. `description` never shows a secret.
    public enum Authentication: Sendable, CustomStringConvertible {
        /// `Authorization: SSWS <token>`.
        case apiToken(String)
        /// OAuth 2.0 client credentials with a `private_key_jwt` assertion signed by an RSA key.
        case privateKey(clientID: String, keyID: String, pem: String)

        public var description: String {
            switch self {
            case .apiToken: "api-token"
            case .privateKey(let clientID, let keyID, _): "private-key(client \(clientID), kid \(keyID))"
            }
        }
    }

    /// The org host as given (`acme.okta.com`, `https://acme.okta.com/`, `http://127.0.0.1:8080`).
    public var domain: String
    public var authentication: Authentication
    /// List inactive apps too (`--sync-inactive-apps`, default true).
    public var syncInactiveApps: Bool
    /// Leave users' `secondEmail` out (`--skip-secondary-emails`).
    public var skipSecondaryEmails: Bool
    /// Only users with an email, second email or login in these domains (`--filter-email-domains`).
    public var filterEmailDomains: [String]
    /// Leave out groups of type `APP_GROUP` (`--skip-app-groups`).
    public var skipAppGroups: Bool

    /// Creates settings; the defaults are the reference's.
    public init(
        domain: String, authentication: Authentication, syncInactiveApps: Bool = true,
        skipSecondaryEmails: Bool = false, filterEmailDomains: [String] = [], skipAppGroups: Bool = false
    ) {
        self.domain = domain
        self.authentication = authentication
        self.syncInactiveApps = syncInactiveApps
        self.skipSecondaryEmails = skipSecondaryEmails
        self.filterEmailDomains = filterEmailDomains
        self.skipAppGroups = skipAppGroups
    }

    public var description: String {
        "OktaSettings(domain: \(domain), auth: \(authentication), syncInactiveApps: \(syncInactiveApps), "
            + "skipSecondaryEmails: \(skipSecondaryEmails), filterEmailDomains: \(filterEmailDomains), "
            + "skipAppGroups: \(skipAppGroups))"
    }
}

/// The connector's configuration fields, relationships and field groups: the reference connector's, for the
/// features this connector implements.
public enum OktaConfig {
    public static let domain = ConfigField.string("domain").required()
        .displayName("Okta domain")
        .description("The Okta org host, e.g. acmeco.okta.com (https:// is implied; http:// only for loopback mocks)")
    public static let apiToken = ConfigField.string("api-token").required().secret()
        .displayName("API token")
        .description("The Okta API token (sent as SSWS)")
    public static let clientID = ConfigField.string("okta-client-id").required()
        .displayName("Client ID")
        .description("The client ID of the Okta API Services app")
    public static let privateKeyID = ConfigField.string("okta-private-key-id").required()
        .displayName("Private key ID")
        .description("The key ID (kid) of the app's public key registered in Okta")
    public static let privateKey = ConfigField.string("okta-private-key").required().secret()
        .displayName("Private key")
        .description("The app's RSA private key as PEM (PKCS#1 or PKCS#8; literal \\n is accepted)")
    public static let syncInactiveApps = ConfigField.bool("sync-inactive-apps").defaultValue(true)
        .displayName("Sync inactive apps")
        .description("Sync inactive apps too; false lists only ACTIVE apps")
    public static let skipSecondaryEmails = ConfigField.bool("skip-secondary-emails")
        .displayName("Skip secondary emails")
        .description("Leave users' secondary emails out")
    public static let filterEmailDomains = ConfigField.stringList("filter-email-domains")
        .displayName("Filter email domains")
        .description("Only sync users with an email, secondary email or login in these domains")
    public static let skipAppGroups = ConfigField.bool("skip-app-groups")
        .displayName("Skip app groups")
        .description("Skip groups imported from apps (type APP_GROUP)")

    /// The name of the SSWS field group (the default `--auth-method`).
    public static let apiTokenGroup = "api-token-group"
    /// The name of the OAuth private-key field group.
    public static let privateKeyGroup = "private-key-group"

    /// Every field the connector adds to the default ones.
    public static let fields: [ConfigField] = [
        domain, apiToken, clientID, privateKeyID, privateKey, syncInactiveApps, skipSecondaryEmails,
        filterEmailDomains, skipAppGroups,
    ]

    /// No relationships beyond the field groups: each group's required fields are checked when it is selected.
    public static let relationships: [ConfigRelationship] = []

    /// `--auth-method api-token-group` (default) or `private-key-group`.
    public static let fieldGroups: [FieldGroup] = {
        let shared = [syncInactiveApps, skipSecondaryEmails, filterEmailDomains, skipAppGroups]
        return [
            FieldGroup(
                name: apiTokenGroup, displayName: "API token", helpText: "Authenticate with an Okta API token",
                fields: [domain, apiToken] + shared, isDefault: true),
            FieldGroup(
                name: privateKeyGroup, displayName: "OAuth 2.0 private key",
                helpText: "Authenticate as an OAuth API Services app with a private key (private_key_jwt)",
                fields: [domain, clientID, privateKeyID, privateKey] + shared),
        ]
    }()

    /// Settings from a resolved and validated configuration.
    ///
    /// - Throws: `BatonError` `invalidArgument` when the selected auth method's values are missing.
    public static func settings(from config: ResolvedConfig) throws -> OktaSettings {
        let method = config.string("auth-method").isEmpty ? apiTokenGroup : config.string("auth-method")
        let authentication: OktaSettings.Authentication
        switch method {
        case apiTokenGroup:
            authentication = .apiToken(try config.required(apiToken, connector: "okta"))
        case privateKeyGroup:
            authentication = .privateKey(
                clientID: try config.required(clientID, connector: "okta"),
                keyID: try config.required(privateKeyID, connector: "okta"),
                pem: try config.required(privateKey, connector: "okta"))
        default:
            throw BatonError(
                .invalidArgument,
                "okta: unknown --auth-method \"\(method)\"; use \(apiTokenGroup) or \(privateKeyGroup)")
        }
        return OktaSettings(
            domain: try config.required(domain, connector: "okta"), authentication: authentication,
            syncInactiveApps: config.bool(syncInactiveApps.name),
            skipSecondaryEmails: config.bool(skipSecondaryEmails.name),
            filterEmailDomains: config.stringList(filterEmailDomains.name),
            skipAppGroups: config.bool(skipAppGroups.name))
    }

    /// The API base URL for `--domain`: a host with an optional port; `https://` and a trailing `/` are
    /// accepted. `http://` is accepted for loopback hosts only, so a local mock can be used.
    ///
    /// - Throws: `BatonError` `invalidArgument` with one line naming the problem.
    public static func baseURL(domain raw: String) throws -> URL {
        try ServiceBaseURL.parse(raw, prefix: "okta", flag: "domain", serviceName: "Okta")
    }
}
