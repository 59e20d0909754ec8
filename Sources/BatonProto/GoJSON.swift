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

    private static let htmlEscapes: [Unicode.Scalar: String] = [
        "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u{2028}": "\\u2028", "\u{2029}": "\\u2029",
    ]
}
