public import BatonSDK
public import Foundation

/// Paging helpers that turn an HTTP response into the next page token of the core's ``PaginationBag``.
///
/// The usual shape of a list call:
///
/// ```swift
/// var bag = try PaginationBag(token: pageToken.token)
/// if bag.current == nil { bag.push(.init(token: "", resourceTypeID: "user", resourceID: "")) }
/// let url = try bag.pageURL(orFirst: usersURL)
/// let (users, response) = try await client.decode(HTTPRequest(.get, url: url), as: [User].self)
/// let next = try bag.nextToken(fromLinkHeaderOf: response)
/// ```
extension PaginationBag {
    /// Link paging: the `rel` (default `next`) URL of the response's `Link` headers becomes the next token; no
    /// such link ends this level of the bag.
    public mutating func nextToken(fromLinkHeaderOf response: HTTPResponse, rel: String = "next")
        throws -> String
    {
        try nextToken(response.links[rel.lowercased()] ?? "")
    }

    /// Cursor paging: the cursor the body returned becomes the next token; `nil` or empty ends this level.
    public mutating func nextToken(cursor: String?) throws -> String {
        try nextToken(cursor ?? "")
    }

    /// Offset paging (`startAt`/`maxResults`, `offset`/`limit`): the next offset becomes the token while the page
    /// was full (and, when `total` is known, items remain).
    ///
    /// - Parameters:
    ///   - offset: the offset this page was requested at (see ``currentOffset()``).
    ///   - limit: the page size requested.
    ///   - received: how many items came back.
    ///   - total: the total the API reported, if it reports one.
    public mutating func nextToken(offset: Int, limit: Int, received: Int, total: Int? = nil) throws
        -> String
    {
        let next = offset + received
        let isLast = received == 0 || received < limit || total.map { next >= $0 } ?? false
        return try nextToken(isLast ? "" : String(next))
    }

    /// The offset stored in the current page token; 0 on the first page.
    ///
    /// - Throws: `BatonError` `.invalidArgument` when the token is not a non-negative integer.
    public func currentOffset() throws -> Int {
        let token = pageToken
        guard !token.isEmpty else { return 0 }
        guard let offset = Int(token), offset >= 0 else {
            throw BatonError(
                .invalidArgument, "page token corrupt: offset \"\(token)\" is not a non-negative integer")
        }
        return offset
    }

    /// The URL of the page to fetch: the URL stored in the current page token, else `first`.
    ///
    /// A stored URL must point at the same scheme, host and port as `first`: a `Link` header that sends the client
    /// elsewhere would otherwise receive its credentials.
    ///
    /// - Throws: `BatonError` `.invalidArgument` when the stored token is not such a URL.
    public func pageURL(orFirst first: URL) throws -> URL {
        let token = pageToken
        guard !token.isEmpty else { return first }
        guard let url = URL(string: token), let host = url.host else {
            throw BatonError(.invalidArgument, "page token corrupt: not a URL")
        }
        guard url.scheme?.lowercased() == first.scheme?.lowercased(),
            host.lowercased() == first.host?.lowercased(),
            url.port == first.port
        else {
            throw BatonError(
                .invalidArgument, "page token points at \(host), not at the API host \(first.host ?? "")")
        }
        return url
    }

    /// The reference's `WithNextLinkPagination` (§4.4): when the response has a `rel` link, push a state holding
    /// its URL (and the given resource type and ID) onto the bag.
    ///
    /// - Returns: whether a state was pushed.
    @discardableResult
    public mutating func pushNextLink(
        from response: HTTPResponse, rel: String = "next", resourceTypeID: String = "",
        resourceID: String = ""
    ) -> Bool {
        guard let url = response.links[rel.lowercased()] else { return false }
        push(PageState(token: url, resourceTypeID: resourceTypeID, resourceID: resourceID))
        return true
    }
}

/// Reading cursors and query values for paging.
public enum PagingCursor {
    /// The string at a key path of a JSON body (`["_links", "next", "href"]`, `["links", "next"]`), or `nil` when
    /// absent, null or empty.
    public static func string(in body: Data, at path: [String]) -> String? {
        guard var value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        else {
            return nil
        }
        for key in path {
            guard let object = value as? [String: Any], let next = object[key] else { return nil }
            value = next
        }
        switch value {
        case let text as String: return text.isEmpty ? nil : text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    /// The value of query parameter `name` in `url` (Okta's `after` in a next link, GitHub's `page`).
    public static func queryValue(_ name: String, in url: String) -> String? {
        URLComponents(string: url)?.queryItems?.first { $0.name == name }?.value
    }
}
