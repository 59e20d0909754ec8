public import Foundation

/// Any JSON value: open-ended upstream data (an Okta profile's custom attributes), or a document compared
/// structurally (whitespace and key order do not matter).
///
/// ```swift
/// let body = try JSONValue.parse(#"{"profile":{"email":"ada@acme.com"}}"#)
/// let email = body["profile"]?["email"]?.stringValue
/// ```
public enum JSONValue: Decodable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Swift.Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses JSON text.
    ///
    /// - Throws: the `DecodingError` of a text that is not JSON.
    public static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The member named `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string, or nil for anything else (an empty string is kept).
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The protobuf `Value` of this JSON value, as resource profiles store it.
    public var protobufValue: Google_Protobuf_Value {
        switch self {
        case .null: Google_Protobuf_Value(nilLiteral: ())
        case .bool(let value): Google_Protobuf_Value(boolValue: value)
        case .number(let value): Google_Protobuf_Value(numberValue: value)
        case .string(let value): Google_Protobuf_Value(stringValue: value)
        case .array(let values):
            Google_Protobuf_Value(listValue: Google_Protobuf_ListValue(values: values.map(\.protobufValue)))
        case .object(let fields):
            Google_Protobuf_Value(structValue: Google_Protobuf_Struct(fields: fields.mapValues(\.protobufValue)))
        }
    }
}
