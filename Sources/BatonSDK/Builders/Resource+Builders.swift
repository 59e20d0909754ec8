import Foundation

extension C1_Connector_V2_ResourceType {
    /// A resource type whose id is derived from `name` as the reference does (`"Org Role"` → `org-role`).
    ///
    /// - Parameters:
    ///   - name: The display name.
    ///   - traits: What the resources of this type are (user, group, role, app, secret, …).
    ///   - description: Optional description.
    ///   - annotations: e.g. `SkipEntitlementsAndGrants`.
    public init(
        name: String, traits: [Trait] = [], description: String = "", annotations: [any SwiftProtobuf.Message] = []
    ) throws {
        try self.init(
            id: BatonID.resourceTypeID(fromName: name), displayName: name, traits: traits, description: description,
            annotations: annotations)
    }

    /// A resource type with an explicit id.
    public init(
        id: String, displayName: String, traits: [Trait] = [], description: String = "",
        annotations: [any SwiftProtobuf.Message] = []
    ) throws {
        try BatonID.validate(id, "resource type id")
        self.init()
        self.id = id
        self.displayName = displayName
        self.traits = traits
        self.description_p = description
        self.annotations = try Annotations(annotations)
    }

    /// A resource type from literal values, for a connector's `static let`s, which cannot throw.
    ///
    /// An empty or over-long id, or an annotation that does not pack, is a programming error: it stops the process
    /// on first use and says why, where ignoring it would silently drop the type or its annotations.
    ///
    /// ```swift
    /// static let user = ResourceType.declared(
    ///     id: "user", displayName: "User", traits: [.user], annotations: [C1_Connector_V2_SkipEntitlementsAndGrants()])
    /// ```
    public static func declared(
        id: String, displayName: String, traits: [Trait] = [], description: String = "",
        annotations: [any SwiftProtobuf.Message] = []
    ) -> ResourceType {
        do {
            return try ResourceType(
                id: id, displayName: displayName, traits: traits, description: description, annotations: annotations)
        } catch {
            preconditionFailure("resource type \(id): \(error)")
        }
    }

    /// The id of the resource `objectID` of this type.
    public func resourceID(_ objectID: String) -> ResourceID { ResourceID(id, objectID) }
}

extension C1_Connector_V2_Resource {
    /// A plain resource (no trait).
    /// - Throws: ``BatonError`` `invalidArgument` for an empty or over-long id.
    public static func make(
        name: String, type: ResourceType, id: String, options: [ResourceOption] = []
    ) throws -> Resource {
        let resourceID = ResourceID(type.id, id)
        try resourceID.validate()
        var resource = Resource()
        resource.id = resourceID
        resource.displayName = name
        for option in options { try option.apply(&resource) }
        return resource
    }

    /// A user: `UserTrait` defaults to status ENABLED and account type HUMAN, and the trait's
    /// deprecated fields (status, profile, created_at, icon) are mirrored onto the resource.
    public static func user(
        name: String, type: ResourceType, id: String, traits: [UserTraitOption] = [], options: [ResourceOption] = []
    ) throws -> Resource {
        var resource = try make(name: name, type: type, id: id, options: options)
        var trait = resource.annotations.pick(C1_Connector_V2_UserTrait.self) ?? .init()
        for option in traits { try option.apply(&trait) }
        if !trait.hasStatus { trait.status.status = .enabled }
        if trait.accountType == .unspecified { trait.accountType = .human }
        try resource.annotations.update(trait)
        if !resource.hasProfile && trait.hasProfile { resource.profile = trait.profile }
        if !resource.hasIcon && trait.hasIcon { resource.icon = trait.icon }
        if !resource.hasCreatedAt && trait.hasCreatedAt { resource.createdAt = trait.createdAt }
        if !resource.hasStatus {
            var status = C1_Connector_V2_Status()
            // The two enums share their numbering by design.
            status.status = .init(rawValue: trait.status.status.rawValue) ?? .unspecified
            status.details = trait.status.details
            resource.status = status
        }
        return resource
    }

    /// A group; the trait's profile and icon are mirrored onto the resource.
    public static func group(
        name: String, type: ResourceType, id: String, traits: [GroupTraitOption] = [], options: [ResourceOption] = []
    ) throws -> Resource {
        var resource = try make(name: name, type: type, id: id, options: options)
        var trait = resource.annotations.pick(C1_Connector_V2_GroupTrait.self) ?? .init()
        for option in traits { try option.apply(&trait) }
        try resource.annotations.update(trait)
        if !resource.hasProfile && trait.hasProfile { resource.profile = trait.profile }
        if !resource.hasIcon && trait.hasIcon { resource.icon = trait.icon }
        return resource
    }

    /// A role; the trait's profile is mirrored onto the resource.
    public static func role(
        name: String, type: ResourceType, id: String, traits: [RoleTraitOption] = [], options: [ResourceOption] = []
    ) throws -> Resource {
        var resource = try make(name: name, type: type, id: id, options: options)
        var trait = resource.annotations.pick(C1_Connector_V2_RoleTrait.self) ?? .init()
        for option in traits { try option.apply(&trait) }
        try resource.annotations.update(trait)
        if !resource.hasProfile && trait.hasProfile { resource.profile = trait.profile }
        return resource
    }

    /// An app; the trait's profile and icon are mirrored onto the resource.
    public static func app(
        name: String, type: ResourceType, id: String, traits: [AppTraitOption] = [], options: [ResourceOption] = []
    ) throws -> Resource {
        var resource = try make(name: name, type: type, id: id, options: options)
        var trait = resource.annotations.pick(C1_Connector_V2_AppTrait.self) ?? .init()
        for option in traits { try option.apply(&trait) }
        try resource.annotations.update(trait)
        if !resource.hasProfile && trait.hasProfile { resource.profile = trait.profile }
        if !resource.hasIcon && trait.hasIcon { resource.icon = trait.icon }
        return resource
    }

    /// The resource's profile: the resource-level one, else the trait's (older connectors).
    public var effectiveProfile: Google_Protobuf_Struct? {
        if hasProfile { return profile }
        if let t = annotations.pick(C1_Connector_V2_UserTrait.self), t.hasProfile { return t.profile }
        if let t = annotations.pick(C1_Connector_V2_GroupTrait.self), t.hasProfile { return t.profile }
        if let t = annotations.pick(C1_Connector_V2_RoleTrait.self), t.hasProfile { return t.profile }
        if let t = annotations.pick(C1_Connector_V2_AppTrait.self), t.hasProfile { return t.profile }
        return nil
    }
}
