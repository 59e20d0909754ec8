import BatonJSON
public import BatonSDK
public import Foundation

/// A fully read HTTP response.
public struct HTTPResponse: Sendable {
    /// The request method that produced this response.
    public var method: HTTPRequest.Method
    /// The URL requested (query included).
    public var url: URL
    /// The status code.
    public var status: Int
    /// The status line's reason phrase (`Not Found`).
    public var reason: String
    /// Every header line, in order.
    public var headers: HTTPHeaderFields
    /// The whole body.
    public var body: Data
    /// The rate-limit state the headers describe (see ``RateLimitParser``); `nil` when the response carries none.
    public var rateLimit: RateLimitInfo?
    /// Whether this response was replayed from the client's GET cache.
    public var isFromCache: Bool

    /// Creates a response (the client builds these; tests and fakes may too).
    public init(
        method: HTTPRequest.Method,
        url: URL,
        status: Int,
        reason: String? = nil,
        headers: HTTPHeaderFields = [:],
        body: Data = Data(),
        rateLimit: RateLimitInfo? = nil,
        isFromCache: Bool = false
    ) {
        self.method = method
        self.url = url
        self.status = status
        self.reason = reason ?? HTTPStatusText.reason(for: status)
        self.headers = headers
        self.body = body
        self.rateLimit = rateLimit
        self.isFromCache = isFromCache
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The `Content-Type` header, if any.
    public var contentType: String? { headers["Content-Type"] }

    /// Whether the content type is JSON the way the reference decides it: lowercased and trimmed, it starts with
    /// `application` and contains `json` (`application/json`, `application/vnd.api+json`, …).
    public var hasJSONContentType: Bool {
        guard let contentType else { return false }
        let normalized = contentType.trimmingCharacters(in: .whitespaces).lowercased()
        return normalized.hasPrefix("application") && normalized.contains("json")
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Decodes the JSON body, checking the content type first.
    ///
    /// - Throws: `BatonError` `.unknown` with the reference texts
    ///   `unexpected content type for JSON response: <type>. status code: <n>` or
    ///   `failed to unmarshal json response: <reason>. status code: <n>`.
    /// - Parameter decoder: a configured `JSONDecoder` (date or key strategies); without one the body is
    ///   decoded by ``TapeJSONDecoder``, which gives the values and errors `JSONDecoder()` gives, faster.
    public func decodeJSON<T: Decodable>(
        _ type: T.Type = T.self, decoder: JSONDecoder? = nil,
        requireJSONContentType: Bool = true
    ) throws -> T {
        if requireJSONContentType && !hasJSONContentType {
            throw BatonError(
                .unknown,
                "unexpected content type for JSON response: \(contentType ?? ""). status code: \(status)",
                httpStatus: status)
        }
        do {
            if let decoder { return try decoder.decode(T.self, from: body) }
            return try TapeJSONDecoder.decode(T.self, from: body)
        } catch {
            throw BatonError(
                .unknown,
                "failed to unmarshal json response: \(DecodingErrorSummary.describe(error)). status code: \(status)",
                httpStatus: status)
        }
    }

    /// `host[:port]path` of the request (no query).
    var target: String {
        HTTPRequest(method, url: url).target
    }
}

/// One-line descriptions of `DecodingError`s: the coding path plus what went wrong, never the payload.
enum DecodingErrorSummary {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key \(path(context.codingPath + [key]))"
        case .typeMismatch(let type, let context):
            return "type mismatch at \(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "null value at \(path(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context):
            let location = context.codingPath.isEmpty ? "" : " at \(path(context.codingPath))"
            return "invalid JSON\(location): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "<root>" }
        let joined = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            .joined()
        return String(joined.trimmingPrefix("."))
    }
}
