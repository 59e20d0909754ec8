public import Foundation

/// Decides which headers and query parameters hold secrets, and masks them for logs.
///
/// Sensitive headers: `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`, and any name containing
/// `api-key`, `apikey`, `token`, `secret`, `auth`, `password`, `session` or `signature` (case-insensitive).
/// `X-Forwarded-For` and `X-Forwarded-Proto` are masked too, as the reference does.
public enum Redaction {
    /// What replaces a secret.
    public static let placeholder = "[REDACTED]"

    private static let exactNames: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-forwarded-for",
        "x-forwarded-proto",
        "dpop",
    ]
    private static let fragments = [
        "api-key", "api_key", "apikey", "token", "secret", "auth", "password", "passwd", "session",
        "signature",
        "credential", "private-key", "client-assertion",
    ]
    /// Query parameters that carry secrets in some APIs (OAuth codes and assertions, signed URLs, API keys).
    private static let queryExactNames: Set<String> = ["key", "code", "sig", "assertion", "jwt"]

    /// Whether a query parameter name denotes a secret.
    static func isSensitiveQueryName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return queryExactNames.contains(lowered) || fragments.contains { lowered.contains($0) }
    }

    /// Whether a header name denotes a secret.
    public static func isSensitiveHeader(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return exactNames.contains(lowered) || fragments.contains { lowered.contains($0) }
    }

    /// The headers with every sensitive value replaced by ``placeholder``.
    public static func redacted(_ headers: HTTPHeaderFields) -> HTTPHeaderFields {
        HTTPHeaderFields(
            headers.map { field in
                isSensitiveHeader(field.name) ? .init(name: field.name, value: placeholder) : field
            })
    }

    /// The URL with its user info dropped and the values of secret-looking query parameters masked.
    public static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return "<url>"
        }
        components.user = nil
        components.password = nil
        components.fragment = nil
        let query = components.percentEncodedQuery ?? ""
        components.percentEncodedQuery = nil
        let base = components.string ?? "<url>"
        guard !query.isEmpty else { return base }
        // Assembled by hand: the placeholder's brackets are not valid in a URLComponents query.
        let masked = query.split(separator: "&", omittingEmptySubsequences: false)
            .map { pair -> String in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, isSensitiveQueryName(String(parts[0])) else {
                    return String(pair)
                }
                return "\(parts[0])=\(placeholder)"
            }
            .joined(separator: "&")
        return base + "?" + masked
    }
}
