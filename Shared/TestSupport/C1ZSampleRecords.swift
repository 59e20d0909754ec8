public import BatonStore

/// Small, well-formed records for tests that write to or read from a c1z store.
///
/// Ids follow the SDK formats: entitlements `<type>:<id>:<slug>`, grants `<entitlement>:<type>:<id>`.
public enum C1ZSample {
    public static func resourceType(_ id: String, traits: [C1_Connector_V2_ResourceType.Trait] = [])
        -> C1_Connector_V2_ResourceType
    {
        var type = C1_Connector_V2_ResourceType()
        type.id = id
        type.displayName = id
        type.traits = traits
        return type
    }

    public static func resourceID(_ type: String, _ id: String) -> C1_Connector_V2_ResourceId {
        var resourceID = C1_Connector_V2_ResourceId()
        resourceID.resourceType = type
        resourceID.resource = id
        return resourceID
    }

    public static func resource(_ type: String, _ id: String, parent: C1_Connector_V2_ResourceId? = nil)
        -> C1_Connector_V2_Resource
    {
        var resource = C1_Connector_V2_Resource()
        resource.id = resourceID(type, id)
        resource.displayName = "\(type) \(id)"
        if let parent { resource.parentResourceID = parent }
        return resource
    }

    public static func entitlement(_ resource: C1_Connector_V2_Resource, slug: String = "member")
        -> C1_Connector_V2_Entitlement
    {
        var entitlement = C1_Connector_V2_Entitlement()
        entitlement.resource = resource
        entitlement.id = "\(resource.id.resourceType):\(resource.id.resource):\(slug)"
        entitlement.displayName = slug
        entitlement.slug = slug
        entitlement.purpose = .assignment
        return entitlement
    }

    public static func expandable(_ entitlementIDs: [String], shallow: Bool = false, resourceTypeIDs: [String] = [])
        -> C1_Connector_V2_GrantExpandable
    {
        var expandable = C1_Connector_V2_GrantExpandable()
        expandable.entitlementIds = entitlementIDs
        expandable.shallow = shallow
        expandable.resourceTypeIds = resourceTypeIDs
        return expandable
    }

    /// A grant of `entitlement` to `principal`, optionally carrying a `GrantExpandable` annotation.
    public static func grant(
        _ entitlement: C1_Connector_V2_Entitlement, to principal: C1_Connector_V2_Resource,
        expandable: C1_Connector_V2_GrantExpandable? = nil
    ) throws -> C1_Connector_V2_Grant {
        var grant = C1_Connector_V2_Grant()
        grant.entitlement = entitlement
        grant.principal = principal
        grant.id = "\(entitlement.id):\(principal.id.resourceType):\(principal.id.resource)"
        if let expandable {
            grant.annotations.append(try Google_Protobuf_Any(message: expandable))
        }
        return grant
    }
}
