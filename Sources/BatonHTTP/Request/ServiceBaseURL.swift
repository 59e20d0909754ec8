import BatonSDK
public import Foundation

/// Parsing of the service address a connector is configured with (`--domain`, `--jira-url`).
///
/// The scheme defaults to `https://` and a trailing `/` is dropped. `http://` is accepted only for
/// loopback hosts (127.0.0.1, localhost, ::1), so that a local mock can stand in for the service but a
/// credential is never sent in clear text to anything else. User info, queries and fragments are rejected.
///
/// ```swift
/// let url = try ServiceBaseURL.parse("acme.okta.com", prefix: "okta", flag: "domain")  // https://acme.okta.com
/// ```
public enum ServiceBaseURL {
    /// Parses `raw` into a base URL without a trailing slash.
    ///
    /// - Parameters:
    ///   - raw: The value as the user gave it.
    ///   - prefix: The connector's name, starting error messages (`okta: …`).
    ///   - flag: The flag the value came from, named in error messages (without `--`).
    ///   - allowsPath: Whether a path is kept (an API under a path prefix) or rejected (a bare host).
    ///   - serviceName: The service, for the error about plain `http://`.
    /// - Throws: `BatonError` `invalidArgument` with one line naming the problem.
    public static func parse(
        _ raw: String, prefix: String, flag: String, allowsPath: Bool = false, serviceName: String = "the service"
    ) throws -> URL {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        func invalid(_ why: String) -> BatonError {
            BatonError(.invalidArgument, "\(prefix): invalid --\(flag) \"\(raw)\": \(why)")
        }
        var scheme = "https"
        if let range = text.range(of: "://") {
            scheme = text[..<range.lowerBound].lowercased()
            text = String(text[range.upperBound...])
            guard scheme == "https" || scheme == "http" else { throw invalid("the scheme must be https") }
        }
        while text.hasSuffix("/") { text.removeLast() }
        guard !text.isEmpty else { throw invalid("no host") }
        if text.contains("?") || text.contains("#") { throw invalid("a query or fragment is not allowed") }
        let authority = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? text
        if authority.contains("@") { throw invalid("user info is not allowed") }
        if !allowsPath && text.contains("/") { throw invalid("a path is not allowed; give the host only") }
        guard let components = URLComponents(string: "\(scheme)://\(text)"), let host = components.host,
            !host.isEmpty, let url = components.url
        else { throw invalid("not a host name") }
        if scheme == "http" && !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) {
            throw invalid("http:// is only accepted for loopback hosts; \(serviceName) is always https")
        }
        return url
    }
}
