import BatonProto
import BatonSDK
import GRPCCore

// The services a sync calls: metadata and validation, resource types, resources, entitlements, grants, targeted
// fetches and assets. Each answers from the same ConnectorRuntime the in-process sync uses, so its checks (page
// tokens that move, traits, ids) hold for remote parents too.

struct ConnectorServiceProvider: C1_Connector_V2_ConnectorService.SimpleServiceProtocol {
    let served: ServedConnector

    func getMetadata(request: C1_Connector_V2_ConnectorServiceGetMetadataRequest, context: ServerContext)
        async throws -> C1_Connector_V2_ConnectorServiceGetMetadataResponse
    {
        try await served.answer("GetMetadata") {
            var response = C1_Connector_V2_ConnectorServiceGetMetadataResponse()
            response.metadata = try await served.runtime.metadata()
            return response
        }
    }

    func validate(request: C1_Connector_V2_ConnectorServiceValidateRequest, context: ServerContext)
        async throws -> C1_Connector_V2_ConnectorServiceValidateResponse
    {
        try await served.answer("Validate") {
            var response = C1_Connector_V2_ConnectorServiceValidateResponse()
            response.annotations = try await served.runtime.connector.validate()
            response.sdkVersion = ServedConnector.sdkVersion
            return response
        }
    }

    func cleanup(request: C1_Connector_V2_ConnectorServiceCleanupRequest, context: ServerContext)
        async throws -> C1_Connector_V2_ConnectorServiceCleanupResponse
    {
        await served.cleanup()
        return C1_Connector_V2_ConnectorServiceCleanupResponse()
    }
}

struct ResourceTypesServiceProvider: C1_Connector_V2_ResourceTypesService.SimpleServiceProtocol {
    let served: ServedConnector

    /// Every type in one page, as the Go SDK answers.
    func listResourceTypes(
        request: C1_Connector_V2_ResourceTypesServiceListResourceTypesRequest, context: ServerContext
    )
        async throws -> C1_Connector_V2_ResourceTypesServiceListResourceTypesResponse
    {
        var response = C1_Connector_V2_ResourceTypesServiceListResourceTypesResponse()
        response.list = served.runtime.resourceTypes
        return response
    }
}

struct ResourcesServiceProvider: C1_Connector_V2_ResourcesService.SimpleServiceProtocol {
    let served: ServedConnector

    func listResources(request: C1_Connector_V2_ResourcesServiceListResourcesRequest, context: ServerContext)
        async throws -> C1_Connector_V2_ResourcesServiceListResourcesResponse
    {
        try await served.answer("ListResources") {
            let page = try await served.runtime.listResources(
                typeID: request.resourceTypeID, parent: request.hasParentResourceID ? request.parentResourceID : nil,
                request: PageRequest(
                    pageToken: request.pageToken, pageSize: Int(request.pageSize), syncID: request.activeSyncID))
            var response = C1_Connector_V2_ResourcesServiceListResourcesResponse()
            response.list = page.items
            response.nextPageToken = page.nextPageToken
            response.annotations = page.annotations
            return response
        }
    }
}

struct ResourceGetterServiceProvider: C1_Connector_V2_ResourceGetterService.SimpleServiceProtocol {
    let served: ServedConnector

    func getResource(request: C1_Connector_V2_ResourceGetterServiceGetResourceRequest, context: ServerContext)
        async throws -> C1_Connector_V2_ResourceGetterServiceGetResourceResponse
    {
        try await served.answer("GetResource") {
            var response = C1_Connector_V2_ResourceGetterServiceGetResourceResponse()
            response.resource = try await served.runtime.resource(
                request.resourceID, parent: request.hasParentResourceID ? request.parentResourceID : nil)
            return response
        }
    }
}

struct EntitlementsServiceProvider: C1_Connector_V2_EntitlementsService.SimpleServiceProtocol {
    let served: ServedConnector

    func listEntitlements(request: C1_Connector_V2_EntitlementsServiceListEntitlementsRequest, context: ServerContext)
        async throws -> C1_Connector_V2_EntitlementsServiceListEntitlementsResponse
    {
        try await served.answer("ListEntitlements") {
            let page = try await served.runtime.listEntitlements(
                of: request.resource,
                request: PageRequest(
                    pageToken: request.pageToken, pageSize: Int(request.pageSize), syncID: request.activeSyncID))
            var response = C1_Connector_V2_EntitlementsServiceListEntitlementsResponse()
            response.list = page.items
            response.nextPageToken = page.nextPageToken
            response.annotations = page.annotations
            return response
        }
    }

    /// baton-swift connectors list every entitlement per resource, so there are no per-type static ones.
    func listStaticEntitlements(
        request: C1_Connector_V2_EntitlementsServiceListStaticEntitlementsRequest, context: ServerContext
    ) async throws -> C1_Connector_V2_EntitlementsServiceListStaticEntitlementsResponse {
        C1_Connector_V2_EntitlementsServiceListStaticEntitlementsResponse()
    }
}

struct GrantsServiceProvider: C1_Connector_V2_GrantsService.SimpleServiceProtocol {
    let served: ServedConnector

    func listGrants(request: C1_Connector_V2_GrantsServiceListGrantsRequest, context: ServerContext)
        async throws -> C1_Connector_V2_GrantsServiceListGrantsResponse
    {
        try await served.answer("ListGrants") {
            let page = try await served.runtime.listGrants(
                of: request.resource,
                request: PageRequest(
                    pageToken: request.pageToken, pageSize: Int(request.pageSize), syncID: request.activeSyncID))
            var response = C1_Connector_V2_GrantsServiceListGrantsResponse()
            response.list = page.items
            response.nextPageToken = page.nextPageToken
            response.annotations = page.annotations
            return response
        }
    }
}

struct AssetServiceProvider: C1_Connector_V2_AssetService.SimpleServiceProtocol {
    let served: ServedConnector

    /// baton-swift connectors publish no assets (icons are links), so every reference is unknown.
    func getAsset(
        request: C1_Connector_V2_AssetServiceGetAssetRequest,
        response: RPCWriter<C1_Connector_V2_AssetServiceGetAssetResponse>, context: ServerContext
    ) async throws {
        throw RPCError(code: .notFound, message: "asset '\(request.asset.id.prefix(200))' not found")
    }
}
