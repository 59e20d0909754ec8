extension C1_Connector_V2_V1Identifier {
    /// The `V1Identifier` annotation: the id a record had in a Go connector's older versions (`membership:00g1`),
    /// so records match theirs.
    public init(_ id: String) {
        self.init()
        self.id = id
    }

    /// The `V1Identifier` of a grant: `grant:<the entitlement's V1 id>:<principal id>`.
    public static func grant(_ entitlementV1: String, principal: String) -> Self {
        Self("grant:\(entitlementV1):\(principal)")
    }
}
