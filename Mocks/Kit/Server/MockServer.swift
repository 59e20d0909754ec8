import BatonServer
import Hummingbird
import Logging
import NIOCore

/// A mock service running on loopback: start it, point a client at `baseURL`, stop it.
///
/// ```swift
/// let server = try await MockServer.start(OktaMock(size: .tiny))
/// defer { Task { try await server.stop() } }
/// print(server.baseURL)   // http://127.0.0.1:54321
/// ```
///
/// Besides the service's routes, every server answers `GET /__mock/truth` (the service's tenant as
/// JSON), `GET /__mock/stats` (request counts per route, statuses, faults), `GET /__mock/requests`
/// (path and query of every successful GET, in order, for replaying the same reads) and `POST /__mock/reset`
/// (restore the generated tenant, zero the counters). These bypass auth, rate limits, faults and latency.
public final class MockServer: Sendable {
    /// `http://<host>:<port>`, no trailing slash.
    public let baseURL: String
    /// The bound port.
    public let port: Int
    /// The service being served.
    public let service: any MockService
    /// The options the server runs with.
    public var options: MockOptions { runtime.options }

    private let runtime: MockRuntime
    private let server: RunningServer

    private init(baseURL: String, runtime: MockRuntime, server: RunningServer) {
        self.baseURL = baseURL
        self.port = server.port
        self.service = runtime.service
        self.runtime = runtime
        self.server = server
    }

    /// Binds and starts serving; returns once the port is known.
    ///
    /// - Parameters:
    ///   - service: The service to serve.
    ///   - options: Address, knobs and credentials.
    ///   - shutdownOnSignals: Stop gracefully on SIGINT/SIGTERM (for the standalone executable).
    /// - Throws: `MockServerError` or the bind error when the server cannot start.
    public static func start(
        _ service: some MockService, options: MockOptions = MockOptions(), shutdownOnSignals: Bool = false
    ) async throws -> MockServer {
        let runtime = MockRuntime(service: service, options: options)
        var logger = Logger(label: "baton-mock.\(service.name)")
        logger.logLevel = options.logLevel

        let router = Router(context: MockRequestContext.self)
        addInternalRoutes(to: router, runtime: runtime)
        service.addRoutes(to: router.group().add(middleware: MockChainMiddleware(runtime: runtime)))

        let host = options.host
        let server: RunningServer
        do {
            server = try await RunningServer.start(
                router: router,
                server: .http1(configuration: .init(additionalChannelHandlers: [FaultHandlerInstaller()])),
                host: host, port: options.port, stopOnSignals: shutdownOnSignals, logger: logger
            ) { port in
                service.prepare(MockEnvironment(baseURL: baseURL(host: host, port: port), options: options))
            }
        } catch is RunningServerError {
            throw MockServerError(message: "the server stopped before it was bound")
        }
        return MockServer(baseURL: baseURL(host: host, port: server.port), runtime: runtime, server: server)
    }

    /// Runs `body` against a freshly started server and stops the server afterwards, also on error.
    public static func withRunning<Result: Sendable>(
        _ service: some MockService, options: MockOptions = MockOptions(),
        _ body: (MockServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(service, options: options)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// Stops gracefully: stops accepting, lets in-flight requests finish, closes idle connections.
    public func stop() async throws {
        try await server.stop()
    }

    /// Waits until the server stops (after a signal, when started with `shutdownOnSignals`).
    public func waitUntilStopped() async throws {
        try await server.waitUntilStopped()
    }

    /// The counters behind `GET /__mock/stats`, as JSON.
    public func statsJSON() -> [UInt8] {
        runtime.stats.json()
    }

    private static func baseURL(host: String, port: Int) -> String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    private static func addInternalRoutes(to router: Router<MockRequestContext>, runtime: MockRuntime) {
        router.get("/__mock/truth") { _, _ in
            jsonResponse(runtime.service.truth())
        }
        router.get("/__mock/stats") { _, _ in
            jsonResponse(ByteBuffer(bytes: runtime.stats.json()))
        }
        router.get("/__mock/requests") { _, _ in
            jsonResponse(ByteBuffer(bytes: runtime.stats.readsJSON()))
        }
        router.post("/__mock/reset") { _, _ in
            runtime.service.reset()
            runtime.stats.reset()
            runtime.limiter?.reset()
            return Response(status: .noContent)
        }
    }

    private static func jsonResponse(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }
}

/// A mock server could not start.
public struct MockServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in one line.
    public var message: String

    /// Creates an error.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
