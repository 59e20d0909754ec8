public import SwiftProtobuf

/// The message types that can appear inside a `google.protobuf.Any` annotation.
///
/// SwiftProtobuf can only print a decoded `Any` as JSON (and unpack it by type URL) when its
/// message type is registered. Call ``registerAll()`` once at start-up of anything that prints
/// JSON; unregistered type URLs still decode and re-encode as opaque `Any` values.
public enum BatonProtoRegistry {
    /// Every message type a connector, the syncer or a c1z file may carry as an annotation: the
    /// traits, the annotation messages, the retired ETag tombstones, the capability annotations
    /// read from resource types, and the c1z reader's `SyncDetails`.
    public static let annotationMessageTypes: [any SwiftProtobuf.Message.Type] = [
        // Traits (Resource.annotations).
        C1_Connector_V2_UserTrait.self,
        C1_Connector_V2_GroupTrait.self,
        C1_Connector_V2_RoleTrait.self,
        C1_Connector_V2_AppTrait.self,
        C1_Connector_V2_SecretTrait.self,
        C1_Connector_V2_ScopeBindingTrait.self,
        C1_Connector_V2_LicenseProfileTrait.self,
        C1_Connector_V2_NonHumanIdentityTrait.self,
        C1_Connector_V2_AgentTrait.self,
        C1_Connector_V2_ManagedDeviceTrait.self,
        C1_Connector_V2_SecurityInsightTrait.self,
        C1_Connector_V2_VendorTrait.self,
        C1_Connector_V2_VendorAgreementTrait.self,
        // Grants.
        C1_Connector_V2_GrantMetadata.self,
        C1_Connector_V2_GrantExpandable.self,
        C1_Connector_V2_GrantImmutable.self,
        C1_Connector_V2_GrantAlreadyExists.self,
        C1_Connector_V2_GrantAlreadyRevoked.self,
        C1_Connector_V2_InsertResourceGrants.self,
        C1_Connector_V2_GrantReplaced.self,
        // Entitlements.
        C1_Connector_V2_EntitlementImmutable.self,
        C1_Connector_V2_EntitlementExclusionGroup.self,
        // Resources and resource types.
        C1_Connector_V2_ExternalLink.self,
        C1_Connector_V2_V1Identifier.self,
        C1_Connector_V2_RawId.self,
        C1_Connector_V2_Aliases.self,
        C1_Connector_V2_ChildResourceType.self,
        C1_Connector_V2_SkipEntitlementsAndGrants.self,
        C1_Connector_V2_SkipGrants.self,
        C1_Connector_V2_SkipEntitlements.self,
        C1_Connector_V2_TypeScopedGrants.self,
        C1_Connector_V2_TypeScopedEntitlements.self,
        C1_Connector_V2_BatonID.self,
        C1_Connector_V2_ResourceDoesNotExist.self,
        C1_Connector_V2_ResourceDeleted.self,
        C1_Connector_V2_ExternalResourceMatch.self,
        C1_Connector_V2_ExternalResourceMatchAll.self,
        C1_Connector_V2_ExternalResourceMatchID.self,
        // Requests and responses.
        C1_Connector_V2_RequestId.self,
        C1_Connector_V2_RateLimitDescription.self,
        C1_Connector_V2_RateLimitWaitReport.self,
        C1_Connector_V2_EnqueuePageTokens.self,
        C1_Connector_V2_SessionStoreUsage.self,
        C1_Connector_V2_ExternalTicketSettings.self,
        C1_Connector_V2_ExternalTicketRef.self,
        // Capabilities.
        C1_Connector_V2_ConnectorCapabilities.self,
        C1_Connector_V2_CapabilityPermissions.self,
        C1_Connector_V2_CapabilityPermission.self,
        C1_Connector_V2_OptInRequired.self,
        C1_Connector_V2_Deprecated.self,
        C1_Connector_V2_SkipSyncAnomalyDetection.self,
        // Retired, still present in old c1z files.
        C1_Connector_V2_ETag.self,
        C1_Connector_V2_ETagMetadata.self,
        C1_Connector_V2_ETagMatch.self,
        // c1z readers.
        C1_C1z_V1_SyncDetails.self,
    ]

    /// Registers ``annotationMessageTypes`` with `Google_Protobuf_Any`.
    ///
    /// Safe to call any number of times from any thread: the work runs once.
    public static func registerAll() {
        _ = registration
    }

    /// Swift runs a static initializer exactly once, under a lock, which makes `registerAll()`
    /// idempotent and thread-safe without a lock of our own.
    private static let registration: Void = {
        for messageType in annotationMessageTypes {
            Google_Protobuf_Any.register(messageType: messageType)
        }
    }()
}
