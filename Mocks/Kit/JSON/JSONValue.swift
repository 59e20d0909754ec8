// The mocks read request bodies as BatonJSON's `JSONValue`; re-exporting it spares each mock an import.
@_exported public import BatonJSON

extension JSONWriter {
    /// Writes a parsed JSON value; object members are written in sorted key order so output is stable.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let number): double(number)
        case .string(let text): string(text)
        case .array(let elements):
            array { writer in
                for element in elements { writer.value(element) }
            }
        case .object(let members):
            object { writer in
                for key in members.keys.sorted() {
                    writer.key(key)
                    writer.value(members[key] ?? .null)
                }
            }
        }
    }
}
