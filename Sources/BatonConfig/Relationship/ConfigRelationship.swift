/// A constraint between fields, checked by ``ResolvedConfig/validate()`` and exported as a `c1.config.v1.Constraint`.
///
/// A field counts as present when it was set explicitly (flag, environment or file) to a non-zero value. The
/// constructors keep the reference's names; the schema checks them (at least two distinct fields, no duplicates,
/// no required field among mutually exclusive ones, no overlap for ``dependentOn(_:required:)``) and throws
/// ``ConfigError/Code-swift.struct/invalidSchema`` otherwise.
///
/// ```swift
/// let relationships: [ConfigRelationship] = [
///     .requiredTogether(clientID, clientSecret),
///     .mutuallyExclusive(apiToken, privateKey),
///     .dependentOn([installationID], required: [appID]),
/// ]
/// ```
public struct ConfigRelationship: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// All or none of the fields are present.
        case requiredTogether
        /// At most one of the fields is present.
        case mutuallyExclusive
        /// At least one of the fields is present.
        case atLeastOne
        /// If any of the fields is present, every one of the required fields is present.
        case dependentOn
    }

    public let kind: Kind
    /// The constrained field names (for ``Kind/dependentOn``: the dependent fields).
    public let fields: [String]
    /// For ``Kind/dependentOn``: the fields the dependent fields need; empty otherwise.
    public let requiredFields: [String]

    /// Creates a relationship between field names.
    public init(kind: Kind, fields: [String], requiredFields: [String] = []) {
        self.kind = kind
        self.fields = fields
        self.requiredFields = requiredFields
    }

    /// Valid when all or none of `fields` are present.
    public static func requiredTogether(_ fields: ConfigField...) -> ConfigRelationship {
        ConfigRelationship(kind: .requiredTogether, fields: fields.map(\.name))
    }

    /// Valid when at most one of `fields` is present.
    public static func mutuallyExclusive(_ fields: ConfigField...) -> ConfigRelationship {
        ConfigRelationship(kind: .mutuallyExclusive, fields: fields.map(\.name))
    }

    /// Valid when at least one of `fields` is present.
    public static func atLeastOne(_ fields: ConfigField...) -> ConfigRelationship {
        ConfigRelationship(kind: .atLeastOne, fields: fields.map(\.name))
    }

    /// Valid when none of `fields` is present, or all of `required` are.
    public static func dependentOn(_ fields: [ConfigField], required: [ConfigField]) -> ConfigRelationship {
        ConfigRelationship(kind: .dependentOn, fields: fields.map(\.name), requiredFields: required.map(\.name))
    }
}

extension ConfigRelationship {
    /// Checks the relationship's shape against the schema's fields; returns a message when it is unusable.
    func construction(in fieldsByName: [String: ConfigField]) -> String? {
        let label = "invalid \(kind.rawValue) relationship \(OxfordList.quoted(fields + requiredFields))"
        for name in fields + requiredFields where fieldsByName[name] == nil {
            return "\(label): unknown field '\(name)'"
        }
        if Set(fields).count != fields.count || Set(requiredFields).count != requiredFields.count {
            return "\(label): a field is listed twice"
        }
        switch kind {
        case .requiredTogether, .atLeastOne:
            if fields.count < 2 { return "\(label): needs at least two fields" }
        case .mutuallyExclusive:
            if fields.count < 2 { return "\(label): needs at least two fields" }
            if let required = fields.first(where: { fieldsByName[$0]?.isRequired == true }) {
                return "\(label): required field '\(required)' cannot be mutually exclusive"
            }
        case .dependentOn:
            if fields.isEmpty || requiredFields.isEmpty {
                return "\(label): needs dependent fields and required fields"
            }
            if let overlap = fields.first(where: requiredFields.contains) {
                return "\(label): field '\(overlap)' cannot depend on itself"
            }
        }
        return nil
    }

    /// The reference's error text when the relationship is violated by the `present` field names, else `nil`.
    func violation(present: Set<String>) -> String? {
        let setFields = fields.filter(present.contains)
        let missingFields = fields.filter { !present.contains($0) }
        switch kind {
        case .mutuallyExclusive where setFields.count > 1:
            return "fields marked as mutually exclusive were set: \(OxfordList.quoted(setFields))"
        case .requiredTogether where !setFields.isEmpty && !missingFields.isEmpty:
            return "fields marked as needed together are missing: \(OxfordList.quoted(missingFields))"
        case .atLeastOne where setFields.isEmpty:
            return "at least one field was expected, any of: \(OxfordList.quoted(missingFields))"
        case .dependentOn where !setFields.isEmpty:
            let missingRequired = requiredFields.filter { !present.contains($0) }
            if missingRequired.isEmpty { return nil }
            return "set fields \(OxfordList.quoted(setFields)) are dependent on "
                + "\(OxfordList.quoted(missingRequired)) being set"
        default:
            return nil
        }
    }
}

/// The reference's list formatting: single-quoted items in parentheses, joined as an Oxford list.
enum OxfordList {
    /// `('a')`, `('a' and 'b')`, `('a', 'b', and 'c')`; `()` for no items.
    static func quoted(_ items: [String]) -> String {
        let quoted = items.map { "'\($0)'" }
        let body: String
        switch quoted.count {
        case 0: body = ""
        case 1: body = quoted[0]
        case 2: body = "\(quoted[0]) and \(quoted[1])"
        default: body = quoted.dropLast().joined(separator: ", ") + ", and " + quoted[quoted.count - 1]
        }
        return "(\(body))"
    }
}
