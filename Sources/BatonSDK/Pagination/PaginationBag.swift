import Foundation

/// A stack of page states serialised into one opaque page token, byte-compatible with the Go
/// SDK's `pagination.Bag`.
///
/// Connectors use it to walk nested listings (for example: every team of every org) with a single
/// token. The JSON it produces is exactly Go's `encoding/json` output, including the difference
/// between `"states":null` (never pushed) and `"states":[]` (pushed and popped again).
///
/// ```swift
/// var bag = try PaginationBag(token: request.pageToken)
/// if bag.current == nil { bag.push(.init(resourceTypeID: "user")) }
/// let page = try await api.users(cursor: bag.pageToken)
/// let next = try bag.nextToken(page.nextCursor ?? "")
/// ```
public struct PaginationBag: Sendable, Equatable {
    /// One level of the stack: an upstream cursor plus what it is a cursor of.
    public struct PageState: Sendable, Equatable, Hashable {
        /// The upstream page token, cursor or URL; empty for "first page".
        public var token: String
        /// JSON key `type`.
        public var resourceTypeID: String
        /// JSON key `id`.
        public var resourceID: String

        public init(token: String = "", resourceTypeID: String = "", resourceID: String = "") {
            self.token = token
            self.resourceTypeID = resourceTypeID
            self.resourceID = resourceID
        }
    }

    /// States below the current one, oldest first; `nil` until something was pushed beneath.
    public private(set) var states: [PageState]?
    /// The top of the stack.
    public private(set) var current: PageState?

    /// An empty bag.
    public init() {}

    /// Restores a bag from a token produced by ``marshal()`` (here or by the Go SDK).
    /// - Throws: ``BatonError`` `invalidArgument` "page token corrupt: …" for malformed tokens.
    public init(token: String) throws {
        guard !token.isEmpty else { return }
        do {
            let decoded = try JSONDecoder().decode(Serialized.self, from: Data(token.utf8))
            states = decoded.states?.map(\.state)
            current = decoded.current_state?.state
        } catch {
            throw BatonError(.invalidArgument, "page token corrupt: \(Self.describe(error))")
        }
    }

    /// Pushes `state` on top of the stack.
    public mutating func push(_ state: PageState) {
        if let current {
            states = (states ?? []) + [current]
        }
        current = state
    }

    /// Removes and returns the top state.
    @discardableResult
    public mutating func pop() -> PageState? {
        let top = current
        if var rest = states, let last = rest.popLast() {
            states = rest
            current = last
        } else {
            current = nil
        }
        return top
    }

    /// Replaces the top state's token with `pageToken`, or pops it when `pageToken` is empty.
    /// - Throws: ``BatonError`` `invalidArgument` "no active page state" on an empty bag.
    public mutating func next(_ pageToken: String) throws {
        guard var top = pop() else {
            throw BatonError(.invalidArgument, "no active page state")
        }
        if !pageToken.isEmpty {
            top.token = pageToken
            push(top)
        }
    }

    /// Advances like ``next(_:)`` and returns the marshalled token ("" when everything is done).
    ///
    /// On an empty bag this stores `pageToken` as the only state, like the reference (which
    /// therefore returns `{"states":null,"current_state":{}}` for an empty token).
    public mutating func nextToken(_ pageToken: String) throws -> String {
        if current == nil {
            current = PageState(token: pageToken)
            return marshal()
        }
        try next(pageToken)
        return marshal()
    }

    /// The top state's token, or "".
    public var pageToken: String { current?.token ?? "" }
    /// The top state's resource type id, or "".
    public var resourceTypeID: String { current?.resourceTypeID ?? "" }
    /// The top state's resource id, or "".
    public var resourceID: String { current?.resourceID ?? "" }

    /// The token for this bag: "" when empty, else the Go-compatible JSON.
    public func marshal() -> String {
        guard let current else { return "" }
        var out = "{\"states\":"
        if let states {
            out += "[" + states.map(Self.encode).joined(separator: ",") + "]"
        } else {
            out += "null"
        }
        out += ",\"current_state\":" + Self.encode(current) + "}"
        return out
    }

    private static func encode(_ state: PageState) -> String {
        var fields: [String] = []
        if !state.token.isEmpty { fields.append("\"token\":" + GoJSON.quote(state.token)) }
        if !state.resourceTypeID.isEmpty { fields.append("\"type\":" + GoJSON.quote(state.resourceTypeID)) }
        if !state.resourceID.isEmpty { fields.append("\"id\":" + GoJSON.quote(state.resourceID)) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.typeMismatch(_, let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "missing key \(key.stringValue)"
        case DecodingError.valueNotFound(_, let context): return context.debugDescription
        default: return "\(error)"
        }
    }

    // Field names follow the reference JSON, not Swift style.
    private struct Serialized: Decodable {
        var states: [SerializedState]?
        var current_state: SerializedState?
    }

    private struct SerializedState: Decodable {
        var token: String?
        var type: String?
        var id: String?
        var state: PageState { PageState(token: token ?? "", resourceTypeID: type ?? "", resourceID: id ?? "") }
    }
}
