/// Baton ids ("BIDs"), the textual resource references used by `--sync-resources`:
/// `bid:r:[<parent type>/<parent id>/]<type>/<id>`, with `\`, `/` and `:` escaped by a backslash.
public enum BID {
    /// Formats a resource reference.
    public static func resource(_ id: ResourceID, parent: ResourceID? = nil) -> String {
        var parts: [String] = []
        if let parent { parts += [escape(parent.resourceType), escape(parent.resource)] }
        parts += [escape(id.resourceType), escape(id.resource)]
        return "bid:r:" + parts.joined(separator: "/")
    }

    /// Parses a resource reference.
    /// - Throws: ``BatonError`` `invalidArgument` "invalid resource bid …" when malformed.
    public static func parseResource(_ text: String) throws -> (id: ResourceID, parent: ResourceID?) {
        guard text.hasPrefix("bid:r:") else {
            throw BatonError(.invalidArgument, "invalid resource bid '\(text)': expected bid:r:<type>/<id>")
        }
        let parts = try split(String(text.dropFirst(6)), original: text)
        switch parts.count {
        case 2:
            let id = ResourceID(parts[0], parts[1])
            try id.validate()
            return (id, nil)
        case 4:
            let parent = ResourceID(parts[0], parts[1])
            let id = ResourceID(parts[2], parts[3])
            try parent.validate()
            try id.validate()
            return (id, parent)
        default:
            throw BatonError(.invalidArgument, "invalid resource bid '\(text)': expected 2 or 4 parts")
        }
    }

    static func escape(_ part: String) -> String {
        var out = ""
        for ch in part {
            if ch == "\\" || ch == "/" || ch == ":" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    private static func split(_ body: String, original: String) throws -> [String] {
        var parts: [String] = []
        var current = ""
        var escaping = false
        for ch in body {
            if escaping {
                current.append(ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else if ch == "/" {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        if escaping { throw BatonError(.invalidArgument, "invalid resource bid '\(original)': dangling escape") }
        parts.append(current)
        return parts
    }
}
