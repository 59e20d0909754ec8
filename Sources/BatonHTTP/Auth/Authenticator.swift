import Foundation

/// Adds credentials to outgoing requests and, for refreshable credentials, recovers from a 401.
///
/// ```swift
/// let client = BatonHTTPClient(configuration: .init(userAgent: "baton-okta"), authenticator: .ssws(apiToken))
/// ```
public protocol Authenticator: Sendable {
    /// Adds credentials to `request` (typically an `Authorization` header) just before each attempt.
    func authorize(_ request: inout HTTPRequest) async throws

    /// Called once per request when the server answered 401 to `request` (as authorized).
    ///
    /// - Returns: `true` when fresh credentials are available and the request should be sent once more.
    func didReceiveUnauthorized(for request: HTTPRequest) async -> Bool
}

extension Authenticator {
    /// Static credentials cannot recover from a 401.
    public func didReceiveUnauthorized(for request: HTTPRequest) async -> Bool { false }
}

/// Fixed credentials in the `Authorization` header: `Bearer`, `Basic`, Okta's `SSWS`, or any scheme.
///
/// `description` never shows the credential.
public struct StaticAuthenticator: Authenticator, CustomStringConvertible,
    CustomDebugStringConvertible,
    CustomReflectable
{
    /// The scheme word (`Bearer`, `Basic`, `SSWS`, …); empty sends the credential alone.
    public let scheme: String
    private let credential: String
    /// The header that carries it (`Authorization` unless stated).
    public let headerName: String

    /// Sends `<scheme> <credential>` in `headerName` on every request.
    public init(scheme: String, credential: String, headerName: String = "Authorization") {
        self.scheme = scheme
        self.credential = credential
        self.headerName = headerName
    }

    public func authorize(_ request: inout HTTPRequest) async throws {
        request.headers[headerName] = scheme.isEmpty ? credential : "\(scheme) \(credential)"
    }

    public var description: String {
        "StaticAuthenticator(\(headerName): \(scheme) \(Redaction.placeholder))"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["scheme": scheme, "headerName": headerName])
    }
}

extension Authenticator where Self == StaticAuthenticator {
    /// `Authorization: Bearer <token>`.
    public static func bearer(_ token: String) -> StaticAuthenticator {
        StaticAuthenticator(scheme: "Bearer", credential: token)
    }

    /// `Authorization: Basic base64(<username>:<password>)`.
    public static func basic(username: String, password: String) -> StaticAuthenticator {
        StaticAuthenticator(
            scheme: "Basic", credential: Data("\(username):\(password)".utf8).base64EncodedString())
    }

    /// Okta's `Authorization: SSWS <token>`.
    public static func ssws(_ token: String) -> StaticAuthenticator {
        StaticAuthenticator(scheme: "SSWS", credential: token)
    }

    /// `<headerName>: <scheme> <credential>` for any other scheme (or an API-key header with an empty scheme).
    public static func custom(
        scheme: String, credential: String, headerName: String = "Authorization"
    ) -> StaticAuthenticator {
        StaticAuthenticator(scheme: scheme, credential: credential, headerName: headerName)
    }
}
