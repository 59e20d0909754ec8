import AsyncHTTPClient
import NIOCore
import Synchronization

/// The process's connection pool: one AsyncHTTPClient shared by every ``BatonHTTPClient``.
///
/// Size it for the sync's concurrency once at start-up with ``configureShared(_:)``; clients created without an
/// explicit transport use ``shared``.
public final class HTTPTransport: Sendable {
    /// Connection-level settings.
    public struct Configuration: Sendable, Equatable {
        /// Connections kept per host (HTTP/1); set it to at least the sync's request concurrency.
        public var maxConnectionsPerHost: Int
        /// How long establishing a connection may take.
        public var connectTimeout: Duration
        /// How long an idle pooled connection is kept.
        public var idleTimeout: Duration

        /// Creates transport settings: 16 connections per host, 30 s connect timeout, 30 s idle timeout
        /// (the reference's dial and idle timeouts).
        public init(
            maxConnectionsPerHost: Int = 16,
            connectTimeout: Duration = .seconds(30),
            idleTimeout: Duration = .seconds(30)
        ) {
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.connectTimeout = connectTimeout
            self.idleTimeout = idleTimeout
        }
    }

    /// The settings this transport was built with.
    public let configuration: Configuration
    let client: HTTPClient

    /// Creates a transport with its own connection pool; call ``shutdown()`` when done with it.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        var ahc = HTTPClient.Configuration()
        ahc.timeout = .init(connect: .init(configuration.connectTimeout))
        ahc.connectionPool = .init(
            idleTimeout: .init(configuration.idleTimeout),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.maxConnectionsPerHost))
        // Fail fast on refused connections: the client's own retry loop decides about waiting and retrying.
        ahc.connectionPool.retryConnectionEstablishment = false
        ahc.redirectConfiguration = .follow(max: 10, allowCycles: false)
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: ahc)
    }

    /// Closes every pooled connection. Requests after this fail.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    private static let sharedState = Mutex<(configuration: Configuration, transport: HTTPTransport?)>(
        (Configuration(), nil))

    /// The process-wide transport, created on first use with the configuration given to ``configureShared(_:)``.
    public static var shared: HTTPTransport {
        sharedState.withLock { state in
            if let transport = state.transport { return transport }
            let transport = HTTPTransport(configuration: state.configuration)
            state.transport = transport
            return transport
        }
    }

    /// Sets the configuration of ``shared`` before its first use.
    ///
    /// - Returns: `false` when the shared transport already exists (its pool cannot be resized).
    @discardableResult
    public static func configureShared(_ configuration: Configuration) -> Bool {
        sharedState.withLock { state in
            guard state.transport == nil else { return state.transport?.configuration == configuration }
            state.configuration = configuration
            return true
        }
    }
}
