import Foundation

/// Helpers over a record's `annotations` (`[Google_Protobuf_Any]`).
///
/// Annotations of types this build does not know are kept untouched: a record read from a newer
/// file and written back must not lose them.
extension Array where Element == Google_Protobuf_Any {
    /// Builds a list from messages.
    public init(_ messages: [any SwiftProtobuf.Message]) throws {
        self = try messages.map { try Google_Protobuf_Any(deterministicMessage: $0) }
    }

    /// Appends `message` (duplicates of the same type are allowed, as in the reference).
    public mutating func append(_ message: some SwiftProtobuf.Message) throws {
        append(try Google_Protobuf_Any(deterministic: message))
    }

    /// Replaces every annotation of `message`'s type with `message`, or appends it.
    public mutating func update(_ message: some SwiftProtobuf.Message) throws {
        let any = try Google_Protobuf_Any(deterministic: message)
        let url = any.typeURL
        if let first = firstIndex(where: { $0.typeURL == url }) {
            self[first] = any
            var index = first + 1
            while index < count {
                if self[index].typeURL == url { remove(at: index) } else { index += 1 }
            }
        } else {
            append(any)
        }
    }

    /// The first annotation of type `type`, decoded; `nil` if absent or undecodable.
    public func pick<M: SwiftProtobuf.Message>(_ type: M.Type) -> M? {
        for any in self where any.holds(type) {
            if let message = try? M(unpackingAny: any) { return message }
        }
        return nil
    }

    /// Every annotation of type `type`, decoded.
    public func all<M: SwiftProtobuf.Message>(_ type: M.Type) -> [M] {
        compactMap { $0.holds(type) ? try? M(unpackingAny: $0) : nil }
    }

    /// Whether an annotation of type `type` is present.
    public func contains<M: SwiftProtobuf.Message>(_ type: M.Type) -> Bool {
        contains { $0.holds(type) }
    }

    /// Removes every annotation of type `type`; returns how many were removed.
    @discardableResult
    public mutating func removeAll<M: SwiftProtobuf.Message>(_ type: M.Type) -> Int {
        let before = count
        removeAll { $0.holds(type) }
        return before - count
    }
}

extension Google_Protobuf_Any {
    /// Whether this Any carries a `type` message: the type URL's last path segment is its full name.
    ///
    /// Same answer as SwiftProtobuf's `isA`, without copying that segment into a new string on every
    /// call (every record's annotations are searched several times on the way to the store).
    public func holds<M: SwiftProtobuf.Message>(_ type: M.Type) -> Bool {
        let url = typeURL.utf8
        let name = M.protoMessageName.utf8
        let prefix = url.count - name.count
        guard prefix >= 0 else { return false }
        let start = url.index(url.startIndex, offsetBy: prefix)
        guard url[start...].elementsEqual(name) else { return false }
        return prefix == 0 || url[url.index(before: start)] == UInt8(ascii: "/")
    }

    /// The full message name this Any carries (`c1.connector.v2.UserTrait`), from its type URL.
    public var messageName: String {
        guard let slash = typeURL.lastIndex(of: "/") else { return typeURL }
        return String(typeURL[typeURL.index(after: slash)...])
    }
}
