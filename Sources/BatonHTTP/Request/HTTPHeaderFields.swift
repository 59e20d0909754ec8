/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// Order and repetition are kept because they carry meaning: Okta, for one, sends each `Link` on its
/// own header line, and the paging helpers read every line.
///
/// ```swift
/// var headers: HTTPHeaderFields = ["Accept": "application/json"]
/// headers.add(name: "Link", value: "<https://x/y?page=2>; rel=\"next\"")
/// headers["accept"]  // "application/json"
/// ```
public struct HTTPHeaderFields: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// One header line.
    public struct Field: Sendable, Equatable {
        /// The name as sent or received (case preserved).
        public var name: String
        /// The value, without surrounding whitespace.
        public var value: String

        /// Creates a header line.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Every header line, in order.
    public private(set) var fields: [Field]

    /// Creates header fields from lines in order.
    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// Creates header fields from `(name, value)` pairs in order.
    public init(_ pairs: [(String, String)]) {
        self.fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value for `name` (case-insensitive); setting replaces every line with that name, `nil` removes them.
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.caseInsensitiveEquals(name) }?.value }
        set {
            guard let newValue else {
                remove(name: name)
                return
            }
            guard let first = fields.firstIndex(where: { $0.name.caseInsensitiveEquals(name) }) else {
                fields.append(Field(name: name, value: newValue))
                return
            }
            // Keep the first line's position, drop the later duplicates.
            fields[first].value = newValue
            fields = fields.enumerated()
                .filter { index, field in index <= first || !field.name.caseInsensitiveEquals(name) }
                .map(\.element)
        }
    }

    /// Every value for `name` (case-insensitive), one per header line, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// Whether at least one line named `name` exists.
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.caseInsensitiveEquals(name) }
    }

    /// Appends a line, keeping existing lines with the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Removes every line named `name`.
    public mutating func remove(name: String) {
        fields.removeAll { $0.name.caseInsensitiveEquals(name) }
    }

    /// The number of header lines.
    public var count: Int { fields.count }
}

extension HTTPHeaderFields: Sequence {
    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }
}

extension String {
    /// ASCII case-insensitive comparison, which is what HTTP header names need.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return zip(utf8, other.utf8).allSatisfy { lhs, rhs in
            lhs == rhs || lhs.asciiLowercased == rhs.asciiLowercased
        }
    }
}

extension UInt8 {
    var asciiLowercased: UInt8 {
        (0x41...0x5A).contains(self) ? self + 0x20 : self
    }
}

extension HTTPHeaderFields: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The lines as `name: value`, sensitive values redacted, so printing headers cannot leak credentials.
    public var description: String {
        "[" + Redaction.redacted(self).map { "\($0.name): \($0.value)" }.joined(separator: ", ") + "]"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, unlabeledChildren: Redaction.redacted(self).map { "\($0.name): \($0.value)" })
    }
}
