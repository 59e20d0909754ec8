/// Offset paging (`startAt`/`maxResults`, `offset`/`limit`) with the offset as the page token.
///
/// It follows what the service says, never the page size it was asked for: a server may cap a page below the
/// request, so a short page is not the last one. `isLast` decides when the service sends it, else `total`;
/// without either, the list ends on an empty page.
///
/// ```swift
/// let startAt = try OffsetPaging.offset(request.pageToken)
/// let page = try await client.groups(startAt: startAt)
/// let next = OffsetPaging.nextToken(
///     offset: startAt, received: page.values.count, isLast: page.isLast, total: page.total)
/// ```
public enum OffsetPaging {
    /// The offset a page token stands for; 0 for the first page (an empty token).
    ///
    /// - Throws: `BatonError` `.invalidArgument` "page token corrupt: …" when the token is not a non-negative
    ///   integer up to ``maxOffset``.
    public static func offset(_ pageToken: String) throws -> Int {
        guard !pageToken.isEmpty else { return 0 }
        guard let offset = Int(pageToken), offset >= 0 else {
            throw BatonError(
                .invalidArgument, "page token corrupt: offset \"\(pageToken.prefix(40))\" is not a non-negative integer"
            )
        }
        guard offset <= maxOffset else {
            throw BatonError(.invalidArgument, "page token corrupt: offset \(offset) is out of range")
        }
        return offset
    }

    /// The largest offset a token may hold (2³¹ - 1, the services' own limit): beyond any listing, and far enough
    /// from `Int.max` that the next offset cannot overflow.
    public static let maxOffset = Int(Int32.max)

    /// The token of the page after one requested at `offset` that returned `received` items; "" at the end.
    ///
    /// - Parameters:
    ///   - offset: the offset this page was requested at.
    ///   - received: how many items the page held.
    ///   - isLast: the service's own "last page" flag, if it sends one.
    ///   - total: the total the service reported, if it reports one.
    public static func nextToken(offset: Int, received: Int, isLast: Bool? = nil, total: Int? = nil) -> String {
        let next = offset + received
        if received == 0 { return "" }
        if let isLast { return isLast ? "" : String(next) }
        if let total { return next >= total ? "" : String(next) }
        return String(next)
    }
}

extension PaginationBag {
    /// The offset stored in the current page token; 0 on the first page (see ``OffsetPaging/offset(_:)``).
    public func currentOffset() throws -> Int {
        try OffsetPaging.offset(pageToken)
    }

    /// Offset paging within a bag level: the next offset becomes the token, the end pops the level (see
    /// ``OffsetPaging/nextToken(offset:received:isLast:total:)``).
    public mutating func nextToken(offset: Int, received: Int, isLast: Bool? = nil, total: Int? = nil) throws
        -> String
    {
        try nextToken(OffsetPaging.nextToken(offset: offset, received: received, isLast: isLast, total: total))
    }
}
