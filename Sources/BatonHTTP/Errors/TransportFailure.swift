import AsyncHTTPClient
public import BatonSDK
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A transport failure (no HTTP status) sorted into the classes of the reference's
/// `wrapTransientNetworkError`.
public enum TransportFailure: Error, Sendable, Equatable {
    /// The peer reset the connection (ECONNRESET, ECONNABORTED).
    case connectionReset
    /// Nobody listens on the port (ECONNREFUSED).
    case connectionRefused
    /// The connection closed before a response arrived (EOF).
    case connectionClosed
    /// The connection closed in the middle of a response.
    case unexpectedEOF
    /// Writing to a connection the peer closed (EPIPE).
    case brokenPipe
    /// No route to the host (ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN).
    case networkUnreachable
    /// The name does not exist (NXDOMAIN, `EAI_NONAME`).
    case dnsNotFound
    /// The resolver failed temporarily (`EAI_AGAIN`).
    case dnsTemporary
    /// Any other resolver failure.
    case dnsFailed
    /// Connecting took too long.
    case connectTimeout
    /// The request did not complete within its timeout.
    case timeout
    /// The request was cancelled.
    case cancelled
    /// Anything else, with a short description.
    case other(String)

    /// The error code the reference gives this class.
    public var code: BatonError.Code {
        switch self {
        case .connectionReset, .connectionRefused, .connectionClosed, .unexpectedEOF, .brokenPipe,
            .networkUnreachable,
            .dnsTemporary, .dnsFailed:
            .unavailable
        case .dnsNotFound: .invalidArgument
        case .connectTimeout, .timeout: .deadlineExceeded
        case .cancelled: .cancelled
        case .other: .unknown
        }
    }

    /// The reference's wording for this class.
    public var summary: String {
        switch self {
        case .connectionReset: "connection reset"
        case .connectionRefused: "connection refused"
        case .connectionClosed: "connection closed before response"
        case .unexpectedEOF: "unexpected EOF"
        case .brokenPipe: "broken pipe"
        case .networkUnreachable: "network unreachable"
        case .dnsNotFound: "dns lookup failed: NXDOMAIN"
        case .dnsTemporary: "dns lookup failed: temporary failure"
        case .dnsFailed: "dns lookup failed"
        case .connectTimeout: "connect timeout"
        case .timeout: "request timeout"
        case .cancelled: "request cancelled"
        case .other(let description): description
        }
    }

    /// Whether retrying may help (the retry loop still requires an idempotent request unless `isBeforeSend`).
    public var isTransient: Bool {
        code == .unavailable || code == .deadlineExceeded
    }

    /// Whether the failure certainly happened before any byte of the request reached the server, so that even
    /// a non-idempotent request can be resent.
    public var isBeforeSend: Bool {
        switch self {
        case .connectionRefused, .dnsTemporary, .dnsFailed, .connectTimeout, .networkUnreachable: true
        default: false
        }
    }

    /// Classifies an error thrown by the transport.
    public init(classifying error: any Error) {
        self = Self.classify(error)
    }

    private static func classify(_ error: any Error) -> TransportFailure {
        switch error {
        case let error as TransportFailure: return error
        case let error as HTTPClientError: return classify(error)
        case let error as IOError: return classify(errno: error.errnoCode, description: "\(error)")
        case let error as NIOConnectionError:
            if let dnsError = error.dnsAError ?? error.dnsAAAAError { return classify(dnsError) }
            if let first = error.connectionErrors.first { return classify(first.error) }
            return .connectionRefused
        case let error as SocketAddressError.UnknownHost:
            return classify(resolverCode: Int32(truncatingIfNeeded: error.errorCode))
        case let error as ChannelError:
            switch error {
            case .connectTimeout: return .connectTimeout
            case .writeHostUnreachable: return .networkUnreachable
            case .eof, .ioOnClosedChannel, .outputClosed, .alreadyClosed, .inputClosed:
                return .connectionClosed
            default: return .other("\(error)")
            }
        case let error as HTTPParserError:
            return error == .invalidEOFState ? .unexpectedEOF : .other("malformed response: \(error)")
        case is CancellationError: return .cancelled
        default:
            return .other(
                String(describing: error).split(separator: "\n").first.map(String.init) ?? "transport error"
            )
        }
    }

    private static func classify(_ error: HTTPClientError) -> TransportFailure {
        switch error {
        case .readTimeout, .writeTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout,
            .tlsHandshakeTimeout:
            .timeout
        case .connectTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout: .connectTimeout
        case .remoteConnectionClosed: .connectionClosed
        case .cancelled, .requestStreamCancelled: .cancelled
        default: .other(error.shortDescription)
        }
    }

    private static func classify(errno: Int32, description: String) -> TransportFailure {
        switch errno {
        case ECONNRESET, ECONNABORTED: .connectionReset
        case ECONNREFUSED: .connectionRefused
        case EPIPE: .brokenPipe
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN: .networkUnreachable
        case ETIMEDOUT: .timeout
        default: .other(description)
        }
    }

    /// `getaddrinfo` result codes.
    static func classify(resolverCode: Int32) -> TransportFailure {
        switch resolverCode {
        case EAI_NONAME, EAI_NODATA_COMPAT: .dnsNotFound
        case EAI_AGAIN: .dnsTemporary
        default: .dnsFailed
        }
    }
}

/// `EAI_NODATA` is a GNU extension not every libc exports; its value is -5 on glibc and musl.
private let EAI_NODATA_COMPAT: Int32 = -5

extension TransportFailure {
    /// The error the client throws for this failure: `<METHOD> <host><path>: <summary>`.
    func error(method: HTTPRequest.Method, target: String) -> BatonError {
        BatonError(code, "\(method) \(target): \(summary)")
    }
}
