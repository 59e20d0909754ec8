/// Reformats JSON the way Go's `json.MarshalIndent(v, "", "  ")` prints a value with its own `MarshalJSON`:
/// two-space indentation, `": "` after keys, `[]`/`{}` for empty containers, and `<`, `>`, `&`, U+2028, U+2029
/// escaped inside strings.
enum GoJSON {
    static func indent(_ json: String) -> String {
        var output = ""
        var depth = 0
        var inString = false
        var escaped = false
        let scalars = Array(json.unicodeScalars)
        var index = 0
        func newline() {
            output.append("\n")
            output.append(String(repeating: "  ", count: depth))
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if inString {
                switch scalar {
                case _ where escaped:
                    escaped = false
                    output.unicodeScalars.append(scalar)
                case "\\":
                    escaped = true
                    output.unicodeScalars.append(scalar)
                case "\"":
                    inString = false
                    output.unicodeScalars.append(scalar)
                case "<": output.append("\\u003c")
                case ">": output.append("\\u003e")
                case "&": output.append("\\u0026")
                case "\u{2028}": output.append("\\u2028")
                case "\u{2029}": output.append("\\u2029")
                default: output.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case " ", "\t", "\n", "\r":
                continue
            case "\"":
                inString = true
                output.unicodeScalars.append(scalar)
            case "{", "[":
                output.unicodeScalars.append(scalar)
                // Peek past whitespace: an empty container stays on one line.
                var next = index
                while next < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[next]) { next += 1 }
                if next < scalars.count, scalars[next] == "}" || scalars[next] == "]" {
                    output.unicodeScalars.append(scalars[next])
                    index = next + 1
                } else {
                    depth += 1
                    newline()
                }
            case "}", "]":
                depth -= 1
                newline()
                output.unicodeScalars.append(scalar)
            case ",":
                output.append(",")
                newline()
            case ":":
                output.append(": ")
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
