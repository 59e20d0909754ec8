public import Foundation

/// One change to a resource being built, like the Go SDK's `ResourceOption`s.
///
/// ```swift
/// let repo = try Resource.make(name: "api", type: repositoryType, id: "42",
///                              options: [.parent(org.id), .description("The API"), .status(.enabled)])
/// ```
public struct ResourceOption: Sendable {
    let apply: @Sendable (inout Resource) throws -> Void

    /// An option from a closure, for anything the named options do not cover.
    public init(_ apply: @escaping @Sendable (inout Resource) throws -> Void) { self.apply = apply }

    /// Sets the parent resource (children are listed under it; see `ChildResourceType`).
    public static func parent(_ id: ResourceID) -> Self { .init { $0.parentResourceID = id } }
    /// Sets the description.
    public static func description(_ text: String) -> Self { .init { $0.description_p = text } }
    /// Sets the resource-level profile.
    public static func profile(_ profile: Profile) -> Self {
        .init { $0.profile = Google_Protobuf_Struct(fields: profile) }
    }
    /// Sets the resource status (enabled, disabled, deleted) with optional details.
    public static func status(_ status: C1_Connector_V2_Status.ResourceStatus, details: String = "") -> Self {
        .init {
            var value = C1_Connector_V2_Status()
            value.status = status
            value.details = details
            $0.status = value
        }
    }
    /// Sets when the resource was created upstream.
    public static func createdAt(_ date: Date) -> Self {
        .init { $0.createdAt = Google_Protobuf_Timestamp(date: date) }
    }
    /// Sets the icon asset reference.
    public static func icon(_ assetID: String) -> Self {
        .init {
            var ref = C1_Connector_V2_AssetRef()
            ref.id = assetID
            $0.icon = ref
        }
    }
    /// Appends annotations (for example `ChildResourceType`, `ExternalLink`, `V1Identifier`).
    public static func annotations(_ messages: any SwiftProtobuf.Message...) -> Self {
        .init { resource in
            for message in messages {
                resource.annotations.append(try Google_Protobuf_Any(deterministicMessage: message))
            }
        }
    }
    /// Declares that resources of `typeID` are listed with this resource as their parent.
    public static func childType(_ typeID: String) -> Self {
        .init {
            var child = C1_Connector_V2_ChildResourceType()
            child.resourceTypeID = typeID
            try $0.annotations.append(child)
        }
    }
    /// Adds an `ExternalLink` annotation pointing at the resource in the service's UI.
    public static func externalLink(_ url: String) -> Self {
        .init {
            var link = C1_Connector_V2_ExternalLink()
            link.url = url
            try $0.annotations.append(link)
        }
    }
    /// Adds the `Aliases` annotation (deduplicated; 1…100 ids of 1…256 bytes each).
    public static func aliases(_ ids: [String]) -> Self {
        .init {
            var seen = Set<String>()
            let unique = ids.filter { seen.insert($0).inserted }
            guard (1...100).contains(unique.count) else {
                throw BatonError(.invalidArgument, "aliases must hold 1 to 100 ids, got \(unique.count)")
            }
            for id in unique where id.isEmpty || id.utf8.count > 256 {
                throw BatonError(.invalidArgument, "alias '\(id.prefix(40))' must be 1 to 256 bytes")
            }
            var aliases = C1_Connector_V2_Aliases()
            aliases.ids = unique
            try $0.annotations.update(aliases)
        }
    }
}
