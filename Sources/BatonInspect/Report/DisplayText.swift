import BatonProto
import BatonSDK

/// The text the access page shows for records: names with fallbacks, and the profile values of a resource.
enum DisplayText {
    /// An entitlement's display name, else its slug, else its id.
    static func entitlementName(_ entitlement: C1_Connector_V2_Entitlement?, id: String) -> String {
        [entitlement?.displayName ?? "", entitlement?.slug ?? "", id].first { !$0.isEmpty } ?? id
    }

    /// The profile values worth showing, as (key, text) pairs: a user's emails, login and status, then
    /// the top level of the resource's profile (nested values as JSON), at most 40 keys.
    static func profileFields(_ resource: C1_Connector_V2_Resource) -> [(String, String)] {
        var fields: [(String, String)] = []
        if let user = resource.annotations.pick(C1_Connector_V2_UserTrait.self) {
            if !user.emails.isEmpty { fields.append(("email", user.emails.map(\.address).joined(separator: ", "))) }
            if !user.login.isEmpty { fields.append(("login", user.login)) }
            if user.hasStatus { fields.append(("status", "\(user.status.status)")) }
        }
        if let profile = resource.effectiveProfile {
            for key in profile.fields.keys.sorted().prefix(40) {
                fields.append((key, profile.fields[key].map(valueText) ?? ""))
            }
        }
        return fields
    }

    /// The fields as a JSON array of `[key, text]` pairs.
    static func profileJSON(_ resource: C1_Connector_V2_Resource) -> String {
        "["
            + profileFields(resource).map { "[" + GoJSON.quote($0.0) + "," + GoJSON.quote($0.1) + "]" }
            .joined(separator: ",") + "]"
    }

    private static func valueText(_ value: Google_Protobuf_Value) -> String {
        switch value.kind {
        case .stringValue(let text): text
        case .boolValue(let flag): String(flag)
        case .numberValue(let number): GoJSON.number(number)
        case .nullValue, nil: ""
        default: (try? value.jsonString()) ?? ""
        }
    }
}
