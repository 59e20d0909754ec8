import Foundation

/// Parses RFC 8288 `Link` headers: `<https://x/y?page=2>; rel="next", <https://x/y?page=9>; rel="last"`.
///
/// Handles one header holding several comma-separated links (GitHub) and several `Link` header lines (Okta sends
/// each link on its own line). Commas inside `<…>` or quoted parameters do not split links.
public enum LinkHeader {
    /// One link: its target and parameters.
    public struct Link: Sendable, Equatable {
        /// The URL between `<` and `>` (not resolved against the request URL).
        public var target: String
        /// The relation types (`rel="next last"` gives two), lowercased.
        public var relations: [String]
        /// Every parameter, names lowercased, quotes removed.
        public var parameters: [String: String]
    }

    /// Every link in the given header values, in order.
    public static func links(in values: [String]) -> [Link] {
        values.flatMap(links(in:))
    }

    /// Every link in one header value, in order.
    ///
    /// The delimiters are found among Unicode scalars, not characters: a character such as U+0605 joins the `>`
    /// after it into one grapheme, which would hide the delimiter from a character search.
    public static func links(in value: String) -> [Link] {
        var links: [Link] = []
        var scanner = Substring(value).unicodeScalars
        while let open = scanner.firstIndex(of: "<") {
            let afterOpen = scanner.index(after: open)
            guard let close = scanner[afterOpen...].firstIndex(of: ">") else { break }
            let target = String(String.UnicodeScalarView(scanner[afterOpen..<close]))
                .trimmingCharacters(in: .whitespaces)
            let (parameters, rest) = parseParameters(scanner[scanner.index(after: close)...])
            let relations = (parameters["rel"] ?? "").lowercased().split(separator: " ").map(String.init)
            links.append(Link(target: target, relations: relations, parameters: parameters))
            scanner = rest
        }
        return links
    }

    /// Relation → URL for every link in the given header values (the first link of each relation wins).
    public static func parse(_ values: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for link in links(in: values) {
            for relation in link.relations where result[relation] == nil {
                result[relation] = link.target
            }
        }
        return result
    }

    /// Reads `; name=value; name="value"` up to the comma that ends the link, honouring quotes.
    private static func parseParameters(_ text: Substring.UnicodeScalarView) -> (
        [String: String], Substring.UnicodeScalarView
    ) {
        var parameters: [String: String] = [:]
        var index = text.startIndex
        var current = String.UnicodeScalarView()
        var inQuotes = false
        func flush() {
            let part = String(current).trimmingCharacters(in: .whitespaces)
            current = String.UnicodeScalarView()
            guard !part.isEmpty else { return }
            // Empty pieces kept: a parameter may be a bare `=` (`<a>;=`), which has an empty name and is dropped.
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pieces[0].trimmingCharacters(in: .whitespaces).lowercased()
            var value = pieces.count > 1 ? pieces[1].trimmingCharacters(in: .whitespaces) : ""
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            if !name.isEmpty && parameters[name] == nil { parameters[name] = value }
        }
        while index < text.endIndex {
            let scalar = text[index]
            if scalar == "\"" {
                inQuotes.toggle()
                current.append(scalar)
            } else if scalar == ";" && !inQuotes {
                flush()
            } else if scalar == "," && !inQuotes {
                flush()
                return (parameters, text[text.index(after: index)...])
            } else if scalar == "<" && !inQuotes
                && String(current).trimmingCharacters(in: .whitespaces).isEmpty
                && parameters.isEmpty
            {
                // A link without parameters followed directly by another: stop here.
                return (parameters, text[index...])
            } else {
                current.append(scalar)
            }
            index = text.index(after: index)
        }
        flush()
        return (parameters, text[text.endIndex...])
    }
}

extension HTTPResponse {
    /// Relation → URL from every `Link` header line of this response.
    public var links: [String: String] {
        LinkHeader.parse(headers.values(for: "Link"))
    }

    /// The `rel="next"` URL of the `Link` headers, if any.
    public var nextLink: String? {
        links["next"]
    }
}
