/// JSON text exactly as Go's `encoding/json` writes it.
///
/// Page tokens, checkpoint tokens, `baton_capabilities.json` and the config schema are JSON written
/// by the Go tools and compared byte for byte, so quoting and indentation must match: `<`, `>` and
/// `&` become `\u003c`, `\u003e`, `\u0026`, U+2028/U+2029 are escaped, `/` is not.
public enum GoJSON {
    /// Returns `string` as a quoted Go-style JSON string literal.
    public static func quote(_ string: String) -> String {
        var out = "\""
        out.reserveCapacity(string.utf8.count + 2)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Go 1.22+ writes the short forms for backspace and form feed.
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + hex2(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    private static func hex2(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(value >> 4)], digits[Int(value & 0xF)]])
    }

    /// Re-indents compact JSON like Go: `"key": value`, one element per line, `{}`/`[]` for empty
    /// containers, key order and tokens kept.
    ///
    /// - Parameters:
    ///   - escapeHTML: also escape `<`, `>`, `&`, U+2028 and U+2029 inside strings, as
    ///     `json.MarshalIndent` does to a value's own `MarshalJSON` output (`json.Indent` does not).
    public static func indent(_ json: String, indent unit: String = "  ", escapeHTML: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        var pendingOpen: Unicode.Scalar?  // an opener whose first child has not been seen yet

        func newline() {
            out.append("\n")
            for _ in 0..<depth { out.append(unit) }
        }

        for scalar in json.unicodeScalars {
            if inString {
                if escaped {
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    inString = false
                } else if escapeHTML, let replacement = htmlEscapes[scalar] {
                    out += replacement
                    continue
                }
                out.unicodeScalars.append(scalar)
                continue
            }
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" { continue }
            if let open = pendingOpen {
                pendingOpen = nil
                if (open == "{" && scalar == "}") || (open == "[" && scalar == "]") {
                    out.unicodeScalars.append(scalar)
                    continue
                }
                depth += 1
                newline()
            }
            switch scalar {
            case "{", "[":
                out.unicodeScalars.append(scalar)
                pendingOpen = scalar
            case "}", "]":
                depth -= 1
                newline()
                out.unicodeScalars.append(scalar)
            case ",":
                out.append(",")
                newline()
            case ":":
                out.append(": ")
            case "\"":
                inString = true
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `value` spelled as Go's protojson spells a double: the shortest digits that round-trip, in
    /// plain notation from 1e-6 up to 1e21 and in exponent notation outside it, with no `.0` on
    /// integral values (`1`, `0.5`, `1e+21`, `1e-7`). Non-finite values are not numbers in JSON;
    /// they come back as Swift spells them.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.description }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        // Swift's `description` already holds the shortest round-trip digits; only the layout differs.
        let text = value.magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        var digits = Array(parts[0].utf8)
        var point = digits.firstIndex(of: UInt8(ascii: ".")) ?? digits.count
        digits.removeAll { $0 == UInt8(ascii: ".") }
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        // The value is 0.<digits> × 10^position.
        let position = point + exponent
        let zero = UInt8(ascii: "0")
        var out: [UInt8] = value.sign == .minus ? [UInt8(ascii: "-")] : []
        if value.magnitude < 1e-6 || value.magnitude >= 1e21 {
            out.append(digits[0])
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out += digits[1...]
            }
            let power = position - 1
            // Go pads a positive exponent to two digits and trims a negative one's leading zero.
            out += Array((power < 0 ? "e-\(-power)" : power < 10 ? "e+0\(power)" : "e+\(power)").utf8)
        } else if position <= 0 {
            out += Array("0.".utf8) + [UInt8](repeating: zero, count: -position) + digits
        } else if position >= digits.count {
            out += digits + [UInt8](repeating: zero, count: position - digits.count)
        } else {
            out += digits[..<position] + [UInt8(ascii: ".")] + digits[position...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `json` with every fractional or exponent number token re-spelled by ``number(_:)``; strings,
    /// keys, integers and whitespace are left as they are. SwiftProtobuf writes a
    /// `google.protobuf.Value`'s integral numbers as `1.0`, where Go writes `1`.
    public static func goNumbers(_ json: String) -> String {
        // A fractional or exponent number has a digit followed by `.`, `e` or `E`; most texts have none
        // and are returned as they are without a second pass.
        let mayHaveFractions =
            json.utf8.withContiguousStorageIfAvailable { bytes in
                var previousIsDigit = false
                for byte in bytes {
                    if previousIsDigit,
                        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                    {
                        return true
                    }
                    previousIsDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                }
                return false
            } ?? true
        guard mayHaveFractions else { return json }
        var utf8 = json.utf8.makeIterator()
        var out: [UInt8] = []
        var token: [UInt8] = []
        var changed = false
        var inString = false
        var escaped = false
        func flush() {
            guard !token.isEmpty else { return }
            defer { token.removeAll(keepingCapacity: true) }
            let fractional = token.contains {
                $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
            }
            if fractional, let value = Double(String(decoding: token, as: UTF8.self)) {
                let spelled = Array(number(value).utf8)
                if spelled != token {
                    out += spelled
                    changed = true
                    return
                }
            }
            out += token
        }
        out.reserveCapacity(json.utf8.count)
        while let byte = utf8.next() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                out.append(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                token.append(byte)
            default:
                flush()
                if byte == UInt8(ascii: "\"") { inString = true }
                out.append(byte)
            }
        }
        flush()
        return changed ? String(decoding: out, as: UTF8.self) : json
    }

    private static let htmlEscapes: [Unicode.Scalar: String] = [
        "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u{2028}": "\\u2028", "\u{2029}": "\\u2029",
    ]
}
