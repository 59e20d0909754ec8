import BatonProto
import Foundation

/// Writes a grant's deterministic protobuf encoding from its parts, byte for byte what SwiftProtobuf's
/// deterministic encoder writes, at a fraction of its cost.
///
/// The grants of one connector page, or of one expansion edge, share their entitlement and annotations
/// and differ in principal, id and sources. So the shared parts are encoded once and their bytes reused;
/// an id-only principal (what connectors and expansion write) and the sources map are written directly;
/// everything else (a principal with more than its id, unknown fields anywhere) goes through SwiftProtobuf.
/// SwiftProtobuf writes a message's fields in field-number order, unknown fields last, and map entries
/// sorted by key with both key and value always present; so does this.
///
/// `GrantRowEncoderTests` compares it with SwiftProtobuf on every shape it handles, and checks that the
/// generated messages know no fields beyond the ones read here (a regenerated proto with a new field
/// fails that test before it can be dropped silently).
struct GrantRowEncoder {
    /// The embedded entitlements encoded last, with their bytes, most recent first: the grants of a page
    /// share a few (one per permission level of a repository, say), interleaved.
    private var recentEntitlements: [(entitlement: C1_Connector_V2_Entitlement, bytes: [UInt8])] = []
    private static let recentEntitlementLimit = 8
    /// The annotations encoded last (field 4 records included): derived grants all carry the same one.
    private var recentAnnotations: (annotations: [Google_Protobuf_Any], bytes: [UInt8])?

    /// Appends `grant`'s deterministic encoding to `bytes`.
    mutating func append(_ grant: C1_Connector_V2_Grant, to bytes: inout [UInt8]) throws {
        guard grant.unknownFields.data.isEmpty else {
            bytes.append(contentsOf: try grant.deterministicData())
            return
        }
        if grant.hasEntitlement {
            let entitlement = try entitlementBytes(grant.entitlement)
            Self.appendTag(1, to: &bytes)
            Self.appendVarint(UInt64(entitlement.count), to: &bytes)
            bytes.append(contentsOf: entitlement)
        }
        if grant.hasPrincipal {
            Self.appendTag(2, to: &bytes)
            let principal = grant.principal
            if Self.isIDOnly(principal) {
                Self.appendIDOnly(principal, to: &bytes)
            } else {
                let data = try principal.deterministicData()
                Self.appendVarint(UInt64(data.count), to: &bytes)
                bytes.append(contentsOf: data)
            }
        }
        if !grant.id.isEmpty {
            Self.appendString(3, grant.id, to: &bytes)
        }
        if !grant.annotations.isEmpty {
            bytes.append(contentsOf: try annotationBytes(grant.annotations))
        }
        if grant.hasSources {
            try Self.appendSources(grant.sources, to: &bytes)
        }
    }

    // MARK: Shared parts

    private mutating func entitlementBytes(_ entitlement: C1_Connector_V2_Entitlement) throws -> [UInt8] {
        // Comparing is cheap when the grants share the entitlement's storage, as a page's usually do.
        if let index = recentEntitlements.firstIndex(where: {
            $0.entitlement.id == entitlement.id && $0.entitlement == entitlement
        }) {
            return recentEntitlements[index].bytes
        }
        let bytes = [UInt8](try entitlement.deterministicData())
        if recentEntitlements.count == Self.recentEntitlementLimit { recentEntitlements.removeLast() }
        recentEntitlements.insert((entitlement, bytes), at: 0)
        return bytes
    }

    private mutating func annotationBytes(_ annotations: [Google_Protobuf_Any]) throws -> [UInt8] {
        if let recent = recentAnnotations, recent.annotations == annotations { return recent.bytes }
        var bytes: [UInt8] = []
        for annotation in annotations {
            let data = try annotation.deterministicData()
            Self.appendTag(4, to: &bytes)
            Self.appendVarint(UInt64(data.count), to: &bytes)
            bytes.append(contentsOf: data)
        }
        recentAnnotations = (annotations, bytes)
        return bytes
    }

    // MARK: Principal

    /// True when the resource holds its id and nothing else (fields 2…12 at their defaults).
    static func isIDOnly(_ resource: C1_Connector_V2_Resource) -> Bool {
        resource.unknownFields.data.isEmpty && !resource.hasParentResourceID && resource.displayName.isEmpty
            && resource.annotations.isEmpty && resource.description_p.isEmpty && !resource.batonResource
            && !resource.hasExternalID && resource.creationSource.rawValue == 0 && !resource.hasProfile
            && !resource.hasIcon && !resource.hasStatus && !resource.hasCreatedAt
            && resource.id.unknownFields.data.isEmpty
    }

    /// The length and bytes of an id-only resource: field 1, the `ResourceId` (type 1, id 2, flag 3).
    private static func appendIDOnly(_ resource: C1_Connector_V2_Resource, to bytes: inout [UInt8]) {
        guard resource.hasID else {
            bytes.append(0)
            return
        }
        let id = resource.id
        let idSize =
            stringFieldSize(id.resourceType) + stringFieldSize(id.resource) + (id.batonResource ? 2 : 0)
        appendVarint(UInt64(1 + varintSize(UInt64(idSize)) + idSize), to: &bytes)
        appendTag(1, to: &bytes)
        appendVarint(UInt64(idSize), to: &bytes)
        if !id.resourceType.isEmpty { appendString(1, id.resourceType, to: &bytes) }
        if !id.resource.isEmpty { appendString(2, id.resource, to: &bytes) }
        if id.batonResource { bytes += [0x18, 0x01] }
    }

    // MARK: Sources

    /// Field 5: one map entry per source in key order, each with its key (1) and its `GrantSource` (2).
    private static func appendSources(_ sources: C1_Connector_V2_GrantSources, to bytes: inout [UInt8]) throws {
        guard sources.unknownFields.data.isEmpty,
            sources.sources.values.allSatisfy({ $0.unknownFields.data.isEmpty })
        else {
            let data = try sources.deterministicData()
            appendTag(5, to: &bytes)
            appendVarint(UInt64(data.count), to: &bytes)
            bytes.append(contentsOf: data)
            return
        }
        let entries = sources.sources.sorted { $0.key < $1.key }
        var size = 0
        for (key, source) in entries {
            let entry = entrySize(key, source)
            size += 1 + varintSize(UInt64(entry)) + entry
        }
        appendTag(5, to: &bytes)
        appendVarint(UInt64(size), to: &bytes)
        for (key, source) in entries {
            appendTag(1, to: &bytes)
            appendVarint(UInt64(entrySize(key, source)), to: &bytes)
            appendString(1, key, to: &bytes)
            appendTag(2, to: &bytes)
            if source.isDirect {
                bytes += [2, 0x08, 0x01]
            } else {
                bytes.append(0)
            }
        }
    }

    private static func entrySize(_ key: String, _ source: C1_Connector_V2_GrantSources.GrantSource) -> Int {
        // The key is written even when empty; the value is a message of 0 or 2 bytes.
        1 + varintSize(UInt64(key.utf8.count)) + key.utf8.count + 2 + (source.isDirect ? 2 : 0)
    }

    // MARK: Wire format

    /// The tag of a length-delimited field with a number below 16: one byte.
    private static func appendTag(_ field: UInt8, to bytes: inout [UInt8]) {
        bytes.append(field << 3 | 2)
    }

    private static func appendString(_ field: UInt8, _ value: String, to bytes: inout [UInt8]) {
        appendTag(field, to: &bytes)
        appendVarint(UInt64(value.utf8.count), to: &bytes)
        bytes.append(contentsOf: value.utf8)
    }

    /// A non-empty string field's size: tag, length, bytes.
    private static func stringFieldSize(_ value: String) -> Int {
        let count = value.utf8.count
        return count == 0 ? 0 : 1 + varintSize(UInt64(count)) + count
    }

    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func varintSize(_ value: UInt64) -> Int {
        var size = 1
        var value = value >> 7
        while value != 0 {
            size += 1
            value >>= 7
        }
        return size
    }
}
