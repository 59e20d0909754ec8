import BatonServer
import BatonStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The explorer's HTTP server: the access page at `/`, its JSON API under `/api/`, nothing else.
///
/// Read-only: only GET routes exist. Answers carry the page's Content-Security-Policy and are not
/// cached (they hold identity data). Requests whose `Host` is not the address the server was started
/// on are refused, so a web page elsewhere cannot read the API through a rebound DNS name.
final class ExplorerServer: Sendable {
    /// `http://host:port`.
    let baseURL: String
    let port: Int
    private let server: RunningServer

    private init(baseURL: String, server: RunningServer) {
        self.baseURL = baseURL
        self.port = server.port
        self.server = server
    }

    /// Binds `host:port` (port 0: any free port) and serves `api`; returns once the port is bound.
    ///
    /// - Parameter stopOnSignals: stop gracefully on SIGINT and SIGTERM (the command line's Ctrl-C).
    static func start(
        _ api: ExplorerAPI, title: String, host: String, port: Int, stopOnSignals: Bool
    ) async throws -> ExplorerServer {
        var logger = Logger(label: "baton.explorer")
        logger.logLevel = .error
        let page = AccessPage.html(.api(path: "/api", title: title))
        let policy = AccessPage.contentSecurityPolicy(.api(path: "/api", title: title))
        let allowedHosts = AllowedHosts()
        let router = Router()
        router.add(middleware: ExplorerHeaders(policy: policy, allowedHosts: allowedHosts))
        addRoutes(to: router, api: api, page: page)
        let server: RunningServer
        do {
            server = try await RunningServer.start(
                router: router, host: host, port: port, stopOnSignals: stopOnSignals, logger: logger
            ) { boundPort in
                allowedHosts.names.withLock { $0 = Self.hostNames(host, port: boundPort) }
            }
        } catch is RunningServerError {
            throw InspectError(.invalidArguments, "the explorer could not listen on \(host):\(port)")
        }
        return ExplorerServer(baseURL: "http://" + urlHost(host) + ":\(server.port)", server: server)
    }

    /// Stops accepting, lets requests in flight finish, and returns when the server has stopped.
    func stop() async throws {
        try await server.stop()
    }

    /// Returns when the server stops (after SIGINT or SIGTERM when started with `stopOnSignals`).
    func waitUntilStopped() async throws {
        try await server.waitUntilStopped()
    }

    /// Whether `host` is a loopback address, reachable only from this machine.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    private static func urlHost(_ host: String) -> String {
        if host == "0.0.0.0" || host == "::" { return "localhost" }
        return host.contains(":") ? "[\(host)]" : host
    }

    /// The `Host` header values a browser sends for this server.
    private static func hostNames(_ host: String, port: Int) -> Set<String> {
        var names: Set<String> = [
            urlHost(host) + ":\(port)", "localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)",
        ]
        if !isLoopback(host) {
            // Bound to a wider address on request: any name the machine is reached by is expected.
            names = []
        }
        return names
    }

    private static func addRoutes(to router: Router<BasicRequestContext>, api: ExplorerAPI, page: String) {
        router.get("/") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        let routes: [(String, @Sendable (Request) throws -> String)] = [
            ("/api/overview", { _ in api.overviewJSON }),
            ("/api/types", { _ in api.typesJSON }),
            (
                "/api/resources",
                { request in
                    try api.resources(
                        query: request.query("q"), typeID: request.query("type").nonEmpty,
                        cursor: request.query("cursor"))
                }
            ),
            (
                "/api/resource",
                { request in try api.resource(typeID: request.query("type"), id: request.query("id")) }
            ),
            (
                "/api/holders",
                { request in
                    try api.holders(entitlementID: request.query("entitlement"), cursor: request.query("cursor"))
                }
            ),
            (
                "/api/access",
                { request in
                    try api.access(
                        typeID: request.query("type"), id: request.query("id"), cursor: request.query("cursor"))
                }
            ),
        ]
        for (path, answer) in routes {
            router.get(RouterPath(path)) { request, _ in
                do {
                    return json(.ok, try answer(request))
                } catch {
                    var object = JSONObject()
                    object.add("error", string: "\(error)")
                    return json(.badRequest, object.text)
                }
            }
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The `Host` header values the server answers; empty: any (a server bound to a non-loopback address).
private final class AllowedHosts: Sendable {
    let names = Mutex<Set<String>>([])
}

/// Security headers on every answer, and the `Host` check.
private struct ExplorerHeaders: RouterMiddleware {
    typealias Context = BasicRequestContext
    let policy: String
    let allowedHosts: AllowedHosts

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let host = request.head.authority ?? ""
        let allowed = allowedHosts.names.withLock { $0.isEmpty || $0.contains(host) }
        var response =
            allowed
            ? try await next(request, context)
            : Response(status: .misdirectedRequest, body: .init(byteBuffer: ByteBuffer(string: "unknown host\n")))
        response.headers[.contentSecurityPolicy] = policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.cacheControl] = "no-store"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}

extension Request {
    /// A query parameter, "" when absent.
    fileprivate func query(_ name: String) -> String {
        uri.queryParameters.get(name) ?? ""
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
