public import BatonProto

/// Which grants ``C1ZStore/listGrants(syncID:filter:pageToken:pageSize:)`` returns. Unset parts do not filter.
public struct GrantFilter: Sendable, Equatable {
    /// Only grants of this entitlement.
    public var entitlementID: String?
    /// Only grants on entitlements of this resource.
    public var resource: C1_Connector_V2_ResourceId?
    /// Only grants to this principal.
    public var principal: C1_Connector_V2_ResourceId?
    /// Only grants whose principal has one of these resource types (empty: any type).
    public var principalResourceTypeIDs: [String]
    /// Re-attach each grant's stored expansion metadata as a `GrantExpandable` annotation.
    public var includeExpansion: Bool

    public init(
        entitlementID: String? = nil, resource: C1_Connector_V2_ResourceId? = nil,
        principal: C1_Connector_V2_ResourceId? = nil, principalResourceTypeIDs: [String] = [],
        includeExpansion: Bool = false
    ) {
        self.entitlementID = entitlementID
        self.resource = resource
        self.principal = principal
        self.principalResourceTypeIDs = principalResourceTypeIDs
        self.includeExpansion = includeExpansion
    }
}
