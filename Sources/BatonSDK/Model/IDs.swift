import Foundation

/// The reference's identifier formats. They are an external contract: ConductorOne matches
/// records across syncs by these strings, so they must stay byte-identical to the Go SDK's.
public enum BatonID {
    /// Maximum length in bytes of a resource type id or resource id (the reference's validation).
    public static let maxIDBytes = 1024

    /// The resource type id for a display name: lower-cased, spaces replaced by `-`.
    public static func resourceTypeID(fromName name: String) -> String {
        name.lowercased().replacingOccurrences(of: " ", with: "-")
    }

    /// `"<resource type>:<resource id>:<slug>"`, e.g. `group:123:member`.
    public static func entitlementID(resource: ResourceID, slug: String) -> String {
        "\(resource.resourceType):\(resource.resource):\(slug)"
    }

    /// `"<entitlement id>:<principal type>:<principal id>"`, e.g. `group:123:member:user:456`.
    public static func grantID(entitlementID: String, principal: ResourceID) -> String {
        "\(entitlementID):\(principal.resourceType):\(principal.resource)"
    }

    /// The c1z `external_id` of a resource row: `"<resource type>:<resource id>"`.
    public static func resourceExternalID(_ id: ResourceID) -> String {
        "\(id.resourceType):\(id.resource)"
    }

    /// Checks one id component against the reference's rules (1…1024 bytes).
    /// - Throws: ``BatonError`` `invalidArgument` naming `what`.
    public static func validate(_ value: String, _ what: String) throws {
        if value.isEmpty {
            throw BatonError(.invalidArgument, "\(what) must not be empty")
        }
        if value.utf8.count > maxIDBytes {
            throw BatonError(.invalidArgument, "\(what) is longer than \(maxIDBytes) bytes")
        }
    }
}

extension C1_Connector_V2_ResourceId {
    /// A resource id of type `resourceTypeID`.
    public init(_ resourceTypeID: String, _ id: String) {
        self.init()
        self.resourceType = resourceTypeID
        self.resource = id
    }

    /// Checks both components (non-empty, ≤ 1024 bytes).
    public func validate() throws {
        try BatonID.validate(resourceType, "resource type id")
        try BatonID.validate(resource, "resource id")
    }
}
