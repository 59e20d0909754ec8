import BatonProto
import BatonSDK
import Foundation

/// One exported grant: who holds which entitlement on which resource, and how.
struct GrantExportRow {
    let grantID: String
    let entitlementID: String
    let resourceType: String
    let resourceID: String
    let principalType: String
    let principalID: String
    let origin: GrantOrigin

    init(_ grant: C1_Connector_V2_Grant) {
        grantID = grant.id
        entitlementID = grant.entitlement.id
        resourceType = grant.entitlement.resource.id.resourceType
        resourceID = grant.entitlement.resource.id.resource
        principalType = grant.principal.id.resourceType
        principalID = grant.principal.id.resource
        origin = GrantOrigin(grant)
    }

    static let csvHeader =
        "grant_id,entitlement_id,resource_type,resource_id,principal_type,principal_id,direct,derived_from\n"

    /// One CSV record, quoted as RFC 4180 says and ended by a line feed (as Go's `encoding/csv` writes);
    /// `derived_from` lists the source entitlements separated by `;`.
    var csvRecord: String {
        [
            grantID, entitlementID, resourceType, resourceID, principalType, principalID, String(origin.isDirect),
            origin.derivedFrom.joined(separator: ";"),
        ].map(Self.csvField).joined(separator: ",") + "\n"
    }

    /// One JSON object on one line; every member is always present.
    var jsonLine: String {
        var object = JSONObject()
        object.add("grantId", string: grantID)
        object.add("entitlementId", string: entitlementID)
        object.add("resourceType", string: resourceType)
        object.add("resourceId", string: resourceID)
        object.add("principalType", string: principalType)
        object.add("principalId", string: principalID)
        object.add("direct", bool: origin.isDirect)
        object.add("derivedFrom", json: "[" + origin.derivedFrom.map(GoJSON.quote).joined(separator: ",") + "]")
        return object.text + "\n"
    }

    private static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
