import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

/// A minimal service for testing the kit: `GET /items` (a 2 kB JSON list), `POST /items` (adds one),
/// bearer auth with the configured secret (default `secret`), a 429 with `Retry-After`.
final class ItemsService: MockService {
    let name = "items"
    private let state = Mutex<(items: [String], secret: String)>((["a", "b"], "secret"))

    func prepare(_ environment: MockEnvironment) {
        let secret = environment.options.credentials?.secret ?? "secret"
        state.withLock { $0.secret = secret }
    }

    func addRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.get("/items") { _, context in
            let items = self.state.withLock { $0.items }
            var json = JSONWriter()
            json.object { json in
                json.key("items")
                json.array { json in for item in items { json.string(item) } }
                json.field("padding", String(repeating: "x", count: 2000))
                json.field("requestIndex", context.requestIndex)
            }
            return Response.json(json.bytes)
        }
        routes.post("/items") { request, _ in
            let body = try JSONValue(parsing: try await request.collectBody())
            self.state.withLock { $0.items.append(body["name"]?.stringValue ?? "?") }
            return Response(status: .created)
        }
        routes.get("/boom") { _, _ -> Response in
            throw BoomError()
        }
    }

    struct BoomError: Error {}

    func authenticate(_ request: Request, context: MockRequestContext) -> Response? {
        let expected = "Bearer " + state.withLock { $0.secret }
        guard request.headers[.authorization] == expected else {
            return Response.json(Array(#"{"message":"Bad credentials"}"#.utf8), status: .unauthorized)
        }
        return nil
    }

    func addRateLimitHeaders(_ status: RateLimitStatus?, to headers: inout HTTPFields) {
        guard let status else { return }
        headers[HTTPField.Name.literal("X-Test-Remaining")] = String(status.remaining)
    }

    func errorResponse(for error: any Error, request: Request) -> Response {
        Response.json(Array(#"{"message":"internal"}"#.utf8), status: .internalServerError)
    }

    func truth() -> ByteBuffer {
        var json = JSONWriter()
        json.array { json in for item in state.withLock({ $0.items }) { json.string(item) } }
        return ByteBuffer(bytes: json.bytes)
    }

    func reset() {
        state.withLock { $0.items = ["a", "b"] }
    }

    func credentialHelp() -> [String] { ["Authorization: Bearer secret"] }
}
