/// String escaping exactly as Go's `encoding/json` writes it.
///
/// Page tokens and checkpoint tokens are JSON written by the Go SDK and compared byte for byte by
/// some tools, so the escaping must match: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`,
/// U+2028/U+2029 are escaped, `/` is not.
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
}
