import HTTPTypes
public import Hummingbird
import NIOCore

/// A server that misbehaves on purpose, for proving that clients fail cleanly: one clear error, a
/// non-zero exit, no crash and no hang. Every GET (any path) answers according to the mode, in the JSON
/// shape of the service it plays (``Dialect``), so that a client gets past decoding to the guard the mode is
/// about; auth is not checked.
public struct HostileService: MockService {
    /// How the server misbehaves.
    public enum Mode: String, Sendable, CaseIterable {
        /// `200` with JSON cut off in the middle.
        case malformedJSON = "malformed-json"
        /// `200` with well-formed JSON whose fields have the wrong types.
        case wrongTypes = "wrong-types"
        /// `200` with a page of one item whose strings are `hugeStringBytes` long, streamed (the server never
        /// holds it): over a client's response size limit when the strings are.
        case hugeStrings = "huge-strings"
        /// A listing that never advances: a one-item page whose `Link: rel="next"` names the very same URL, and
        /// (for offset paging) the same page whatever offset is asked for.
        case samePageToken = "same-page-token"
        /// Accepts the request and never answers.
        case neverAnswer = "never-answer"
    }

    /// The service whose JSON shapes the answers take.
    public enum Dialect: String, Sendable, CaseIterable {
        /// Arrays of users, groups and apps (`id`, `status`, `profile`).
        case okta
        /// Arrays of accounts, orgs, teams and repositories (numeric `id`, `login`, `slug`); single objects for
        /// lookups; `{"roles": […]}` for organization roles.
        case github
        /// Bare arrays of users (`accountId`) for the user searches, `{startAt, isLast, values}` envelopes for
        /// groups, members and projects, objects for a project or role.
        case jira
    }

    /// Length of each string in `huge-strings` mode (64 MiB by default).
    public var hugeStringBytes: Int
    public let mode: Mode
    public let dialect: Dialect
    public var name: String { "hostile" }

    /// Creates the service.
    public init(mode: Mode, dialect: Dialect = .okta, hugeStringBytes: Int = 64 << 20) {
        self.mode = mode
        self.dialect = dialect
        self.hugeStringBytes = hugeStringBytes
    }

    public func prepare(_ environment: MockEnvironment) {}

    public func addRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.get("**") { request, _ in try await respond(request) }
    }

    public func authenticate(_ request: Request, context: MockRequestContext) -> Response? { nil }

    public func truth() -> ByteBuffer {
        ByteBuffer(string: #"{"mode":"\#(mode.rawValue)","dialect":"\#(dialect.rawValue)"}"#)
    }

    public func reset() {}

    public func credentialHelp() -> [String] { ["any credentials (mode \(mode.rawValue), \(dialect.rawValue))"] }

    private func respond(_ request: Request) async throws -> Response {
        let shape = HostileShape(dialect: dialect, path: request.uri.path)
        switch mode {
        case .malformedJSON:
            let body = shape.body(item: shape.item)
            return .json(Array(body.utf8.prefix(body.utf8.count * 2 / 3)))
        case .wrongTypes:
            return .json(Array(shape.body(item: shape.wrongTypesItem).utf8))
        case .hugeStrings:
            return Self.streaming(shape.body(item: shape.hugeItem), huge: hugeStringBytes)
        case .samePageToken:
            let url = "http://\(request.head.authority ?? "127.0.0.1")\(request.uri.description)"
            var headers = HTTPFields()
            headers[.link] = "<\(url)>; rel=\"next\""
            return .json(Array(shape.body(item: shape.item).utf8), headers: headers)
        case .neverAnswer:
            // Sleeps until the client gives up and the server shuts down.
            try await Task.sleep(for: .seconds(86_400))
            return Response(status: .gatewayTimeout)
        }
    }

    /// `template` with every ``HostileShape/huge`` marker replaced by `huge` letters, written a chunk at a time
    /// under its full `Content-Length`.
    private static func streaming(_ template: String, huge: Int) -> Response {
        let parts = template.split(separator: HostileShape.huge, omittingEmptySubsequences: false).map(String.init)
        let length = parts.reduce(0) { $0 + $1.utf8.count } + (parts.count - 1) * huge
        let body = ResponseBody(contentLength: length) { writer in
            let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 1 << 20)
            for (index, part) in parts.enumerated() {
                if index > 0 {
                    var left = huge
                    while left > 0 {
                        try await writer.write(chunk.getSlice(at: 0, length: min(left, chunk.readableBytes)) ?? chunk)
                        left -= chunk.readableBytes
                    }
                }
                try await writer.write(ByteBuffer(string: part))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }
}

/// The JSON a path of one service answers with: an item in that service's shape, wrapped as the path expects.
struct HostileShape {
    /// Where a huge string goes in ``hugeItem``.
    static let huge = "\u{1}HUGE\u{1}"

    enum Wrapping {
        case array, object, envelope, roles
        /// A Jira role, whose `id` is a number where every other Jira id is a string.
        case jiraRole
    }

    let dialect: HostileService.Dialect
    let wrapping: Wrapping

    init(dialect: HostileService.Dialect, path: String) {
        self.dialect = dialect
        let segments = path.split(separator: "/").map(String.init)
        switch dialect {
        case .okta:
            wrapping = .array
        case .github:
            wrapping = Self.githubWrapping(segments)
        case .jira:
            if ["bulk", "member"].contains(segments.last) || segments.suffix(2) == ["project", "search"] {
                wrapping = .envelope
            } else if segments.last == "search" {
                wrapping = .array
            } else if segments.dropLast().last == "role" {
                wrapping = .jiraRole
            } else {
                wrapping = .object
            }
        }
    }

    private static func githubWrapping(_ path: [String]) -> Wrapping {
        // GitHub Enterprise Server (and the mock) serve the REST API under /api/v3.
        let segments = path.starts(with: ["api", "v3"]) ? Array(path.dropFirst(2)) : path
        let lookups: Set<String> = ["orgs", "organizations", "user", "repositories"]
        switch segments.count {
        case _ where segments.contains("memberships"): return .object
        case _ where segments.last == "organization-roles": return .roles
        case 2 where lookups.contains(segments[0]) && segments != ["user", "orgs"]: return .object
        case 3 where segments[0] == "repos": return .object
        case 4 where ["team", "organization-roles"].contains(segments[2]): return .object
        default: return .array
        }
    }

    /// A well-formed item with every key the service's connector requires.
    var item: String {
        switch dialect {
        case .okta:
            #"{"id":"00u1","status":"ACTIVE","login":"ada","profile":{"login":"ada@example.com","name":"Ada"}}"#
        case .github:
            #"{"id":1,"login":"ada","name":"ada","slug":"ada","state":"active","role":"admin","roles":[]}"#
        case .jira:
            #"{"accountId":"5b10a","accountType":"atlassian","displayName":"Ada","emailAddress":"ada@example.com","#
                + #""active":true,"name":"ada","groupId":"g1","id":"10000","key":"ADA"}"#
        }
    }

    /// The item with a number, a list, an object or a bool where the service sends a string (and back).
    var wrongTypesItem: String {
        switch dialect {
        case .okta: #"{"id":17,"status":["ACTIVE"],"profile":"ada","login":{"a":1},"name":false}"#
        case .github: #"{"id":"one","login":17,"name":["ada"],"slug":{"a":1},"state":false,"role":1}"#
        case .jira: #"{"accountId":17,"displayName":["Ada"],"active":"yes","name":{"a":1},"groupId":false,"id":1}"#
        }
    }

    /// The item with its strings replaced by ``huge`` markers.
    var hugeItem: String {
        let h = Self.huge
        switch dialect {
        case .okta:
            return #"{"id":"\#(h)","status":"\#(h)","profile":{"login":"\#(h)","email":"\#(h)"}}"#
        case .github:
            return #"{"id":1,"login":"\#(h)","name":"\#(h)","slug":"\#(h)","state":"active","role":"admin"}"#
        case .jira:
            return #"{"accountId":"\#(h)","displayName":"\#(h)","name":"\#(h)","id":"\#(h)","key":"\#(h)"}"#
        }
    }

    /// `item` wrapped as this path answers: a page of one, the object itself, or an envelope that claims more
    /// pages (and, ignoring the offset asked for, always starts at 0).
    func body(item: String) -> String {
        switch wrapping {
        case .array: "[\(item)]"
        case .object: item
        case .envelope: #"{"startAt":0,"maxResults":50,"isLast":false,"values":[\#(item)]}"#
        case .roles: #"{"total_count":1,"roles":[\#(item)]}"#
        case .jiraRole: #"{"id":10002,"name":"Administrators","actors":[]}"#
        }
    }
}

extension HTTPField.Name {
    fileprivate static let link = HTTPField.Name.literal("Link")
}
