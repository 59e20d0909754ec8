public import BatonProto
import BatonSDK
import GRPCCore

// The services that change the service: grants, resources, accounts and credentials. Without `-p` each answers
// FailedPrecondition "provisioning is not enabled", as the Go SDK's stand-ins do.

struct GrantManagerServiceProvider: C1_Connector_V2_GrantManagerService.SimpleServiceProtocol {
    let served: ServedConnector

    func grant(request: C1_Connector_V2_GrantManagerServiceGrantRequest, context: ServerContext)
        async throws -> C1_Connector_V2_GrantManagerServiceGrantResponse
    {
        try served.requireProvisioning()
        return try await served.answer("Grant") {
            let result = try await served.runtime.grant(request.entitlement, to: request.principal)
            var response = C1_Connector_V2_GrantManagerServiceGrantResponse()
            response.grants = result.grants
            response.annotations = result.annotations
            return response
        }
    }

    func revoke(request: C1_Connector_V2_GrantManagerServiceRevokeRequest, context: ServerContext)
        async throws -> C1_Connector_V2_GrantManagerServiceRevokeResponse
    {
        try served.requireProvisioning()
        return try await served.answer("Revoke") {
            var response = C1_Connector_V2_GrantManagerServiceRevokeResponse()
            response.annotations = try await served.runtime.revoke(request.grant)
            return response
        }
    }
}

struct ResourceManagerServiceProvider: C1_Connector_V2_ResourceManagerService.SimpleServiceProtocol {
    let served: ServedConnector

    func createResource(request: C1_Connector_V2_CreateResourceRequest, context: ServerContext)
        async throws -> C1_Connector_V2_CreateResourceResponse
    {
        try served.requireProvisioning()
        throw RPCError(code: .unimplemented, message: "creating resources is not supported by this connector")
    }

    func deleteResource(request: C1_Connector_V2_DeleteResourceRequest, context: ServerContext)
        async throws -> C1_Connector_V2_DeleteResourceResponse
    {
        try served.requireProvisioning()
        return try await served.answer("DeleteResource") {
            var response = C1_Connector_V2_DeleteResourceResponse()
            response.annotations = try await served.runtime.deleteResource(
                request.resourceID, parent: request.hasParentResourceID ? request.parentResourceID : nil)
            return response
        }
    }
}

struct ResourceDeleterServiceProvider: C1_Connector_V2_ResourceDeleterService.SimpleServiceProtocol {
    let served: ServedConnector

    func deleteResourceV2(request: C1_Connector_V2_DeleteResourceV2Request, context: ServerContext)
        async throws -> C1_Connector_V2_DeleteResourceV2Response
    {
        try served.requireProvisioning()
        return try await served.answer("DeleteResourceV2") {
            var response = C1_Connector_V2_DeleteResourceV2Response()
            response.annotations = try await served.runtime.deleteResource(
                request.resourceID, parent: request.hasParentResourceID ? request.parentResourceID : nil)
            return response
        }
    }
}

struct AccountManagerServiceProvider: C1_Connector_V2_AccountManagerService.SimpleServiceProtocol {
    let served: ServedConnector

    func createAccount(request: C1_Connector_V2_CreateAccountRequest, context: ServerContext)
        async throws -> C1_Connector_V2_CreateAccountResponse
    {
        try served.requireProvisioning()
        return try await served.answer("CreateAccount") {
            let credentials = try CredentialOptionsMapping.local(request.credentialOptions)
            return try await served.runtime.createAccount(
                request.accountInfo, credentials: credentials, typeID: request.resourceTypeID
            ).response
        }
    }
}

struct CredentialManagerServiceProvider: C1_Connector_V2_CredentialManagerService.SimpleServiceProtocol {
    let served: ServedConnector

    func rotateCredential(request: C1_Connector_V2_RotateCredentialRequest, context: ServerContext)
        async throws -> C1_Connector_V2_RotateCredentialResponse
    {
        try served.requireProvisioning()
        throw RPCError(code: .unimplemented, message: "rotating credentials is not supported by this connector")
    }

    func issueCredential(request: C1_Connector_V2_IssueCredentialRequest, context: ServerContext)
        async throws -> C1_Connector_V2_IssueCredentialResponse
    {
        try served.requireProvisioning()
        throw RPCError(code: .unimplemented, message: "issuing credentials is not supported by this connector")
    }
}

/// Credential options between their wire form and the connector-local one. Encrypted passwords need the
/// ConductorOne key exchange, which baton-swift does not do; everything else maps one to one.
public enum CredentialOptionsMapping {
    /// The connector-local form of `options`.
    ///
    /// - Throws: ``BatonError`` `.unimplemented` for an encrypted password.
    public static func local(
        _ options: C1_Connector_V2_CredentialOptions
    ) throws -> C1_Connector_V2_LocalCredentialOptions {
        var local = C1_Connector_V2_LocalCredentialOptions()
        local.forceChangeAtNextLogin = options.forceChangeAtNextLogin
        switch options.options {
        case .randomPassword(let random)?:
            var password = C1_Connector_V2_LocalCredentialOptions.RandomPassword()
            password.length = random.length
            password.constraints = random.constraints
            local.randomPassword = password
        case .sso(let sso)?:
            var result = C1_Connector_V2_LocalCredentialOptions.SSO()
            result.ssoProvider = sso.ssoProvider
            local.sso = result
        case .encryptedPassword?:
            throw BatonError(.unimplemented, "encrypted passwords are not supported for account creation")
        case .noPassword?, nil:
            local.noPassword = .init()
        }
        return local
    }

    static func wire(_ local: C1_Connector_V2_LocalCredentialOptions) throws -> C1_Connector_V2_CredentialOptions {
        var options = C1_Connector_V2_CredentialOptions()
        options.forceChangeAtNextLogin = local.forceChangeAtNextLogin
        switch local.options {
        case .randomPassword(let random)?:
            var password = C1_Connector_V2_CredentialOptions.RandomPassword()
            password.length = random.length
            password.constraints = random.constraints
            options.randomPassword = password
        case .sso(let sso)?:
            var result = C1_Connector_V2_CredentialOptions.SSO()
            result.ssoProvider = sso.ssoProvider
            options.sso = result
        case .plaintextPassword?:
            throw BatonError(.unimplemented, "a plaintext password cannot be sent to a connector service")
        case .noPassword?, nil:
            options.noPassword = .init()
        }
        return options
    }
}
