// The files `baton-connector init` writes, as one prototype connector with its names as placeholders.
// Regenerate a prototype with `baton-connector init`, edit it, and copy it back here with the names
// replaced: keep what the generated connector shows in step with the SDK.

extension ScaffoldTemplates {
    /// `Connectors/{{Type}}/Sources/Client.swift`.
    static let client = ScaffoldTemplate(
        path: "Connectors/{{Type}}/Sources/Client.swift",
        text: #"""
            import BatonHTTP
            import BatonSDK
            import Foundation

            /// The {{Display}} REST calls the connector makes, and nothing else: paths, query parameters and the
            /// refusals that are answers. Retries, rate limits, the bearer token and error bodies (``{{Type}}Error``)
            /// are the ``BatonHTTPClient``'s; next-link paging is its `page` helper's.
            struct {{Type}}Client: Sendable {
                let http: BatonHTTPClient

                /// The page size asked for. The service may answer with fewer; paging follows `next`, never the count.
                static let pageSize = 100

                /// - Parameter baseURL: the API's base URL, without a trailing slash.
                init(baseURL: URL, http configuration: BatonHTTPClient.Configuration, authenticator: any Authenticator) {
                    var configuration = configuration
                    configuration.baseURL = baseURL
                    configuration.defaultHeaders = ["Accept": "application/json"]
                    configuration.errorResponse = {{Type}}Error.batonError
                    http = BatonHTTPClient(configuration: configuration, authenticator: authenticator)
                }

                private var firstPage: [(String, String)] { [("limit", String(Self.pageSize))] }

                /// The account the token belongs to: the credential check.
                func currentUser() async throws -> {{Type}}User {
                    try await http.get({{Type}}User.self, "/api/v1/me")
                }

                /// One page of users; the body's `next` is the URL of the following page.
                func users(bag: inout PaginationBag) async throws -> (items: {{Type}}List<{{Type}}User>, next: String) {
                    try await http.page(
                        {{Type}}List<{{Type}}User>.self, "/api/v1/users", query: firstPage, bodyLink: ["next"], bag: &bag)
                }

                /// One page of groups.
                func groups(bag: inout PaginationBag) async throws -> (items: {{Type}}List<{{Type}}Group>, next: String) {
                    try await http.page(
                        {{Type}}List<{{Type}}Group>.self, "/api/v1/groups", query: firstPage, bodyLink: ["next"], bag: &bag)
                }

                /// One page of a group's members.
                func members(groupID: String, bag: inout PaginationBag) async throws
                    -> (items: {{Type}}List<{{Type}}User>, next: String)
                {
                    try await http.page(
                        {{Type}}List<{{Type}}User>.self, "/api/v1/groups/\(segment: groupID)/members", query: firstPage,
                        bodyLink: ["next"], bag: &bag)
                }

                /// Adds a member; false when the user already was one (409).
                func addMember(groupID: String, userID: String) async throws -> Bool {
                    try await http.send(
                        .put, "/api/v1/groups/\(segment: groupID)/members/\(segment: userID)",
                        answering: { $0.status == 409 }
                    ).isSuccess
                }

                /// Removes a member; false when the user was not one (404 `not_member`).
                func removeMember(groupID: String, userID: String) async throws -> Bool {
                    try await http.send(
                        .delete, "/api/v1/groups/\(segment: groupID)/members/\(segment: userID)",
                        answering: {{Type}}Error.says("not_member")
                    ).isSuccess
                }
            }

            """#
    )

    /// `Connectors/{{Type}}/Sources/Models.swift`.
    static let models = ScaffoldTemplate(
        path: "Connectors/{{Type}}/Sources/Models.swift",
        text: #"""
            import BatonHTTP
            import BatonSDK
            import Foundation

            /// A user as `/api/v1/users`, `/api/v1/me` and a group's `/members` return it.
            struct {{Type}}User: Decodable, Sendable {
                var id: String
                var email: String?
                var name: String
                var active: Bool
            }

            /// A group as `/api/v1/groups` returns it.
            struct {{Type}}Group: Decodable, Sendable {
                var id: String
                var name: String
                var description: String?
            }

            /// One page of a list: the items, and the URL of the next page when more follow.
            struct {{Type}}List<Item: Decodable & Sendable>: Decodable, Sendable {
                var data: [Item]
                var next: String?
            }

            /// The service's error body `{"error": "code", "message": "…"}`, and the `BatonError` it maps to.
            struct {{Type}}Error: Decodable, Sendable {
                var error: String
                var message: String?

                /// The decoded body of a refused response; nil when it is not the service's JSON.
                static func body(_ response: HTTPResponse) -> {{Type}}Error? {
                    guard response.hasJSONContentType else { return nil }
                    return try? JSONDecoder().decode({{Type}}Error.self, from: response.body)
                }

                /// The client's ``BatonHTTPClient/Configuration/errorResponse``: client errors other than 429 (which the
                /// client waits out) become `{{name}}: PUT /api/v1/…: HTTP 404 <message>`.
                static func batonError(_ response: HTTPResponse) -> BatonError? {
                    guard (400..<500).contains(response.status), response.status != 429 else { return nil }
                    let detail = body(response).map { $0.message ?? $0.error } ?? response.reason
                    return BatonError(
                        HTTPStatusMapping.code(for: response.status),
                        "{{name}}: \(response.method) \(response.url.path): HTTP \(response.status) "
                            + detail.replacingOccurrences(of: "\n", with: " "),
                        httpStatus: response.status, rateLimit: response.rateLimit)
                }

                /// A refusal test: the error body's code is `code`.
                static func says(_ code: String) -> (HTTPResponse) -> Bool {
                    { body($0)?.error == code }
                }
            }

            """#
    )

    /// `Connectors/{{Type}}/Sources/ResourceTypes.swift`.
    static let resourceTypes = ScaffoldTemplate(
        path: "Connectors/{{Type}}/Sources/ResourceTypes.swift",
        text: #"""
            import BatonSDK

            /// The resource types, declared once. Users hold entitlements but offer none.
            enum {{Type}}ResourceTypes {
                static let user = ResourceType.declared(
                    id: "user", displayName: "User", traits: [.user], annotations: [C1_Connector_V2_SkipEntitlementsAndGrants()])
                static let group = ResourceType.declared(id: "group", displayName: "Group", traits: [.group])
            }

            """#
    )

    /// `Connectors/{{Type}}/Sources/Users.swift`.
    static let users = ScaffoldTemplate(
        path: "Connectors/{{Type}}/Sources/Users.swift",
        text: #"""
            import BatonSDK
            import Foundation

            /// Users: every account, active or not, with its email as login.
            struct UserSyncer: ResourceSyncer {
                let client: {{Type}}Client
                var resourceType: ResourceType { {{Type}}ResourceTypes.user }

                func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
                    var bag = try PaginationBag(token: request.pageToken)
                    if bag.current == nil { bag.push(.init(resourceTypeID: resourceType.id)) }
                    let (page, next) = try await client.users(bag: &bag)
                    return Page(try page.data.map(Self.resource), nextPageToken: next)
                }

                /// The user record: status from `active`, the email as primary email and login.
                static func resource(_ user: {{Type}}User) throws -> Resource {
                    var traits: [UserTraitOption] = [
                        .status(user.active ? .enabled : .disabled),
                        .profile(["user_id": .init(stringValue: user.id), "name": .init(stringValue: user.name)]),
                    ]
                    if let email = user.email, !email.isEmpty {
                        traits.append(.email(email, primary: true))
                        traits.append(.login(email))
                    }
                    return try Resource.user(name: user.name, type: {{Type}}ResourceTypes.user, id: user.id, traits: traits)
                }
            }

            """#
    )

    /// `Connectors/{{Type}}/Sources/Groups.swift`.
    static let groups = ScaffoldTemplate(
        path: "Connectors/{{Type}}/Sources/Groups.swift",
        text: #"""
            import BatonSDK
            import Foundation

            /// Groups: a `member` entitlement held by users, provisioned with `PUT`/`DELETE
            /// /api/v1/groups/{id}/members/{userId}`.
            struct GroupSyncer: ResourceProvisioner {
                let client: {{Type}}Client
                var resourceType: ResourceType { {{Type}}ResourceTypes.group }
                static let member = "member"

                func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
                    var bag = try PaginationBag(token: request.pageToken)
                    if bag.current == nil { bag.push(.init(resourceTypeID: resourceType.id)) }
                    let (page, next) = try await client.groups(bag: &bag)
                    return Page(try page.data.map(Self.resource), nextPageToken: next)
                }

                /// The group record, with its description in the profile.
                static func resource(_ group: {{Type}}Group) throws -> Resource {
                    try Resource.group(
                        name: group.name, type: {{Type}}ResourceTypes.group, id: group.id,
                        traits: [
                            .profile([
                                "group_id": .init(stringValue: group.id),
                                "description": .init(stringValue: group.description ?? ""),
                            ])
                        ])
                }

                func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
                    Page([
                        try Entitlement.assignment(
                            resource: resource, name: Self.member,
                            options: [
                                .grantableTo([{{Type}}ResourceTypes.user]), .displayName("\(resource.displayName) member"),
                                .description("Member of the \(resource.displayName) group"),
                            ])
                    ])
                }

                func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
                    var bag = try PaginationBag(token: request.pageToken)
                    if bag.current == nil { bag.push(.init(resourceTypeID: {{Type}}ResourceTypes.user.id)) }
                    let (page, next) = try await client.members(groupID: resource.id.resource, bag: &bag)
                    let grants = try page.data.map {
                        try Grant.make(
                            resource: resource, entitlementName: Self.member,
                            principal: {{Type}}ResourceTypes.user.resourceID($0.id))
                    }
                    return Page(grants, nextPageToken: next)
                }

                // MARK: Provisioning

                func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
                    let userID = try Self.userID(principal.id)
                    guard try await client.addMember(groupID: entitlement.resource.id.resource, userID: userID) else {
                        return try .alreadyExists()
                    }
                    return ProvisionResult(grants: [try Grant.make(entitlement: entitlement, principal: principal)])
                }

                func revoke(_ grant: Grant) async throws -> Annotations {
                    let userID = try Self.userID(grant.principal.id)
                    guard try await client.removeMember(groupID: grant.entitlement.resource.id.resource, userID: userID) else {
                        return try .alreadyRevoked()
                    }
                    return []
                }

                /// The principal's user id.
                /// - Throws: `BatonError` `invalidArgument` when the principal is not a user.
                static func userID(_ principal: ResourceID) throws -> String {
                    guard principal.resourceType == {{Type}}ResourceTypes.user.id else {
                        throw BatonError(
                            .invalidArgument,
                            "{{name}}: group membership can only be granted to a user, not a \(principal.resourceType)")
                    }
                    return principal.resource
                }
            }

            """#
    )

    /// `Connectors/{{Type}}/Sources/Config.swift`.
    static let config = ScaffoldTemplate(
        path: "Connectors/{{Type}}/Sources/Config.swift",
        text: #"""
            public import BatonConfig
            import BatonHTTP
            import BatonSDK
            public import Foundation

            /// What the {{Display}} connector is configured with, independent of where the values came from.
            public struct {{Type}}Settings: Sendable, CustomStringConvertible {
                /// The API's base URL as given (`https://api.example.com`, `http://127.0.0.1:8080`).
                public var url: String
                /// The API token, sent as `Authorization: Bearer`. Never shown by `description`.
                public var token: String

                /// Creates settings.
                public init(url: String, token: String) {
                    self.url = url
                    self.token = token
                }

                public var description: String { "{{Type}}Settings(url: \(url))" }
            }

            /// The connector's configuration fields.
            public enum {{Type}}Config {
                public static let url = ConfigField.string("{{name}}-url").required()
                    .displayName("{{Display}} URL")
                    .description("The API's base URL, e.g. https://api.example.com (http:// only for loopback mocks)")
                public static let token = ConfigField.string("{{name}}-token").required().secret()
                    .displayName("API token")
                    .description("An API token allowed to read users and groups and to change group members")

                /// Every field the connector adds to the default ones.
                public static let fields: [ConfigField] = [url, token]

                /// Settings from a resolved and validated configuration.
                ///
                /// - Throws: `BatonError` `invalidArgument` when a required value is empty.
                public static func settings(from config: ResolvedConfig) throws -> {{Type}}Settings {
                    {{Type}}Settings(
                        url: try config.required(url, connector: "{{name}}"),
                        token: try config.required(token, connector: "{{name}}"))
                }

                /// The API base URL for `--{{name}}-url`: `https://` is implied, a trailing `/` dropped, a path kept;
                /// `http://` only for loopback hosts, so a local mock can be used.
                ///
                /// - Throws: `BatonError` `invalidArgument` with one line naming the problem.
                public static func baseURL(_ raw: String) throws -> URL {
                    try ServiceBaseURL.parse(
                        raw, prefix: "{{name}}", flag: url.name, allowsPath: true, serviceName: "{{Display}}")
                }
            }

            """#
    )

    /// `Connectors/{{Type}}/Sources/Connector.swift`.
    static let connector = ScaffoldTemplate(
        path: "Connectors/{{Type}}/Sources/Connector.swift",
        text: #"""
            public import BatonConfig
            public import BatonHTTP
            public import BatonSDK
            import Foundation

            /// The {{Display}} connector: users, and groups with their members; group membership is provisionable.
            ///
            /// ```swift
            /// let settings = {{Type}}Settings(url: "https://api.example.com", token: token)
            /// let runtime = try ConnectorRuntime(try {{Type}}Connector(settings: settings))
            /// ```
            public struct {{Type}}Connector: Connector {
                public let settings: {{Type}}Settings
                let client: {{Type}}Client

                /// Creates the connector.
                ///
                /// - Parameters:
                ///   - settings: The API's URL and token.
                ///   - http: HTTP client settings (user agent, timeout, cache, logger, wait observer).
                /// - Throws: `BatonError` `invalidArgument` for a bad URL.
                public init(settings: {{Type}}Settings, http: BatonHTTPClient.Configuration = .init()) throws {
                    let baseURL = try {{Type}}Config.baseURL(settings.url)
                    var http = http
                    if http.userAgent.isEmpty { http.userAgent = "baton-{{name}}" }
                    self.settings = settings
                    client = {{Type}}Client(
                        baseURL: baseURL, http: http, authenticator: StaticAuthenticator.bearer(settings.token))
                }

                /// Creates the connector from a resolved configuration (the command line's factory).
                public init(config: ResolvedConfig, http: BatonHTTPClient.Configuration = .init()) throws {
                    try self.init(settings: {{Type}}Config.settings(from: config), http: http)
                }

                public func metadata() async throws -> C1_Connector_V2_ConnectorMetadata {
                    var metadata = C1_Connector_V2_ConnectorMetadata()
                    metadata.displayName = "{{Display}}"
                    metadata.description_p = "{{description}}"
                    return metadata
                }

                /// The token must read the current user; a refusal names the flag to fix.
                public func validate() async throws -> Annotations {
                    do {
                        _ = try await client.currentUser()
                    } catch let error as BatonError where error.code == .unauthenticated || error.code == .permissionDenied {
                        throw BatonError(
                            error.code,
                            "{{name}}: the API token was refused (--{{name}}-token): "
                                + error.message.trimmingPrefix("{{name}}: "),
                            httpStatus: error.httpStatus)
                    }
                    return []
                }

                public var resourceSyncers: [any ResourceSyncer] {
                    [UserSyncer(client: client), GroupSyncer(client: client)]
                }
            }

            """#
    )

    /// `Connectors/{{Type}}/Main/main.swift`.
    static let main = ScaffoldTemplate(
        path: "Connectors/{{Type}}/Main/main.swift",
        text: #"""
            import BatonCLI
            import {{Type}}Connector

            await ConnectorCommand.main(
                ConnectorDefinition(
                    name: "baton-{{name}}", version: "0.1.0", summary: "baton-{{name}}: {{description}}",
                    fields: {{Type}}Config.fields, displayName: "{{Display}}"
                ) { config, context in
                    try {{Type}}Connector(config: config, http: context.httpConfiguration)
                })

            """#
    )

    /// `Connectors/{{Type}}/README.md`.
    static let readme = ScaffoldTemplate(
        path: "Connectors/{{Type}}/README.md",
        text: #"""
            # baton-{{name}}

            baton-{{name}} is a [Baton](https://github.com/conductorone/baton) connector for {{Display}}: {{descriptionText}}

            It was generated by `baton-connector init {{name}}` against `baton-mock {{name}}`, a mock of the API described
            below. Until `Sources/Client.swift` is pointed at the real {{Display}} API, that mock's API is the only one it
            speaks; this README says so wherever it matters.

            ## What it syncs, and why

            - **Users** (`user`): every account, active or not (inactive ones are synced as disabled, so an access
              review sees accounts that still exist). Name, primary email and login from the API; users offer no
              entitlements.
            - **Groups** (`group`): every group, with one `member` entitlement, and a grant per member. Group
              membership is what grants access in most services, so it is what a review needs to see.

            Lists are paged by the `next` link of each page (`GET /api/v1/users`, `/api/v1/groups`,
            `/api/v1/groups/{id}/members`, 100 a page), followed until a page has none.

            ## Provisioning

            With `-p`: `--grant-entitlement group:<id>:member --grant-principal <user id> --grant-principal-type user` adds
            a member (`PUT /api/v1/groups/{id}/members/{userId}`), `--revoke-grant` removes one (`DELETE` on the same
            path). Granting to an existing member and revoking a missing one are reported as already done.

            ## Permissions

            An API token that may read users, groups and group members, and, for provisioning, change group members.
            `baton-{{name}}` checks the token at start with `GET /api/v1/me`.

            ## Configuration

            | Flag | Environment | Required | What |
            |---|---|---|---|
            | `--{{name}}-url` | `BATON_{{ENV}}_URL` | yes | The API's base URL (`https://`; `http://` only for loopback) |
            | `--{{name}}-token` | `BATON_{{ENV}}_TOKEN` | yes | The API token (secret: never logged) |

            Every standard flag (`-f`, `--log-level`, `-p`, …) applies; see the repository's README.

            ## Examples

            ```sh
            swift run baton-mock {{name}} --port 8089 &
            swift run baton-{{name}} --{{name}}-url http://127.0.0.1:8089 --{{name}}-token mock-{{name}}-token -f {{name}}.c1z
            swift run baton resources -f {{name}}.c1z
            ```

            ## Capabilities

            `baton_capabilities.json` is the output of `baton-{{name}} capabilities`: users and groups are synced,
            groups are provisionable.

            ## Limitations

            - Only users, groups and group membership; roles, apps and other resource types are not synced.
            - No account creation or deletion.
            - The endpoints are those of the generated mock until `Sources/Client.swift` is edited for the real API.

            ## Licence

            baton-{{name}} is licensed under the Apache License 2.0, like the rest of baton-swift: see
            [LICENSE](../../LICENSE).

            """#
    )

    /// `Connectors/{{Type}}/baton_capabilities.json`.
    static let capabilities = ScaffoldTemplate(
        path: "Connectors/{{Type}}/baton_capabilities.json",
        text: #"""
            {
              "@type": "type.googleapis.com/c1.connector.v2.ConnectorCapabilities",
              "resourceTypeCapabilities": [
                {
                  "resourceType": {
                    "id": "group",
                    "displayName": "Group",
                    "traits": [
                      "TRAIT_GROUP"
                    ]
                  },
                  "capabilities": [
                    "CAPABILITY_SYNC",
                    "CAPABILITY_PROVISION"
                  ],
                  "permissions": {}
                },
                {
                  "resourceType": {
                    "id": "user",
                    "displayName": "User",
                    "traits": [
                      "TRAIT_USER"
                    ],
                    "annotations": [
                      {
                        "@type": "type.googleapis.com/c1.connector.v2.SkipEntitlementsAndGrants"
                      }
                    ]
                  },
                  "capabilities": [
                    "CAPABILITY_SYNC"
                  ],
                  "permissions": {}
                }
              ],
              "connectorCapabilities": [
                "CAPABILITY_PROVISION",
                "CAPABILITY_SYNC"
              ],
              "credentialDetails": {}
            }
            """#
    )
}
