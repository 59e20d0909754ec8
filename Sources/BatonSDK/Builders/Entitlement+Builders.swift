/// One change to an entitlement being built.
public struct EntitlementOption: Sendable {
    let apply: @Sendable (inout Entitlement) throws -> Void
    public init(_ apply: @escaping @Sendable (inout Entitlement) throws -> Void) { self.apply = apply }

    /// The resource types whose resources can be granted this entitlement.
    public static func grantableTo(_ types: ResourceType...) -> Self { grantableTo(types) }
    /// The resource types whose resources can be granted this entitlement.
    public static func grantableTo(_ types: [ResourceType]) -> Self { .init { $0.grantableTo = types } }
    /// Overrides the display name (default: the entitlement name).
    public static func displayName(_ name: String) -> Self { .init { $0.displayName = name } }
    /// Sets the description.
    public static func description(_ text: String) -> Self { .init { $0.description_p = text } }
    /// Overrides the slug (default: the entitlement name).
    public static func slug(_ slug: String) -> Self { .init { $0.slug = slug } }
    /// Appends annotations.
    public static func annotations(_ messages: any SwiftProtobuf.Message...) -> Self { annotations(messages) }
    /// Appends annotations.
    public static func annotations(_ messages: [any SwiftProtobuf.Message]) -> Self {
        .init { entitlement in
            for message in messages { try entitlement.annotations.append(message) }
        }
    }
}

extension C1_Connector_V2_Entitlement {
    /// An entitlement on `resource` with id `"<type>:<id>:<name>"`, display name and slug `name`.
    ///
    /// ```swift
    /// let member = try Entitlement.assignment(resource: group, name: "member",
    ///                                         options: [.grantableTo(userType, groupType)])
    /// ```
    public static func make(
        resource: Resource, name: String, purpose: PurposeValue, options: [EntitlementOption] = []
    ) throws -> Entitlement {
        try BatonID.validate(name, "entitlement name")
        try resource.id.validate()
        var entitlement = Entitlement()
        entitlement.resource = resource
        entitlement.id = BatonID.entitlementID(resource: resource.id, slug: name)
        entitlement.displayName = name
        entitlement.slug = name
        entitlement.purpose = purpose
        for option in options { try option.apply(&entitlement) }
        return entitlement
    }

    /// An entitlement whose grants say "is a member of / is assigned" (purpose ASSIGNMENT).
    public static func assignment(resource: Resource, name: String, options: [EntitlementOption] = []) throws
        -> Entitlement
    {
        try make(resource: resource, name: name, purpose: .assignment, options: options)
    }

    /// An entitlement whose grants say "may do" (purpose PERMISSION).
    public static func permission(resource: Resource, name: String, options: [EntitlementOption] = []) throws
        -> Entitlement
    {
        try make(resource: resource, name: name, purpose: .permission, options: options)
    }

    /// An entitlement whose grants say "owns" (purpose OWNERSHIP).
    public static func ownership(resource: Resource, name: String, options: [EntitlementOption] = []) throws
        -> Entitlement
    {
        try make(resource: resource, name: name, purpose: .ownership, options: options)
    }
}
