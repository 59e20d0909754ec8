import BatonProto

/// How a principal holds a grant: directly (the connector reported it) and/or derived by grant
/// expansion from other entitlements (the grant's `sources`).
///
/// Expansion records every entitlement a derived grant came from in `sources`; when it adds sources
/// to a grant the connector reported, it first records the grant's own entitlement there, so the
/// grant is direct exactly when `sources` is empty or names its own entitlement.
struct GrantOrigin: Equatable {
    var isDirect: Bool
    /// The entitlements the grant was derived from, sorted.
    var derivedFrom: [String]

    init(_ grant: C1_Connector_V2_Grant) {
        let sources = grant.sources.sources
        let ownEntitlement = grant.entitlement.id
        isDirect = sources.isEmpty || sources[ownEntitlement] != nil
        derivedFrom = sources.keys.filter { $0 != ownEntitlement }.sorted()
    }

    /// `direct`, `derived from a, b`, or `direct + derived from a`.
    var summary: String {
        let derived = derivedFrom.isEmpty ? nil : "derived from " + derivedFrom.joined(separator: ", ")
        return [isDirect ? "direct" : nil, derived].compactMap { $0 }.joined(separator: " + ")
    }
}
