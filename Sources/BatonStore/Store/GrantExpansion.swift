import BatonProto
import Foundation

/// Moving `GrantExpandable` between a grant's annotations and the `expansion` column.
enum GrantExpansion {
    static let typeName = C1_Connector_V2_GrantExpandable.protoMessageName
    static let typeURL = "type.googleapis.com/" + typeName

    /// True when `annotation` holds a `GrantExpandable` (any type URL prefix, like Go's `MessageIs`).
    static func isExpandable(_ annotation: Google_Protobuf_Any) -> Bool {
        let url = annotation.typeURL
        guard url.hasSuffix(typeName) else { return false }
        let prefixLength = url.utf8.count - typeName.utf8.count
        return prefixLength == 0 || url.utf8[url.utf8.index(url.utf8.startIndex, offsetBy: prefixLength - 1)] == 0x2F
    }

    /// Strips every `GrantExpandable` annotation from `grant` and returns the expansion column value.
    ///
    /// Follows the Go writer: the first `GrantExpandable` is decoded; if it does not decode the grant
    /// is left alone. Otherwise all of them are removed, and the column value is the deterministic
    /// encoding of the first one when it names at least one non-blank entitlement id, else nil.
    static func extract(from grant: inout C1_Connector_V2_Grant) -> Data? {
        guard let first = grant.annotations.first(where: isExpandable),
            let expandable = try? C1_Connector_V2_GrantExpandable(serializedBytes: first.value)
        else { return nil }
        grant.annotations.removeAll(where: isExpandable)
        let hasEntitlement = expandable.entitlementIds.contains {
            !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        guard hasEntitlement else { return nil }
        return try? expandable.deterministicData()
    }

    /// Appends the stored expansion bytes to `grant` as a `GrantExpandable` annotation.
    static func attach(_ expansion: Data, to grant: inout C1_Connector_V2_Grant) {
        var annotation = Google_Protobuf_Any()
        annotation.typeURL = typeURL
        annotation.value = expansion
        grant.annotations.append(annotation)
    }
}
