public import Foundation

/// One HTTP request as a value: method, URL, query, headers and body, plus the knobs the client reads.
///
/// ```swift
/// var request = HTTPRequest(.get, url: baseURL.appending(path: "api/v1/users"))
/// request.query = [("limit", "200"), ("search", "status pr")]
/// let (users, response) = try await client.decode(request, as: [OktaUser].self)
/// ```
public struct HTTPRequest: Sendable {
    /// The request method.
    public var method: Method
    /// The URL, possibly already carrying a query (a `Link` URL, for example); `query` is appended to it.
    public var url: URL
    /// Query items appended to `url`'s own query, in order; values are percent-encoded strictly (`+` too).
    public var query: [(String, String)]
    /// Header lines; the client adds `User-Agent`, `Content-Type`, `Accept` and authorization when missing.
    public var headers: HTTPHeaderFields
    /// The body.
    public var body: Body
    /// Overrides the idempotency derived from the method (and the `Idempotency-Key` header); only idempotent
    /// requests are retried after the server may have seen them.
    public var isIdempotent: Bool?
    /// Bypasses the GET response cache for this request (like the reference's `WithNoCache`).
    public var noCache: Bool
    /// Statuses outside 2xx that are returned as responses instead of thrown (for example `[404]` when a
    /// missing object is an answer, not a failure).
    public var acceptedStatuses: Set<Int>

    /// Creates a request.
    public init(
        _ method: Method = .get,
        url: URL,
        query: [(String, String)] = [],
        headers: HTTPHeaderFields = [:],
        body: Body = .none,
        isIdempotent: Bool? = nil,
        noCache: Bool = false,
        acceptedStatuses: Set<Int> = []
    ) {
        self.method = method
        self.url = url
        self.query = query
        self.headers = headers
        self.body = body
        self.isIdempotent = isIdempotent
        self.noCache = noCache
        self.acceptedStatuses = acceptedStatuses
    }
}

extension HTTPRequest: CustomStringConvertible, CustomReflectable {
    /// `METHOD url headers` with secrets redacted; the body is never shown.
    public var description: String {
        "\(method) \(Redaction.redacted(resolvedURL)) \(headers)"
    }

    /// Like `description`, for `dump` and debuggers: secrets redacted, body kind only.
    public var customMirror: Mirror {
        let bodyKind =
            switch body {
            case .none: "none"
            case .json: "json"
            case .form: "form"
            case .raw(let data, let contentType): "\(data.count) bytes of \(contentType)"
            }
        return Mirror(
            self,
            children: [
                "method": method.rawValue, "url": Redaction.redacted(resolvedURL), "headers": headers,
                "body": bodyKind,
            ])
    }
}

extension HTTPRequest {
    /// An HTTP method (an open set: any token is allowed).
    public struct Method: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue.uppercased()
        }

        public static let get = Method(rawValue: "GET")
        public static let head = Method(rawValue: "HEAD")
        public static let post = Method(rawValue: "POST")
        public static let put = Method(rawValue: "PUT")
        public static let patch = Method(rawValue: "PATCH")
        public static let delete = Method(rawValue: "DELETE")
        public static let options = Method(rawValue: "OPTIONS")

        public var description: String { rawValue }

        /// Methods RFC 9110 defines as idempotent (TRACE included, as in Go's transport).
        var isIdempotentByDefinition: Bool {
            ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"].contains(rawValue)
        }
    }

    /// A request body.
    public enum Body: Sendable {
        /// No body.
        case none
        /// A value encoded with `JSONEncoder`; `Content-Type: application/json` unless set.
        case json(any Encodable & Sendable)
        /// Form fields, `application/x-www-form-urlencoded`, in order.
        case form([(String, String)])
        /// Bytes with their content type.
        case raw(Data, contentType: String)
    }

    /// Whether the client may resend this request after the server may have seen it.
    public var isRetrySafe: Bool {
        if let isIdempotent { return isIdempotent }
        return method.isIdempotentByDefinition || headers.contains("Idempotency-Key")
            || headers.contains("X-Idempotency-Key")
    }

    /// The final URL: `url` with `query` appended.
    public var resolvedURL: URL {
        guard !query.isEmpty else { return url }
        let extra = FormEncoding.encode(query, spaceAsPlus: false)
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return url
        }
        if let existing = components.percentEncodedQuery, !existing.isEmpty {
            components.percentEncodedQuery = existing + "&" + extra
        } else {
            components.percentEncodedQuery = extra
        }
        return components.url ?? url
    }

    /// `host[:port]path`, the part of the URL safe to put in errors and logs (no query: it may hold secrets).
    var target: String {
        let url = resolvedURL
        var text = url.host ?? ""
        if let port = url.port { text += ":\(port)" }
        let path = url.path
        return text + (path.isEmpty ? "/" : path)
    }
}

/// `application/x-www-form-urlencoded` and strict query encoding.
enum FormEncoding {
    /// RFC 3986 unreserved characters: everything else is percent-encoded, so `+`, `&`, `=` in values survive.
    private static let unreserved = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    static func escape(_ text: String, spaceAsPlus: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == 0x20 && spaceAsPlus {
                out += "+"
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    static func encode(_ pairs: [(String, String)], spaceAsPlus: Bool = true) -> String {
        pairs.map {
            escape($0.0, spaceAsPlus: spaceAsPlus) + "=" + escape($0.1, spaceAsPlus: spaceAsPlus)
        }
        .joined(separator: "&")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
