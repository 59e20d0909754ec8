import HTTPTypes
public import Hummingbird
import NIOCore

/// A server that misbehaves on purpose, for proving that clients fail cleanly: one clear error, a
/// non-zero exit, no crash and no hang. Every GET (any path) answers according to the mode; auth is
/// not checked.
public struct HostileService: MockService {
    /// How the server misbehaves.
    public enum Mode: String, Sendable, CaseIterable {
        /// `200` with JSON cut off in the middle.
        case malformedJSON = "malformed-json"
        /// `200` with well-formed JSON whose fields have the wrong types.
        case wrongTypes = "wrong-types"
        /// `200` with a JSON array of one object whose strings are `hugeStringBytes` long.
        case hugeStrings = "huge-strings"
        /// A one-item page whose `Link: rel="next"` names the very same URL, forever.
        case samePageToken = "same-page-token"
        /// Accepts the request and never answers.
        case neverAnswer = "never-answer"
    }

    /// Length of each string in `huge-strings` mode (64 MiB by default).
    public var hugeStringBytes: Int
    public let mode: Mode
    public var name: String { "hostile" }

    /// Creates the service.
    public init(mode: Mode, hugeStringBytes: Int = 64 << 20) {
        self.mode = mode
        self.hugeStringBytes = hugeStringBytes
    }

    public func prepare(_ environment: MockEnvironment) {}

    public func addRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.get("**") { request, _ in try await respond(request) }
    }

    public func authenticate(_ request: Request, context: MockRequestContext) -> Response? { nil }

    public func truth() -> ByteBuffer { ByteBuffer(string: #"{"mode":"\#(mode.rawValue)"}"#) }

    public func reset() {}

    public func credentialHelp() -> [String] { ["any credentials (mode \(mode.rawValue))"] }

    private func respond(_ request: Request) async throws -> Response {
        switch mode {
        case .malformedJSON:
            return .json(Array(#"[{"id":"00u1","status":"ACTIVE","profile":{"login":"ada@exa"#.utf8))
        case .wrongTypes:
            return .json(Array(#"[{"id":17,"status":["ACTIVE"],"profile":"ada","login":{"a":1},"name":false}]"#.utf8))
        case .hugeStrings:
            let huge = String(repeating: "a", count: hugeStringBytes)
            var json = JSONWriter(capacity: hugeStringBytes * 2 + 256)
            json.array { json in
                json.object { json in
                    json.field("id", huge)
                    json.field("login", huge)
                    json.field("name", huge)
                    json.key("profile")
                    json.object { json in
                        json.field("login", huge)
                        json.field("email", huge)
                    }
                }
            }
            return .json(json.bytes)
        case .samePageToken:
            let url = "http://\(request.head.authority ?? "127.0.0.1")\(request.uri.description)"
            var headers = HTTPFields()
            headers[.link] = "<\(url)>; rel=\"next\""
            return .json(
                Array(#"[{"id":"00u1","status":"ACTIVE","login":"ada","profile":{"login":"ada@example.com"}}]"#.utf8),
                headers: headers)
        case .neverAnswer:
            // Sleeps until the client gives up and the server shuts down.
            try await Task.sleep(for: .seconds(86_400))
            return Response(status: .gatewayTimeout)
        }
    }
}

extension HTTPField.Name {
    fileprivate static let link = HTTPField.Name.literal("Link")
}
