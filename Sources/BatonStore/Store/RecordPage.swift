/// One page of records read from a c1z, in row order.
public struct RecordPage<Item: Sendable>: Sendable {
    /// The records of this page.
    public var items: [Item]
    /// The token for the next page (the decimal row id to continue from); empty on the last page.
    public var nextPageToken: String

    public init(items: [Item], nextPageToken: String) {
        self.items = items
        self.nextPageToken = nextPageToken
    }
}

extension RecordPage: Equatable where Item: Equatable {}

/// Page sizes and tokens as the Go reader handles them.
enum Paging {
    /// The largest page a reader returns; 0 asks for this size.
    static let maxPageSize = 10_000

    static func effectiveSize(_ requested: Int) -> Int {
        requested <= 0 || requested > maxPageSize ? maxPageSize : requested
    }

    /// The first row id of the requested page, or nil for the first page.
    static func startRow(_ token: String) throws -> Int64? {
        if token.isEmpty { return nil }
        guard let row = Int64(token), row >= 0 else {
            throw C1ZError(.invalidPageToken, "c1z: invalid page token \"\(token)\"")
        }
        return row
    }
}
