import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real HTTP/1.1 server on 127.0.0.1, port 0, whose every answer a test scripts: status, headers, body, delays,
/// closing or resetting the connection. It records each request it receives.
final class ScriptedHTTPServer: Sendable {
    /// A request as received.
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: Data

        var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
        var queryItems: [URLQueryItem] { URLComponents(string: uri)?.queryItems ?? [] }

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        func query(_ name: String) -> String? {
            queryItems.first { $0.name == name }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The `application/x-www-form-urlencoded` body as name → value.
        var form: [String: String] {
            var fields: [String: String] = [:]
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                fields[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return fields
        }
    }

    /// What the server does with a request.
    enum Action: Sendable {
        /// Answer after an optional delay (sent before the response head).
        case respond(
            status: Int, headers: [(String, String)] = [], body: Data = Data(), delay: Duration? = nil)
        /// Send the head and part of the body, then close the connection.
        case truncate(status: Int, headers: [(String, String)] = [], partialBody: Data)
        /// Close the connection without answering.
        case close
        /// Reset the connection (TCP RST through SO_LINGER 0) without answering.
        case reset

        static func json(_ body: String, headers: [(String, String)] = [], delay: Duration? = nil)
            -> Action
        {
            json(200, body, headers: headers, delay: delay)
        }

        static func json(
            _ status: Int, _ body: String, headers: [(String, String)] = [], delay: Duration? = nil
        ) -> Action {
            .respond(
                status: status, headers: [("Content-Type", "application/json")] + headers,
                body: Data(body.utf8),
                delay: delay)
        }

        static func text(_ status: Int, _ body: String = "", headers: [(String, String)] = []) -> Action {
            .respond(
                status: status, headers: [("Content-Type", "text/plain")] + headers, body: Data(body.utf8))
        }
    }

    typealias Handler = @Sendable (Request) -> Action

    private let channel: any Channel
    private let recorded = Mutex<[Request]>([])
    private let inFlight = Mutex<(current: Int, peak: Int)>((0, 0))
    let port: Int

    /// The server's base URL, `http://127.0.0.1:<port>`.
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    func url(_ pathAndQuery: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)")!
    }

    /// Every request received so far, in arrival order.
    var requests: [Request] { recorded.withLock { $0 } }

    /// The most requests that were being answered at the same time.
    var peakInFlight: Int { inFlight.withLock { $0.peak } }

    /// How many requests hit `path`.
    func count(path: String) -> Int { requests.filter { $0.path == path }.count }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Starts a server answering with `handler`.
    static func start(_ handler: @escaping Handler) async throws -> ScriptedHTTPServer {
        let box = ServerBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(
                        ScriptedHandler(
                            handler: handler, record: { box.server?.record($0) },
                            finished: { box.server?.finished() }))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else { throw ServerError.noPort }
        let server = ScriptedHTTPServer(channel: channel, port: port)
        box.server = server
        return server
    }

    /// Starts a server, runs `body` with it, and stops it.
    static func with<T>(
        _ handler: @escaping Handler, _ body: (ScriptedHTTPServer) async throws -> T
    ) async throws -> T {
        let server = try await start(handler)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    func stop() async throws {
        try await channel.close()
    }

    private func record(_ request: Request) {
        recorded.withLock { $0.append(request) }
        inFlight.withLock { state in
            state.current += 1
            state.peak = max(state.peak, state.current)
        }
    }

    private func finished() {
        inFlight.withLock { $0.current -= 1 }
    }

    enum ServerError: Error { case noPort }
}

/// Breaks the reference cycle between the bootstrap's initializer and the server it creates.
private final class ServerBox: @unchecked Sendable {
    // Written once before the first connection can arrive, read afterwards.
    nonisolated(unsafe) weak var server: ScriptedHTTPServer?
}

private final class ScriptedHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let handler: ScriptedHTTPServer.Handler
    private let record: @Sendable (ScriptedHTTPServer.Request) -> Void
    private let finished: @Sendable () -> Void
    private var head: HTTPRequestHead?
    private var body = Data()

    init(
        handler: @escaping ScriptedHTTPServer.Handler,
        record: @escaping @Sendable (ScriptedHTTPServer.Request) -> Void,
        finished: @escaping @Sendable () -> Void
    ) {
        self.handler = handler
        self.record = record
        self.finished = finished
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = Data()
        case .body(var buffer):
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .end:
            guard let head else { return }
            let request = ScriptedHTTPServer.Request(
                method: head.method.rawValue, uri: head.uri,
                headers: head.headers.map { ($0.name, $0.value) },
                body: body)
            record(request)
            perform(handler(request), context: context, keepAlive: head.isKeepAlive)
        }
    }

    private func perform(
        _ action: ScriptedHTTPServer.Action, context: ChannelHandlerContext, keepAlive: Bool
    ) {
        switch action {
        case .respond(let status, let headers, let body, let delay):
            guard let delay else {
                write(status: status, headers: headers, body: body, context: context, keepAlive: keepAlive)
                return
            }
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: TimeAmount(delay)) {
                let (handler, context) = loopBound.value
                guard context.channel.isActive else {
                    handler.finished()
                    return
                }
                handler.write(
                    status: status, headers: headers, body: body, context: context, keepAlive: keepAlive)
            }
        case .truncate(let status, let headers, let partialBody):
            finished()
            var head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: status))
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            head.headers.replaceOrAdd(name: "Content-Length", value: String(partialBody.count + 1000))
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: partialBody)))))
                .whenComplete { _ in loopBound.value.close(promise: nil) }
        case .close:
            finished()
            context.close(promise: nil)
        case .reset:
            finished()
            // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            guard let provider = context.channel as? any SocketOptionProvider else {
                context.close(promise: nil)
                return
            }
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in
                loopBound.value.close(promise: nil)
            }
        }
    }

    private func write(
        status: Int, headers: [(String, String)], body: Data, context: ChannelHandlerContext,
        keepAlive: Bool
    ) {
        finished()
        var head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: status))
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        head.headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
        if !keepAlive { head.headers.replaceOrAdd(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            written.whenComplete { _ in loopBound.value.close(promise: nil) }
        }
    }
}
