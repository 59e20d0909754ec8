/// The kind of value a field holds; the raw values are the reference SDK's variant names.
public enum ConfigVariant: String, Sendable, Hashable, CaseIterable {
    case string = "StringField"
    case bool = "BoolField"
    case int = "IntField"
    case stringList = "StringSliceField"
    case stringMap = "StringMapField"

    /// The Go type name the reference uses in its "marked as required" messages.
    var goTypeName: String {
        switch self {
        case .string: "string"
        case .bool: "bool"
        case .int: "int"
        case .stringList: "[]string"
        case .stringMap: "map[string]any"
        }
    }

    /// The value type pflag shows in help output (`--file string`); empty for bools.
    var flagTypeName: String {
        switch self {
        case .string: "string"
        case .bool: ""
        case .int: "int"
        case .stringList: "strings"
        case .stringMap: "stringToString"
        }
    }

    /// The zero value of this variant.
    public var zeroValue: ConfigValue {
        switch self {
        case .string: .string("")
        case .bool: .bool(false)
        case .int: .int(0)
        case .stringList: .stringList([])
        case .stringMap: .stringMap([:])
        }
    }
}

/// A typed configuration value.
public enum ConfigValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case stringList([String])
    case stringMap([String: String])

    /// The variant this value belongs to.
    public var variant: ConfigVariant {
        switch self {
        case .string: .string
        case .bool: .bool
        case .int: .int
        case .stringList: .stringList
        case .stringMap: .stringMap
        }
    }

    /// Whether the value is "present" in the reference's sense: a non-empty string, `true`, a non-zero int, a
    /// non-empty list or map.
    public var isNonZero: Bool {
        switch self {
        case .string(let value): !value.isEmpty
        case .bool(let value): value
        case .int(let value): value != 0
        case .stringList(let value): !value.isEmpty
        case .stringMap(let value): !value.isEmpty
        }
    }

    /// The value as the command line would spell it: lists comma-joined, maps as sorted `k=v` pairs.
    var flagSpelling: String {
        switch self {
        case .string(let value): value
        case .bool(let value): String(value)
        case .int(let value): String(value)
        case .stringList(let value): value.joined(separator: ",")
        case .stringMap(let value):
            value.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }
    }
}
