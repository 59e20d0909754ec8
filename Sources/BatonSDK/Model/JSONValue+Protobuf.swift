// Connectors read open-ended upstream JSON as BatonJSON's `JSONValue`; re-exporting it spares each an import.
@_exported public import BatonJSON

extension JSONValue {
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
