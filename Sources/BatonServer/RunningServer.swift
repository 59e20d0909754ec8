public import Hummingbird
public import HummingbirdCore
public import Logging
import ServiceLifecycle
import UnixSignals

/// A Hummingbird application serving in the background: started on a port (0 picks a free one), its bound port
/// known before `start` returns, stopped gracefully. The explorer, the health-check server and the mocks all run
/// this way, so tests start the real server in-process on port 0.
///
/// ```swift
/// let server = try await RunningServer.start(router: router, host: "127.0.0.1", port: 0, logger: logger)
/// defer { Task { try await server.stop() } }
/// print(server.port)
/// ```
public final class RunningServer: Sendable {
    /// The port actually bound.
    public let port: Int
    private let group: ServiceGroup
    private let runTask: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, runTask: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.runTask = runTask
    }

    /// Binds `host:port` and serves `router` until ``stop()``.
    ///
    /// - Parameters:
    ///   - server: HTTP/1.1 by default; `.http2Upgrade(tlsConfiguration:)` for TLS with h2 and HTTP/1.1.
    ///   - stopOnSignals: Stop gracefully on SIGINT/SIGTERM (for standalone executables).
    ///   - onBound: Runs with the bound port before any request is served and before `start` returns.
    /// - Throws: the bind error, or ``RunningServerError`` when the server stopped before it was bound.
    public static func start<Router: HTTPResponderBuilder>(
        router: Router, server: HTTPServerBuilder = .http1(), host: String, port: Int, stopOnSignals: Bool = false,
        logger: Logger, onBound: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> RunningServer
    where Router.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let (bound, boundContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, server: server, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                let boundPort = channel.localAddress?.port ?? 0
                onBound(boundPort)
                boundContinuation.yield(boundPort)
                boundContinuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [app], gracefulShutdownSignals: stopOnSignals ? [.sigterm, .sigint] : [], logger: logger))
        let runTask = Task {
            defer { boundContinuation.finish() }
            try await group.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next(), boundPort > 0 else {
            try await runTask.value  // the bind error, when there is one
            throw RunningServerError(message: "could not listen on \(host):\(port)")
        }
        return RunningServer(port: boundPort, group: group, runTask: runTask)
    }

    /// Stops accepting, lets requests in flight finish, closes idle connections, and returns once stopped.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await runTask.value
    }

    /// Like ``stop()``, but gives up on requests still open after `grace`.
    public func stop(within grace: Duration) async {
        await group.triggerGracefulShutdown()
        let runTask = self.runTask
        let deadline = Task {
            try await Task.sleep(for: grace)
            runTask.cancel()
        }
        _ = try? await runTask.value
        deadline.cancel()
    }

    /// Returns when the server stops (after a signal, when started with `stopOnSignals`).
    public func waitUntilStopped() async throws {
        try await runTask.value
    }
}

/// A server that could not start, in one line.
public struct RunningServerError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
