/// A service connector: its metadata, a credentials check, and one syncer per resource type.
///
/// ```swift
/// struct GitHubConnector: Connector {
///     func metadata() async throws -> ConnectorMetadata { … }
///     func validate() async throws -> Annotations { try await client.currentUser(); return [] }
///     var resourceSyncers: [any ResourceSyncer] { [OrgSyncer(client), TeamSyncer(client), …] }
/// }
/// ```
public protocol Connector: Sendable {
    /// Name, description and help URL shown to users (capabilities are filled in by the SDK).
    func metadata() async throws -> C1_Connector_V2_ConnectorMetadata
    /// Checks the configuration and credentials with a cheap API call. Throws a clear error.
    func validate() async throws -> Annotations
    /// One syncer per resource type; the type ids must be unique.
    var resourceSyncers: [any ResourceSyncer] { get }
    /// Called once after a sync or command, to release clients.
    func shutdown() async throws
}

extension Connector {
    public func shutdown() async throws {}
}

/// Lists the resources of one type, and each resource's entitlements and grants.
public protocol ResourceSyncer: Sendable {
    /// The type this syncer lists.
    var resourceType: ResourceType { get }
    /// One page of resources, under `parent` when the type is a child type.
    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource>
    /// One page of the entitlements a resource offers.
    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement>
    /// One page of the grants of a resource's entitlements.
    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant>
}

extension ResourceSyncer {
    public func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        .empty
    }
    public func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> { .empty }
}

/// A syncer that can also grant and revoke its entitlements.
///
/// Return a `GrantAlreadyExists` / `GrantAlreadyRevoked` annotation when the service says the
/// change was already in place, rather than failing.
public protocol ResourceProvisioner: ResourceSyncer {
    /// Grants `entitlement` to `principal`; returns the grants that now exist (may be empty).
    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult
    /// Revokes `grant`.
    func revoke(_ grant: Grant) async throws -> Annotations
}

/// The result of a grant call.
public struct ProvisionResult: Sendable {
    public var grants: [Grant]
    public var annotations: Annotations
    public init(grants: [Grant] = [], annotations: Annotations = []) {
        self.grants = grants
        self.annotations = annotations
    }

    /// "Nothing changed: the principal already had it".
    public static func alreadyExists() throws -> ProvisionResult {
        ProvisionResult(annotations: try Annotations([C1_Connector_V2_GrantAlreadyExists()]))
    }
}

extension Array where Element == Google_Protobuf_Any {
    /// The `GrantAlreadyRevoked` annotation list, for a revoke that found nothing to remove.
    public static func alreadyRevoked() throws -> Annotations {
        try Annotations([C1_Connector_V2_GrantAlreadyRevoked()])
    }
}

/// A syncer that can fetch one resource by id (targeted sync).
public protocol ResourceTargetedSyncer: ResourceSyncer {
    /// The resource, or `nil` when it does not exist.
    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource?
}

/// A syncer that can delete resources of its type.
public protocol ResourceDeleter: ResourceSyncer {
    func delete(_ id: ResourceID, parent: ResourceID?) async throws -> Annotations
}

/// A syncer that can create accounts (users) in the service.
public protocol AccountManager: ResourceSyncer {
    /// Which credential options the service supports for new accounts.
    var accountCreationDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning { get }
    /// Creates an account from `info`.
    func createAccount(_ info: C1_Connector_V2_AccountInfo, credentials: C1_Connector_V2_LocalCredentialOptions)
        async throws -> AccountCreationResult
}

/// What creating an account did.
public enum AccountCreationResult: Sendable {
    /// The account exists now; `resource` is the new user.
    case created(Resource)
    /// An account with that login/email already existed.
    case alreadyExists(Resource)
    /// The service needs a human step (e.g. the user must accept an invitation).
    case actionRequired(Resource?, message: String)
    /// The service accepted the request and will finish later.
    case inProgress(Resource?)

    /// The reference's wire form.
    public var response: C1_Connector_V2_CreateAccountResponse {
        var response = C1_Connector_V2_CreateAccountResponse()
        switch self {
        case .created(let resource):
            var result = C1_Connector_V2_CreateAccountResponse.SuccessResult()
            result.isCreateAccountResult = true
            result.resource = resource
            response.success = result
        case .alreadyExists(let resource):
            var result = C1_Connector_V2_CreateAccountResponse.AlreadyExistsResult()
            result.isCreateAccountResult = true
            result.resource = resource
            response.alreadyExists = result
        case .actionRequired(let resource, let message):
            var result = C1_Connector_V2_CreateAccountResponse.ActionRequiredResult()
            result.isCreateAccountResult = true
            if let resource { result.resource = resource }
            result.message = message
            response.actionRequired = result
        case .inProgress(let resource):
            var result = C1_Connector_V2_CreateAccountResponse.InProgressResult()
            result.isCreateAccountResult = true
            if let resource { result.resource = resource }
            response.inProgress = result
        }
        return response
    }
}
