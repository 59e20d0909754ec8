import BatonProto
import Testing

/// The full names are what type URLs and the Go tools key on; a typo in a package or message
/// name would silently make every stored annotation unreadable on the other side.
@Suite struct FullNameTests {
    @Test func coreRecordsHaveTheGoFullNames() {
        #expect(C1_Connector_V2_ResourceId.protoMessageName == "c1.connector.v2.ResourceId")
        #expect(C1_Connector_V2_Resource.protoMessageName == "c1.connector.v2.Resource")
        #expect(C1_Connector_V2_ResourceType.protoMessageName == "c1.connector.v2.ResourceType")
        #expect(C1_Connector_V2_Entitlement.protoMessageName == "c1.connector.v2.Entitlement")
        #expect(C1_Connector_V2_Grant.protoMessageName == "c1.connector.v2.Grant")
        #expect(C1_Connector_V2_GrantSources.GrantSource.protoMessageName == "c1.connector.v2.GrantSources.GrantSource")
        #expect(C1_Connector_V2_AssetRef.protoMessageName == "c1.connector.v2.AssetRef")
        #expect(C1_Connector_V2_ConnectorMetadata.protoMessageName == "c1.connector.v2.ConnectorMetadata")
        #expect(C1_Reader_V2_SyncRun.protoMessageName == "c1.reader.v2.SyncRun")
        #expect(C1_Reader_V2_SyncStats.protoMessageName == "c1.reader.v2.SyncStats")
        #expect(C1_Config_V1_Configuration.protoMessageName == "c1.config.v1.Configuration")
        #expect(C1_Connector_V2_UserTrait.Status.protoMessageName == "c1.connector.v2.UserTrait.Status")
    }

    /// Every annotation type, by the name written into `Any.type_url`. The c1z fixtures carry
    /// ChildResourceType, ETag, ExternalLink, GroupTrait, UserTrait and V1Identifier.
    @Test func registryHoldsExactlyTheExpectedAnnotationNames() {
        let expected: Set<String> = [
            "UserTrait", "GroupTrait", "RoleTrait", "AppTrait", "SecretTrait", "ScopeBindingTrait",
            "LicenseProfileTrait", "NonHumanIdentityTrait", "AgentTrait", "ManagedDeviceTrait",
            "SecurityInsightTrait", "VendorTrait", "VendorAgreementTrait",
            "GrantMetadata", "GrantExpandable", "GrantImmutable", "GrantAlreadyExists", "GrantAlreadyRevoked",
            "InsertResourceGrants", "GrantReplaced", "EntitlementImmutable", "EntitlementExclusionGroup",
            "ExternalLink", "V1Identifier", "RawId", "Aliases", "ChildResourceType",
            "SkipEntitlementsAndGrants", "SkipGrants", "SkipEntitlements", "TypeScopedGrants",
            "TypeScopedEntitlements", "BatonID", "ResourceDoesNotExist", "ResourceDeleted",
            "ExternalResourceMatch", "ExternalResourceMatchAll", "ExternalResourceMatchID", "RequestId",
            "RateLimitDescription", "RateLimitWaitReport", "EnqueuePageTokens", "SessionStoreUsage",
            "ExternalTicketSettings", "ExternalTicketRef", "ConnectorCapabilities", "CapabilityPermissions",
            "CapabilityPermission", "OptInRequired", "Deprecated", "SkipSyncAnomalyDetection",
            "ETag", "ETagMetadata", "ETagMatch",
        ].reduce(into: ["c1.c1z.v1.SyncDetails"]) { $0.insert("c1.connector.v2." + $1) }

        let names = BatonProtoRegistry.annotationMessageTypes.map { $0.protoMessageName }
        #expect(Set(names) == expected)
        #expect(names.count == expected.count, "a type is listed twice")
    }

    @Test func registerAllMakesEveryTypeURLResolvable() {
        BatonProtoRegistry.registerAll()
        for messageType in BatonProtoRegistry.annotationMessageTypes {
            let url = "type.googleapis.com/" + messageType.protoMessageName
            let resolved = Google_Protobuf_Any.messageType(forTypeURL: url)
            #expect(resolved.map { ObjectIdentifier($0) } == ObjectIdentifier(messageType), "\(url)")
        }
    }

    @Test func registerAllIsSafeToCallConcurrentlyAndRepeatedly() async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask { BatonProtoRegistry.registerAll() }
            }
        }
        BatonProtoRegistry.registerAll()
        // Registering a type again under the same name is accepted, not a conflict.
        #expect(Google_Protobuf_Any.register(messageType: C1_Connector_V2_UserTrait.self))
    }
}
