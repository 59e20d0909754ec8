/// Validation rules for one field; the case must match the field's variant.
///
/// The rules mirror `c1.config.v1`'s `StringRules`, `Int64Rules`, `BoolRules`, `RepeatedStringRules` and
/// `StringMapRules`. Whether a field is required is a property of the field (``ConfigField/isRequired``), not of
/// its rules. As in the reference, a zero value skips every rule unless `validateEmpty` is set.
public enum FieldRules: Sendable, Hashable {
    case none
    case string(StringRules)
    case int(IntRules)
    case bool(BoolRules)
    case stringList(StringListRules)
    case stringMap(StringMapRules)

    var asString: StringRules? { if case .string(let rules) = self { rules } else { nil } }
    var asInt: IntRules? { if case .int(let rules) = self { rules } else { nil } }
    var asBool: BoolRules? { if case .bool(let rules) = self { rules } else { nil } }
    var asStringList: StringListRules? { if case .stringList(let rules) = self { rules } else { nil } }
    var asStringMap: StringMapRules? { if case .stringMap(let rules) = self { rules } else { nil } }

    /// The variant these rules apply to, or `nil` for ``none``.
    var variant: ConfigVariant? {
        switch self {
        case .none: nil
        case .string: .string
        case .int: .int
        case .bool: .bool
        case .stringList: .stringList
        case .stringMap: .stringMap
        }
    }
}

/// Well-known string formats a string field can be checked against.
public enum WellKnownString: String, Sendable, Hashable, CaseIterable {
    case email
    case hostname
    case ip
    case ipv4
    case ipv6
    case uri
    /// A hostname or an IP address.
    case address
    case uuid
}

/// Rules for a string field (and for each item of a string list).
public struct StringRules: Sendable, Hashable {
    /// The value must equal this.
    public var eq: String?
    /// The value must be exactly this many characters long.
    public var len: Int?
    /// The value must be at least this many characters long.
    public var minLen: Int?
    /// The value must be at most this many characters long.
    public var maxLen: Int?
    /// The value must contain a match of this regular expression (unanchored, like Go's `MatchString`).
    public var pattern: String?
    public var prefix: String?
    public var suffix: String?
    public var contains: String?
    public var notContains: String?
    /// The value must be one of these (`in` in the schema).
    public var oneOf: [String]
    /// The value must not be one of these (`not_in` in the schema).
    public var noneOf: [String]
    public var wellKnown: WellKnownString?
    /// Apply the rules to the empty string too.
    public var validateEmpty: Bool

    public init(
        eq: String? = nil, len: Int? = nil, minLen: Int? = nil, maxLen: Int? = nil, pattern: String? = nil,
        prefix: String? = nil, suffix: String? = nil, contains: String? = nil, notContains: String? = nil,
        oneOf: [String] = [], noneOf: [String] = [], wellKnown: WellKnownString? = nil, validateEmpty: Bool = false
    ) {
        self.eq = eq
        self.len = len
        self.minLen = minLen
        self.maxLen = maxLen
        self.pattern = pattern
        self.prefix = prefix
        self.suffix = suffix
        self.contains = contains
        self.notContains = notContains
        self.oneOf = oneOf
        self.noneOf = noneOf
        self.wellKnown = wellKnown
        self.validateEmpty = validateEmpty
    }
}

/// Rules for an int field.
public struct IntRules: Sendable, Hashable {
    public var eq: Int?
    public var lt: Int?
    public var lte: Int?
    public var gt: Int?
    public var gte: Int?
    /// The value must be one of these (`in` in the schema).
    public var oneOf: [Int]
    /// The value must not be one of these (`not_in` in the schema).
    public var noneOf: [Int]
    /// Apply the rules to zero too.
    public var validateEmpty: Bool

    public init(
        eq: Int? = nil, lt: Int? = nil, lte: Int? = nil, gt: Int? = nil, gte: Int? = nil, oneOf: [Int] = [],
        noneOf: [Int] = [], validateEmpty: Bool = false
    ) {
        self.eq = eq
        self.lt = lt
        self.lte = lte
        self.gt = gt
        self.gte = gte
        self.oneOf = oneOf
        self.noneOf = noneOf
        self.validateEmpty = validateEmpty
    }
}

/// Rules for a bool field.
public struct BoolRules: Sendable, Hashable {
    public var eq: Bool?

    public init(eq: Bool? = nil) {
        self.eq = eq
    }
}

/// Rules for a string-list field.
public struct StringListRules: Sendable, Hashable {
    public var minItems: Int?
    public var maxItems: Int?
    /// No item may appear twice.
    public var unique: Bool
    /// Rules every item must satisfy.
    public var itemRules: StringRules?
    /// Apply the rules to the empty list too.
    public var validateEmpty: Bool

    public init(
        minItems: Int? = nil, maxItems: Int? = nil, unique: Bool = false, itemRules: StringRules? = nil,
        validateEmpty: Bool = false
    ) {
        self.minItems = minItems
        self.maxItems = maxItems
        self.unique = unique
        self.itemRules = itemRules
        self.validateEmpty = validateEmpty
    }
}

/// Rules for a string-map field.
public struct StringMapRules: Sendable, Hashable {
    public var validateEmpty: Bool

    public init(validateEmpty: Bool = false) {
        self.validateEmpty = validateEmpty
    }
}
