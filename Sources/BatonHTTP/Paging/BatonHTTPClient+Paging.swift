public import BatonSDK

extension BatonHTTPClient {
    /// One page of a list paged by next links (Okta, GitHub, most REST APIs).
    ///
    /// The bag's current token is the URL of the page to fetch; empty means the first page: `path` with `query`
    /// (put the page size there). The returned token is the bag after this page: see
    /// `PaginationBag.nextToken(fromNextLinkOf:bodyLink:)`.
    ///
    /// ```swift
    /// var bag = try PaginationBag(token: request.pageToken)
    /// if bag.current == nil { bag.push(.init(resourceTypeID: "user")) }
    /// let (users, next) = try await http.page([User].self, "/api/v1/users", query: [("limit", "200")], bag: &bag)
    /// ```
    ///
    /// - Parameters:
    ///   - type: the type a page's body decodes to (an array, or an envelope around one).
    ///   - path: the first page's path after the base URL, starting with `/`.
    ///   - query: the first page's query items; later pages' next links carry their own.
    ///   - headers: headers beyond the configured defaults.
    ///   - bodyLink: where the body carries its next link (`["_links", "next", "href"]`), for APIs that
    ///     send it there instead of, or as well as, in a `Link` header.
    ///   - bag: the page state: the current page's URL in, the next page's out.
    /// - Throws: `BatonError` as ``send(_:answering:)``, or `.invalidArgument` for a token that is not a URL on
    ///   the service's host.
    public func page<Body: Decodable>(
        _ type: Body.Type, _ path: String, query: [(String, String)] = [], headers: HTTPHeaderFields = [:],
        bodyLink: [String]? = nil, bag: inout PaginationBag
    ) async throws -> (items: Body, next: String) {
        let isFirst = bag.pageToken.isEmpty
        let request = HTTPRequest(
            .get, url: try bag.pageURL(orFirst: url(path)), query: isFirst ? query : [], headers: headers)
        let response = try await send(request)
        return (try response.decodeJSON(Body.self), try bag.nextToken(fromNextLinkOf: response, bodyLink: bodyLink))
    }
}
