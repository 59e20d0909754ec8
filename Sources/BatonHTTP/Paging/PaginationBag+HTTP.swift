public import BatonSDK
public import Foundation

/// Next-link paging over the core's ``PaginationBag``: the URL of the next page is the page token.
///
/// ``BatonHTTPClient/page(_:_:query:headers:bodyLink:bag:)`` does the whole step; these are its parts:
///
/// ```swift
/// var bag = try PaginationBag(token: pageToken.token)
/// if bag.current == nil { bag.push(.init(token: "", resourceTypeID: "user", resourceID: "")) }
/// let url = try bag.pageURL(orFirst: usersURL)
/// let (users, response) = try await client.decode(HTTPRequest(.get, url: url), as: [User].self)
/// let next = try bag.nextToken(fromNextLinkOf: response)
/// ```
extension PaginationBag {
    /// The URL of the next page becomes the next token: the response's `Link: rel="next"`, else (when `bodyLink` is
    /// given) the string at that key path of the JSON body, such as Okta's `_links.next.href`. Neither ends this
    /// level of the bag. An API may send either or both; the header is read first because it needs no parsing.
    public mutating func nextToken(fromNextLinkOf response: HTTPResponse, bodyLink: [String]? = nil)
        throws -> String
    {
        let next = response.nextLink ?? bodyLink.flatMap { Self.string(in: response.body, at: $0) }
        return try nextToken(next ?? "")
    }

    /// The URL of the page to fetch: the URL stored in the current page token, else `first`.
    ///
    /// A stored URL must point at the same scheme, host and port as `first`: a next link that sends the client
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

    /// The non-empty string at a key path of a JSON body, or nil when absent, null, empty or not JSON.
    static func string(in body: Data, at path: [String]) -> String? {
        guard var value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return nil
        }
        for key in path {
            guard let object = value as? [String: Any], let next = object[key] else { return nil }
            value = next
        }
        guard let text = value as? String, !text.isEmpty else { return nil }
        return text
    }
}
