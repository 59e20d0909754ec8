public import BatonProto

/// Records written together in one transaction by ``C1ZStore/write(_:syncID:checkpoint:)``.
///
/// Empty arrays are skipped; a batch may mix kinds (the syncer usually writes one page of one kind).
public struct StoreBatch: Sendable {
    public var resourceTypes: [C1_Connector_V2_ResourceType]
    public var resources: [C1_Connector_V2_Resource]
    public var entitlements: [C1_Connector_V2_Entitlement]
    public var grants: [C1_Connector_V2_Grant]

    public init(
        resourceTypes: [C1_Connector_V2_ResourceType] = [], resources: [C1_Connector_V2_Resource] = [],
        entitlements: [C1_Connector_V2_Entitlement] = [], grants: [C1_Connector_V2_Grant] = []
    ) {
        self.resourceTypes = resourceTypes
        self.resources = resources
        self.entitlements = entitlements
        self.grants = grants
    }

    /// True when the batch holds no records.
    public var isEmpty: Bool {
        resourceTypes.isEmpty && resources.isEmpty && entitlements.isEmpty && grants.isEmpty
    }

    /// The records the batch holds.
    public var count: Int { resourceTypes.count + resources.count + entitlements.count + grants.count }

    /// Adds `other`'s records after this batch's own, so a later copy of a record wins when stored.
    public mutating func append(_ other: StoreBatch) {
        resourceTypes += other.resourceTypes
        resources += other.resources
        entitlements += other.entitlements
        grants += other.grants
    }
}
