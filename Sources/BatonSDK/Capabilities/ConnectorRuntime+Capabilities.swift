extension ConnectorRuntime {
    /// The connector's capabilities, derived from which protocols each syncer implements, in the
    /// reference's order: per-type lists sorted by type id, the connector-level set by enum number.
    public func capabilities() -> C1_Connector_V2_ConnectorCapabilities {
        var perType: [C1_Connector_V2_ResourceTypeCapability] = []
        var all = Set<C1_Connector_V2_Capability>()
        var accountDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning?
        for type in resourceTypes.sorted(by: { $0.id < $1.id }) {
            guard let syncer = try? syncer(for: type.id) else { continue }
            var caps: [C1_Connector_V2_Capability] = [.sync]
            if syncer is any ResourceTargetedSyncer {
                caps.append(.targetedSync)
                all.insert(.serviceModeTargetedSync)
            }
            if syncer is any ResourceProvisioner { caps.append(.provision) }
            if let manager = syncer as? any AccountManager {
                caps.append(.accountProvisioning)
                if accountDetails == nil { accountDetails = manager.accountCreationDetails }
            }
            if syncer is any ResourceDeleter { caps.append(.resourceDelete) }
            all.formUnion(caps)

            var entry = C1_Connector_V2_ResourceTypeCapability()
            entry.resourceType = type
            entry.capabilities = caps
            entry.permissions = type.annotations.pick(C1_Connector_V2_CapabilityPermissions.self) ?? .init()
            entry.optInRequired = type.annotations.contains(C1_Connector_V2_OptInRequired.self)
            entry.skipSyncAnomalyDetection = type.annotations.contains(C1_Connector_V2_SkipSyncAnomalyDetection.self)
            entry.deprecated = type.annotations.contains(C1_Connector_V2_Deprecated.self)
            perType.append(entry)
        }
        var capabilities = C1_Connector_V2_ConnectorCapabilities()
        capabilities.resourceTypeCapabilities = perType
        capabilities.connectorCapabilities = all.sorted { $0.rawValue < $1.rawValue }
        var details = C1_Connector_V2_CredentialDetails()
        if let accountDetails { details.capabilityAccountProvisioning = accountDetails }
        capabilities.credentialDetails = details
        return capabilities
    }

    /// `baton_capabilities.json`: the capabilities as protojson of an `Any` (`"@type"` first),
    /// indented by two spaces, no trailing newline — the reference's `capabilities` output.
    public func capabilitiesJSON() throws -> String {
        BatonProtoRegistry.registerAll()
        let any = try Google_Protobuf_Any(message: capabilities())
        return GoJSON.indent(try any.jsonString())
    }

    /// The metadata with the derived capabilities filled in (as `GetMetadata` returns it).
    public func metadata() async throws -> C1_Connector_V2_ConnectorMetadata {
        var metadata = try await connector.metadata()
        metadata.capabilities = capabilities()
        return metadata
    }
}
