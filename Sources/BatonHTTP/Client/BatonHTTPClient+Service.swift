import BatonSDK
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
}

extension String.StringInterpolation {
    /// Interpolates `value` as one percent-encoded path segment (``BatonHTTPClient/pathSegment(_:)``):
    /// `"/api/v1/users/\(segment: login)"`.
    public mutating func appendInterpolation(segment value: String) {
        appendLiteral(BatonHTTPClient.pathSegment(value))
    }
}
