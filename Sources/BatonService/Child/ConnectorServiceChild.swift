import BatonSDK
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Logging
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The child side of service mode: what a connector does when started as `<connector> [flags…] _connector-service`.
///
/// It reads the parent's `ServerConfig` line from stdin, adopts the listening socket inherited as fd 3, and serves
/// the connector over gRPC with mutual TLS until stdin closes (the parent's way of saying stop), then returns.
/// Nothing else is bound, and nothing is written to disk.
public enum ConnectorServiceChild {
    /// The hidden subcommand, appended after the parent's own flags.
    public static let subcommand = "_connector-service"

    /// Serves `served` until stdin reaches its end or the task is cancelled.
    ///
    /// When stdin ends, open calls get `shutdownGrace` to finish before the service gives up on them with an error.
    ///
    /// - Throws: ``ServiceError`` when the stdin line, the credential or the inherited socket is unusable (before
    ///   anything is served), or when the server fails.
    public static func run(
        _ served: ServedConnector, environment: [String: String], standardInput: CInt = 0,
        shutdownGrace: Duration = .seconds(3)
    ) async throws {
        let config = try ServiceHandoff.readConfiguration(from: standardInput)
        let tls = try ServiceHandoff.serverTLS(config).context
        let descriptor = try ServiceHandoff.inheritedListener(environment: environment, port: config.listenPort)
        let listener = InheritedListener(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton, descriptor: descriptor, tls: tls)
        let server = GRPCServer(
            transport: HTTP2ServerTransport.Custom(listenerFactory: listener), services: services(served))
        served.logger.info("connector service listening", metadata: ["port": "\(config.listenPort)"])

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask {
                await endOfInput(standardInput)
                served.logger.info("stdin closed: stopping the connector service")
            }
            // Whichever ends first (stdin closed, or the server failed) ends the service.
            do {
                try await group.next()
            } catch {
                group.cancelAll()
                throw ServiceError.listener("the connector service stopped: \(error)")
            }
            // Stop gracefully and let the open calls end (a dead parent's connection ends them at once). Cancelling
            // `serve` instead traps in NIO when an accepted connection is still queued (apple/swift-nio#3481): a
            // parent killed mid-sync left children crashing in the backtracer instead of exiting.
            server.beginGracefulShutdown()
            group.addTask {
                try await Task.sleep(for: shutdownGrace)
                throw ServiceError.listener("open calls did not end within \(shutdownGrace) of stdin closing")
            }
            do {
                try await group.next()
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    /// Every service a Go parent may call, as the Go SDK registers them.
    static func services(_ served: ServedConnector) -> [any RegistrableRPCService] {
        [
            ConnectorServiceProvider(served: served), ResourceTypesServiceProvider(served: served),
            ResourcesServiceProvider(served: served), ResourceGetterServiceProvider(served: served),
            EntitlementsServiceProvider(served: served), GrantsServiceProvider(served: served),
            AssetServiceProvider(served: served), GrantManagerServiceProvider(served: served),
            ResourceManagerServiceProvider(served: served), ResourceDeleterServiceProvider(served: served),
            AccountManagerServiceProvider(served: served), CredentialManagerServiceProvider(served: served),
            RateLimiterServiceProvider(), UnsupportedServices(),
        ]
    }

    /// Returns when `descriptor` reaches its end (or fails): a blocking read on a thread of its own, since stdin
    /// cannot be polled portably. Cancellation returns at once; the thread ends with the process.
    static func endOfInput(_ descriptor: CInt) async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 512)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count > 0 || (count < 0 && errno == EINTR) { continue }
                break
            }
            continuation.finish()
        }
        thread.start()
        for await _ in stream {}
    }
}
