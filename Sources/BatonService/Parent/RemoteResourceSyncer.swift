import BatonProto
import BatonSDK

/// One resource type of a remote connector: every list, fetch and change is one call to the child, which applies
/// its own rules (provisioning on or off, what it supports) and answers with a status the caller maps back.
class RemoteResourceSyncer: ResourceSyncer, ResourceTargetedSyncer, ResourceProvisioner, ResourceDeleter,
    @unchecked Sendable
{
    // Immutable after init; `@unchecked` only because a non-final class cannot be checked.
    let resourceType: ResourceType
    let connection: ServiceConnection

    init(resourceType: ResourceType, connection: ServiceConnection) {
        self.resourceType = resourceType
        self.connection = connection
    }

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        var message = C1_Connector_V2_ResourcesServiceListResourcesRequest()
        message.resourceTypeID = resourceType.id
        if let parent { message.parentResourceID = parent }
        message.pageToken = request.pageToken
        message.pageSize = UInt32(clamping: request.pageSize)
        message.activeSyncID = request.syncID
        let response = try await connection.call("ListResources") { options in
            try await connection.resources.listResources(message, options: options)
        }
        return Page(response.list, nextPageToken: response.nextPageToken, annotations: response.annotations)
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        var message = C1_Connector_V2_EntitlementsServiceListEntitlementsRequest()
        message.resource = resource
        message.pageToken = request.pageToken
        message.pageSize = UInt32(clamping: request.pageSize)
        message.activeSyncID = request.syncID
        let response = try await connection.call("ListEntitlements") { options in
            try await connection.entitlements.listEntitlements(message, options: options)
        }
        return Page(response.list, nextPageToken: response.nextPageToken, annotations: response.annotations)
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        var message = C1_Connector_V2_GrantsServiceListGrantsRequest()
        message.resource = resource
        message.pageToken = request.pageToken
        message.pageSize = UInt32(clamping: request.pageSize)
        message.activeSyncID = request.syncID
        let response = try await connection.call("ListGrants") { options in
            try await connection.grants.listGrants(message, options: options)
        }
        return Page(response.list, nextPageToken: response.nextPageToken, annotations: response.annotations)
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        var message = C1_Connector_V2_ResourceGetterServiceGetResourceRequest()
        message.resourceID = id
        if let parent { message.parentResourceID = parent }
        do {
            let response = try await connection.call("GetResource") { options in
                try await connection.resourceGetter.getResource(message, options: options)
            }
            return response.hasResource ? response.resource : nil
        } catch let error as BatonError where error.code == .notFound {
            return nil
        }
    }

    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        var message = C1_Connector_V2_GrantManagerServiceGrantRequest()
        message.entitlement = entitlement
        message.principal = principal
        let response = try await connection.call("Grant") { options in
            try await connection.grantManager.grant(message, options: options)
        }
        return ProvisionResult(grants: response.grants, annotations: response.annotations)
    }

    func revoke(_ grant: Grant) async throws -> Annotations {
        var message = C1_Connector_V2_GrantManagerServiceRevokeRequest()
        message.grant = grant
        return try await connection.call("Revoke") { options in
            try await connection.grantManager.revoke(message, options: options).annotations
        }
    }

    /// `DeleteResourceV2`, or the older `DeleteResource` for a child that lacks it.
    func delete(_ id: ResourceID, parent: ResourceID?) async throws -> Annotations {
        var message = C1_Connector_V2_DeleteResourceV2Request()
        message.resourceID = id
        if let parent { message.parentResourceID = parent }
        do {
            return try await connection.call("DeleteResourceV2") { options in
                try await connection.resourceDeleter.deleteResourceV2(message, options: options).annotations
            }
        } catch let error as BatonError where error.code == .unimplemented {
            var older = C1_Connector_V2_DeleteResourceRequest()
            older.resourceID = id
            if let parent { older.parentResourceID = parent }
            return try await connection.call("DeleteResource") { options in
                try await connection.resourceManager.deleteResource(older, options: options).annotations
            }
        }
    }
}

/// A remote type with the user trait: account creation goes to the child's account manager for this type.
final class RemoteAccountSyncer: RemoteResourceSyncer, AccountManager, @unchecked Sendable {
    /// The child knows its own options; the parent asks for none in particular.
    var accountCreationDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning { .init() }

    func createAccount(_ info: C1_Connector_V2_AccountInfo, credentials: C1_Connector_V2_LocalCredentialOptions)
        async throws -> AccountCreationResult
    {
        var message = C1_Connector_V2_CreateAccountRequest()
        message.accountInfo = info
        message.credentialOptions = try CredentialOptionsMapping.wire(credentials)
        message.resourceTypeID = resourceType.id
        let response = try await connection.call("CreateAccount") { options in
            try await connection.accountManager.createAccount(message, options: options)
        }
        switch response.result {
        case .success(let result)?: return .created(result.resource)
        case .alreadyExists(let result)?: return .alreadyExists(result.resource)
        case .actionRequired(let result)?:
            return .actionRequired(result.hasResource ? result.resource : nil, message: result.message)
        case .inProgress(let result)?: return .inProgress(result.hasResource ? result.resource : nil)
        case nil: throw BatonError(.internal, "CreateAccount: the connector answered with no result")
        }
    }
}
