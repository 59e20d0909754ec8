public import BatonSDK
import NIOHTTP1

/// Maps HTTP statuses to error codes exactly as the reference's `GrpcCodeFromHTTPStatus`.
public enum HTTPStatusMapping {
    /// The error code for an HTTP status.
    ///
    /// 400 → invalidArgument, 401 → unauthenticated, 403 → permissionDenied, 404 → notFound,
    /// 408 → deadlineExceeded, 409 → alreadyExists, 429 → unavailable, 501 → unimplemented, other 5xx →
    /// unavailable, other 4xx → invalidArgument, anything else (1xx, 2xx, 3xx) → unknown.
    public static func code(for status: Int) -> BatonError.Code {
        switch status {
        case 400: .invalidArgument
        case 401: .unauthenticated
        case 403: .permissionDenied
        case 404: .notFound
        case 408: .deadlineExceeded
        case 409: .alreadyExists
        case 429: .unavailable
        case 501: .unimplemented
        case 500..<600: .unavailable
        case 400..<500: .invalidArgument
        default: .unknown
        }
    }
}

enum HTTPStatusText {
    static func reason(for status: Int) -> String {
        HTTPResponseStatus(statusCode: status).reasonPhrase
    }
}

extension HTTPResponse {
    /// The standard error for this response: the mapped code, a one-line message
    /// `<METHOD> <host><path>: HTTP <status> <reason>: <body excerpt>`, the status and the rate-limit state.
    ///
    /// The message never holds the query string or any header, so secrets passed there stay out of logs.
    public var statusError: BatonError {
        var message = "\(method) \(target): HTTP \(status) \(reason)"
        let excerpt = BodyExcerpt.make(from: body)
        if !excerpt.isEmpty { message += ": " + excerpt }
        return BatonError(
            HTTPStatusMapping.code(for: status), message, httpStatus: status, rateLimit: rateLimit)
    }
}

/// A short single-line excerpt of a response body for error messages.
enum BodyExcerpt {
    static let limit = 200

    static func make(from body: some Collection<UInt8>) -> String {
        // Decode at most a little more than we keep: bodies can be megabytes of HTML.
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        let oneLine = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard oneLine.count > limit else { return oneLine }
        return String(oneLine.prefix(limit - 1)) + "…"
    }
}
