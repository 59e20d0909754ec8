/// One change to a grant being built.
public struct GrantOption: Sendable {
    let apply: @Sendable (inout Grant) throws -> Void
    public init(_ apply: @escaping @Sendable (inout Grant) throws -> Void) { self.apply = apply }

    /// Marks the grant expandable: the principal (itself a resource, e.g. a group) holds the
    /// `entitlementIDs`, and every holder of those inherits this grant's entitlement.
    ///
    /// - Parameters:
    ///   - entitlementIDs: Source entitlements on the principal (e.g. `group:g1:member`).
    ///   - shallow: Only direct holders of the sources inherit.
    ///   - resourceTypeIDs: Only holders of these types inherit (empty = all).
    public static func expandable(_ entitlementIDs: [String], shallow: Bool = false, resourceTypeIDs: [String] = [])
        -> Self
    {
        .init {
            guard !entitlementIDs.isEmpty else {
                throw BatonError(.invalidArgument, "GrantExpandable needs at least one entitlement id")
            }
            var expandable = C1_Connector_V2_GrantExpandable()
            var seen = Set<String>()
            expandable.entitlementIds = entitlementIDs.filter { seen.insert($0).inserted }
            expandable.shallow = shallow
            expandable.resourceTypeIds = resourceTypeIDs
            try $0.annotations.append(expandable)
        }
    }
    /// Attaches `GrantMetadata` (replacing an earlier one).
    public static func metadata(_ metadata: Profile) -> Self {
        .init {
            var value = C1_Connector_V2_GrantMetadata()
            value.metadata = Google_Protobuf_Struct(fields: metadata)
            try $0.annotations.update(value)
        }
    }
    /// Appends annotations.
    public static func annotations(_ messages: any SwiftProtobuf.Message...) -> Self {
        .init { grant in
            for message in messages { try grant.annotations.append(message) }
        }
    }
}

extension C1_Connector_V2_Grant {
    /// A grant of entitlement `entitlementName` on `resource` to `principal`.
    ///
    /// The grant's entitlement carries only its id and resource (as in the reference) and its id is
    /// `"<entitlement id>:<principal type>:<principal id>"`.
    ///
    /// ```swift
    /// let grant = try Grant.make(resource: group, entitlementName: "member", principal: user.id)
    /// ```
    public static func make(
        resource: Resource, entitlementName: String, principal: ResourceID, options: [GrantOption] = []
    ) throws -> Grant {
        var principalResource = Resource()
        principalResource.id = principal
        return try make(
            resource: resource, entitlementName: entitlementName, principal: principalResource,
            options: options)
    }

    /// A grant whose principal is given as a whole resource.
    public static func make(
        resource: Resource, entitlementName: String, principal: Resource, options: [GrantOption] = []
    ) throws -> Grant {
        try resource.id.validate()
        try principal.id.validate()
        try BatonID.validate(entitlementName, "entitlement name")
        var entitlement = Entitlement()
        entitlement.id = BatonID.entitlementID(resource: resource.id, slug: entitlementName)
        entitlement.resource = resource
        return try make(entitlement: entitlement, principal: principal, options: options)
    }

    /// A grant of an existing entitlement.
    public static func make(entitlement: Entitlement, principal: Resource, options: [GrantOption] = []) throws
        -> Grant
    {
        try BatonID.validate(entitlement.id, "entitlement id")
        try principal.id.validate()
        var grant = Grant()
        grant.entitlement = entitlement
        grant.principal = principal
        grant.id = BatonID.grantID(entitlementID: entitlement.id, principal: principal.id)
        for option in options { try option.apply(&grant) }
        return grant
    }
}
