public import BatonSDK
public import Foundation

/// The service-client layer: a connector's client names endpoints by path, and these helpers add the
/// configured ``Configuration/baseURL``, ``Configuration/defaultHeaders`` and error mapping.
///
/// ```swift
/// var configuration = http
/// configuration.baseURL = URL(string: "https://acme.okta.com")
/// configuration.defaultHeaders = ["Accept": "application/json"]
/// let client = BatonHTTPClient(configuration: configuration, authenticator: .ssws(token))
/// let group = try await client.find(OktaGroup.self, "/api/v1/groups/\(BatonHTTPClient.pathSegment(id))")
/// ```
extension BatonHTTPClient {
    /// `path` (starting with `/`, possibly with a query) appended to ``Configuration/baseURL``.
    public func url(_ path: String) -> URL {
        let base = configuration.baseURL?.absoluteString ?? ""
        return URL(string: base + path) ?? configuration.baseURL ?? URL(filePath: "/")
    }

    /// Characters a path segment keeps as they are: RFC 3986's unreserved ones and `@` (Okta logins).
    private static let segmentCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~@")

    /// One value (an id, a login, a slug) as a single path segment: `/`, `?`, `#`, `+` and anything else that
    /// could change the path are percent-encoded.
    public static func pathSegment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? value
    }

    /// Sends `method path` to the service.
    ///
    /// - Parameters:
    ///   - method: the request method.
    ///   - path: the path after the base URL, starting with `/`.
    ///   - query: query items, in order.
    ///   - headers: headers beyond the configured defaults.
    ///   - body: the request body.
    ///   - noCache: bypass the GET cache (a read that decides a write).
    ///   - isIdempotent: overrides the idempotency derived from the method (see ``HTTPRequest/isIdempotent``).
    ///   - isAnswer: a refusal that is an answer, returned instead of thrown (see ``send(_:answering:)``).
    /// - Throws: `BatonError` as ``send(_:answering:)``.
    @discardableResult
    public func send(
        _ method: HTTPRequest.Method, _ path: String, query: [(String, String)] = [], headers: HTTPHeaderFields = [:],
        body: HTTPRequest.Body = .none, noCache: Bool = false, isIdempotent: Bool? = nil,
        answering isAnswer: (HTTPResponse) -> Bool = { _ in false }
    ) async throws -> HTTPResponse {
        let request = HTTPRequest(
            method, url: url(path), query: query, headers: headers, body: body, isIdempotent: isIdempotent,
            noCache: noCache)
        return try await send(request, answering: isAnswer)
    }

    /// `GET path`, decoded; the parameters are those of ``send(_:_:query:headers:body:noCache:isIdempotent:answering:)``.
    public func get<T: Decodable>(
        _ type: T.Type, _ path: String, query: [(String, String)] = [], headers: HTTPHeaderFields = [:],
        noCache: Bool = false
    ) async throws -> T {
        try await send(.get, path, query: query, headers: headers, noCache: noCache).decodeJSON(T.self)
    }

    /// `GET path`, decoded, or nil when the service says the object does not exist.
    ///
    /// - Parameters:
    ///   - type: the type the body decodes to.
    ///   - path: the path after the base URL, starting with `/`.
    ///   - query: query items, in order.
    ///   - headers: headers beyond the configured defaults.
    ///   - noCache: bypass the GET cache (a read that decides a write).
    ///   - isMissing: which refusals mean "no such object"; a 404 by default.
    public func find<T: Decodable>(
        _ type: T.Type, _ path: String, query: [(String, String)] = [], headers: HTTPHeaderFields = [:],
        noCache: Bool = false, isMissing: (HTTPResponse) -> Bool = { $0.status == 404 }
    ) async throws -> T? {
        let response = try await send(
            .get, path, query: query, headers: headers, noCache: noCache, answering: isMissing)
        return response.isSuccess ? try response.decodeJSON(T.self) : nil
    }

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

extension String.StringInterpolation {
    /// Interpolates `value` as one percent-encoded path segment (``BatonHTTPClient/pathSegment(_:)``):
    /// `"/api/v1/users/\(segment: login)"`.
    public mutating func appendInterpolation(segment value: String) {
        appendLiteral(BatonHTTPClient.pathSegment(value))
    }
}
