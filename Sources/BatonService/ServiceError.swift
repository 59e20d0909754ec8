/// Why service mode could not start or go on, as one line a person can act on.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The stdin `ServerConfig` line is missing, not base64, not a message, or its credential is unusable.
        case badConfiguration
        /// The inherited listening socket is missing, not a socket, or not the port the parent announced.
        case listener
        /// The connector executable could not be started, or quit.
        case child
        /// The connection to the child could not be made or was refused (TLS, ALPN, certificates).
        case connection
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public static func badConfiguration(_ message: String) -> ServiceError { ServiceError(.badConfiguration, message) }
    public static func listener(_ message: String) -> ServiceError { ServiceError(.listener, message) }
    public static func child(_ message: String) -> ServiceError { ServiceError(.child, message) }
    public static func connection(_ message: String) -> ServiceError { ServiceError(.connection, message) }

    public var description: String { message }
}
