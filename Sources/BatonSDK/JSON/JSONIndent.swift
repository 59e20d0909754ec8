/// Re-indents compact JSON text the way Go's `json.Indent` does, keeping key order and tokens.
///
/// Used for output that must match the Go tools' files (`baton_capabilities.json`, the config
/// schema): `"key": value`, one element per line, `{}` and `[]` for empty containers.
public enum JSONIndent {
    /// Returns `json` re-indented with `indent` per level. The input must be valid JSON.
    public static func indent(_ json: String, indent: String = "  ") -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        var pendingOpen: Character?  // an opener whose first child has not been seen yet

        func newline() {
            out.append("\n")
            for _ in 0..<depth { out.append(indent) }
        }

        for ch in json {
            if inString {
                out.append(ch)
                if escaped {
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else if ch == "\"" {
                    inString = false
                }
                continue
            }
            if ch == " " || ch == "\n" || ch == "\t" || ch == "\r" { continue }
            if let open = pendingOpen {
                pendingOpen = nil
                if (open == "{" && ch == "}") || (open == "[" && ch == "]") {
                    out.append(ch)
                    continue
                }
                depth += 1
                newline()
            }
            switch ch {
            case "{", "[":
                out.append(ch)
                pendingOpen = ch
            case "}", "]":
                depth -= 1
                newline()
                out.append(ch)
            case ",":
                out.append(",")
                newline()
            case ":":
                out.append(": ")
            case "\"":
                inString = true
                out.append(ch)
            default:
                out.append(ch)
            }
        }
        return out
    }
}
