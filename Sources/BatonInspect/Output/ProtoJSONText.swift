import BatonProto

/// Pieces of protobuf JSON written from stored bytes, spelled exactly as SwiftProtobuf spells them
/// (and so as ``ProtoJSON`` prints them).
enum ProtoJSONText {
    /// Annotations whose message is a single string field, by type URL: the field's JSON name. They
    /// differ on nearly every record (a grant's `V1Identifier`), so caching their text would not help.
    private static let identifierAnnotations: [String: String] = [
        "type.googleapis.com/" + C1_Connector_V2_V1Identifier.protoMessageName: "id",
        "type.googleapis.com/" + C1_Connector_V2_RawId.protoMessageName: "id",
        "type.googleapis.com/" + C1_Connector_V2_ExternalLink.protoMessageName: "url",
    ]

    /// Appends the `Any` stored in `buffer[range]` when it holds an identifier-like annotation in its
    /// plain form (type URL, then the one string field at most once). False, with nothing written,
    /// for any other `Any`.
    static func appendIdentifierAny(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>, to out: inout [UInt8])
        -> Bool
    {
        var typeURL: Range<Int>?
        var value: Range<Int>?
        var reader = ProtoWireReader(buffer, range: range)
        do {
            while let field = try reader.next() {
                guard field.number == 1 || field.number == 2 else { continue }
                guard field.wireType == 2 else { return false }
                if field.number == 1 {
                    guard typeURL == nil else { return false }
                    typeURL = field.payload
                } else {
                    guard value == nil else { return false }
                    value = field.payload
                }
            }
        } catch {
            return false
        }
        guard let typeURL, let name = identifierName(buffer[typeURL]) else { return false }
        var text: Range<Int>?
        if let value {
            var inner = ProtoWireReader(buffer, range: value)
            do {
                while let field = try inner.next() {
                    guard field.number == 1, field.wireType == 2, text == nil else { return false }
                    text = field.payload
                }
            } catch {
                return false
            }
        }
        let start = out.count
        out.append(contentsOf: #"{"@type":""#.utf8)
        out.append(contentsOf: buffer[typeURL])
        out.append(UInt8(ascii: "\""))
        if let text, !text.isEmpty {
            out.append(contentsOf: ",\"\(name)\":".utf8)
            guard appendString(buffer[text], to: &out) else {
                out.removeSubrange(start...)
                return false
            }
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// The JSON of a `Resource` stored as `buffer[range]` when it holds nothing but its `id` (a
    /// `ResourceId` of type and resource strings, each at most once), with that id; nil for any other
    /// shape.
    static func principalByID(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>)
        -> (json: [UInt8], id: C1_Connector_V2_ResourceId)?
    {
        var outer = ProtoWireReader(buffer, range: range)
        var idRange: Range<Int>?
        var type: Range<Int>?
        var resource: Range<Int>?
        do {
            while let field = try outer.next() {
                guard field.number == 1, field.wireType == 2, idRange == nil else { return nil }
                idRange = field.payload
            }
            guard let idRange else { return nil }
            var inner = ProtoWireReader(buffer, range: idRange)
            while let field = try inner.next() {
                guard field.wireType == 2 else { return nil }
                switch field.number {
                case 1 where type == nil: type = field.payload
                case 2 where resource == nil: resource = field.payload
                default: return nil
                }
            }
        } catch {
            return nil
        }
        var json = Array(#"{"id":{"#.utf8)
        var id = C1_Connector_V2_ResourceId()
        if let type, !type.isEmpty {
            json.append(contentsOf: #""resourceType":"#.utf8)
            guard appendString(buffer[type], to: &json) else { return nil }
            id.resourceType = String(decoding: buffer[type], as: UTF8.self)
        }
        if let resource, !resource.isEmpty {
            if !id.resourceType.isEmpty { json.append(UInt8(ascii: ",")) }
            json.append(contentsOf: #""resource":"#.utf8)
            guard appendString(buffer[resource], to: &json) else { return nil }
            id.resource = String(decoding: buffer[resource], as: UTF8.self)
        }
        json.append(contentsOf: "}}".utf8)
        return (json, id)
    }

    private static func identifierName(_ typeURL: Slice<UnsafeRawBufferPointer>) -> String? {
        // Type URLs are short; the check before the lookup keeps other annotations from paying for a String.
        guard typeURL.count > 20, typeURL.count < 80 else { return nil }
        return identifierAnnotations[String(decoding: typeURL, as: UTF8.self)]
    }

    /// Appends the UTF-8 string `bytes` quoted and escaped as SwiftProtobuf escapes it: `"`, `\`, the
    /// short forms `\b \t \n \f \r`, and `\u00XX` (upper-case hex) for other C0 controls, DEL and the C1 controls.
    /// False, with nothing written, when `bytes` is not valid UTF-8 (decoding would refuse it too).
    static func appendString(_ bytes: Slice<UnsafeRawBufferPointer>, to out: inout [UInt8]) -> Bool {
        if bytes.contains(where: { $0 >= 0x80 }) {
            guard let string = String(validating: bytes, as: UTF8.self) else { return false }
            out.append(UInt8(ascii: "\""))
            for scalar in string.unicodeScalars {
                if scalar.value < 0x80 {
                    appendEscaped(UInt8(scalar.value), to: &out)
                } else if scalar.value <= 0x9F {
                    appendHexEscape(UInt8(scalar.value), to: &out)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
            out.append(UInt8(ascii: "\""))
            return true
        }
        out.append(UInt8(ascii: "\""))
        if bytes.contains(where: { $0 < 0x20 || $0 == 34 || $0 == 92 || $0 == 127 }) {
            for byte in bytes {
                appendEscaped(byte, to: &out)
            }
        } else {
            out.append(contentsOf: bytes)
        }
        out.append(UInt8(ascii: "\""))
        return true
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 8: out += [0x5C, UInt8(ascii: "b")]
        case 9: out += [0x5C, UInt8(ascii: "t")]
        case 10: out += [0x5C, UInt8(ascii: "n")]
        case 12: out += [0x5C, UInt8(ascii: "f")]
        case 13: out += [0x5C, UInt8(ascii: "r")]
        case 34: out += [0x5C, 34]
        case 92: out += [0x5C, 92]
        case 0...31, 127: appendHexEscape(byte, to: &out)
        default: out.append(byte)
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func appendHexEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 15)])
    }
}
