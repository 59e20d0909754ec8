/// Wraps a ``Connector`` with the rules every connector gets for free: one syncer per type,
/// dispatch by type id, the "next page token unchanged" guard, trait checks, provisioning routing
/// and capability derivation. The sync engine and the command line talk to this, never to the
/// syncers directly.
public final class ConnectorRuntime: Sendable {
    public let connector: any Connector
    /// Resource types in registration order.
    public let resourceTypes: [ResourceType]
    private let syncers: [String: any ResourceSyncer]

    /// - Throws: ``BatonError`` `invalidArgument` when two syncers share a resource type id or a
    ///   type id is invalid.
    public init(_ connector: any Connector) throws {
        self.connector = connector
        var syncers: [String: any ResourceSyncer] = [:]
        var types: [ResourceType] = []
        for syncer in connector.resourceSyncers {
            let type = syncer.resourceType
            try BatonID.validate(type.id, "resource type id")
            guard syncers[type.id] == nil else {
                throw BatonError(.invalidArgument, "duplicate resource syncer for resource type '\(type.id)'")
            }
            syncers[type.id] = syncer
            types.append(type)
        }
        guard !types.isEmpty else {
            throw BatonError(.failedPrecondition, "connector registers no resource syncers")
        }
        self.syncers = syncers
        self.resourceTypes = types
    }

    /// The syncer for `typeID`.
    /// - Throws: ``BatonError`` `notFound` for an unknown type.
    public func syncer(for typeID: String) throws -> any ResourceSyncer {
        guard let syncer = syncers[typeID] else {
            throw BatonError(.notFound, "error: list resources with unknown resource type \(typeID)")
        }
        return syncer
    }

    /// The registered type `typeID`, if any.
    public func resourceType(_ typeID: String) -> ResourceType? { syncers[typeID]?.resourceType }

    // MARK: Listing

    /// One page of resources of `typeID` (under `parent`), with the reference's checks: every
    /// resource has the trait its type declares and the right type id, and the token moves on.
    public func listResources(typeID: String, parent: ResourceID?, request: PageRequest) async throws
        -> Page<Resource>
    {
        let syncer = try syncer(for: typeID)
        let page = try await syncer.list(parent: parent, request: request)
        try checkToken(request, page.nextPageToken, "list resources of type \(typeID)")
        for resource in page.items {
            try resource.id.validate()
            guard resource.id.resourceType == typeID else {
                throw BatonError(
                    .internal,
                    "connector returned resource '\(resource.id.resource)' of type '\(resource.id.resourceType)' "
                        + "while listing type '\(typeID)'")
            }
            try Self.checkTraits(resource, type: syncer.resourceType)
        }
        return page
    }

    /// One page of the entitlements of `resource`.
    public func listEntitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        let page = try await syncer(for: resource.id.resourceType).entitlements(of: resource, request: request)
        try checkToken(request, page.nextPageToken, "list entitlements of \(BatonID.resourceExternalID(resource.id))")
        for entitlement in page.items {
            try BatonID.validate(entitlement.id, "entitlement id")
            let exclusionGroups = entitlement.annotations.all(C1_Connector_V2_EntitlementExclusionGroup.self)
            if exclusionGroups.count > 1 {
                throw BatonError(.invalidArgument, "entitlement \(entitlement.id) has more than one exclusion group")
            }
        }
        return page
    }

    /// One page of the grants of `resource`.
    public func listGrants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let page = try await syncer(for: resource.id.resourceType).grants(of: resource, request: request)
        try checkToken(request, page.nextPageToken, "list grants of \(BatonID.resourceExternalID(resource.id))")
        for grant in page.items {
            try BatonID.validate(grant.id, "grant id")
            try grant.principal.id.validate()
        }
        return page
    }

    /// Fetches one resource (targeted sync).
    /// - Throws: `unimplemented` when the type's syncer cannot, `notFound` when it does not exist.
    public func resource(_ id: ResourceID, parent: ResourceID?) async throws -> Resource {
        guard let getter = try syncer(for: id.resourceType) as? any ResourceTargetedSyncer else {
            throw BatonError(.unimplemented, "resource type \(id.resourceType) does not support targeted sync")
        }
        guard let resource = try await getter.get(id, parent: parent) else {
            throw BatonError(.notFound, "resource \(BatonID.resourceExternalID(id)) not found")
        }
        try Self.checkTraits(resource, type: getter.resourceType)
        return resource
    }

    // MARK: Provisioning

    /// Grants `entitlement` to `principal` through the entitlement's resource type.
    public func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let typeID = entitlement.resource.id.resourceType
        guard let provisioner = try syncer(for: typeID) as? any ResourceProvisioner else {
            throw BatonError(.unimplemented, "resource type \(typeID) does not support provisioning")
        }
        return try await provisioner.grant(entitlement, to: principal)
    }

    /// Revokes `grant` through its entitlement's resource type.
    public func revoke(_ grant: Grant) async throws -> Annotations {
        let typeID = grant.entitlement.resource.id.resourceType
        guard let provisioner = try syncer(for: typeID) as? any ResourceProvisioner else {
            throw BatonError(.unimplemented, "resource type \(typeID) does not support provisioning")
        }
        return try await provisioner.revoke(grant)
    }

    /// Creates an account with the account manager of `typeID`, or the only one, or the `user` one.
    public func createAccount(
        _ info: C1_Connector_V2_AccountInfo, credentials: C1_Connector_V2_LocalCredentialOptions, typeID: String = ""
    ) async throws -> AccountCreationResult {
        let managers = resourceTypes.compactMap { syncers[$0.id] as? any AccountManager }
        let manager: (any AccountManager)?
        if !typeID.isEmpty {
            manager = managers.first { $0.resourceType.id == typeID }
        } else if managers.count == 1 {
            manager = managers.first
        } else {
            manager = managers.first { $0.resourceType.id == "user" }
        }
        guard let manager else { throw BatonError(.unimplemented, "connector does not support account creation") }
        return try await manager.createAccount(info, credentials: credentials)
    }

    /// Deletes a resource through its type's deleter.
    public func deleteResource(_ id: ResourceID, parent: ResourceID?) async throws -> Annotations {
        guard let deleter = try syncer(for: id.resourceType) as? any ResourceDeleter else {
            throw BatonError(.unimplemented, "resource type \(id.resourceType) does not support deletion")
        }
        return try await deleter.delete(id, parent: parent)
    }

    // MARK: Checks

    private func checkToken(_ request: PageRequest, _ next: String, _ what: String) throws {
        if !request.pageToken.isEmpty && next == request.pageToken {
            throw BatonError(
                .internal, "\(what): next page token unchanged (\(next.prefix(80))) - likely a connector bug")
        }
    }

    private static let traitTypes: [(C1_Connector_V2_ResourceType.Trait, any SwiftProtobuf.Message.Type, String)] = [
        (.user, C1_Connector_V2_UserTrait.self, "UserTrait"),
        (.group, C1_Connector_V2_GroupTrait.self, "GroupTrait"),
        (.role, C1_Connector_V2_RoleTrait.self, "RoleTrait"),
        (.app, C1_Connector_V2_AppTrait.self, "AppTrait"),
        (.secret, C1_Connector_V2_SecretTrait.self, "SecretTrait"),
    ]

    static func checkTraits(_ resource: Resource, type: ResourceType) throws {
        for (trait, messageType, name) in traitTypes where type.traits.contains(trait) {
            let url = "type.googleapis.com/" + messageType.protoMessageName
            if !resource.annotations.contains(where: { $0.typeURL == url }) {
                throw BatonError(.invalidArgument, "resource was missing expected trait \(name)")
            }
        }
    }
}
