public import HTTPTypes
public import Hummingbird

/// What a running server tells its service once it is bound.
public struct MockEnvironment: Sendable {
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    public var baseURL: String
    /// The options the server runs with.
    public var options: MockOptions

    /// Creates an environment.
    public init(baseURL: String, options: MockOptions) {
        self.baseURL = baseURL
        self.options = options
    }
}

/// One mocked service (Okta, GitHub, Jira, …) plugged into `MockServer`.
///
/// The kit owns the server, the knobs and the `/__mock/*` endpoints; the service supplies its routes,
/// its credential check, and its own renderings of rate-limit, fault and error responses. Requests to
/// the service's routes pass, in order: auth → rate limit → faults → latency → route.
public protocol MockService: Sendable {
    /// Short name used in logs (`okta`).
    var name: String { get }

    /// Called once the server is bound and before `MockServer.start` returns.
    func prepare(_ environment: MockEnvironment)

    /// Registers the service's routes on a group that the kit's middleware chain wraps.
    func addRoutes(to routes: RouterGroup<MockRequestContext>)

    /// Checks a request's credentials like the real service.
    ///
    /// - Returns: nil to let the request through, or the service's 401/403 response.
    func authenticate(_ request: Request, context: MockRequestContext) -> Response?

    /// The service's rejection of a request over the rate limit (status, headers and body).
    func rateLimitedResponse(_ status: RateLimitStatus, request: Request) -> Response

    /// Adds rate-limit headers to every service response; `status` is nil when limiting is off.
    func addRateLimitHeaders(_ status: RateLimitStatus?, to headers: inout HTTPFields)

    /// The service's body for an injected 500/502/503.
    func faultResponse(_ status: HTTPResponse.Status) -> Response

    /// Renders an error thrown by a route that is not already an `HTTPResponseError`.
    func errorResponse(for error: any Error, request: Request) -> Response

    /// The whole tenant as JSON, for `GET /__mock/truth`: everything a connector should sync.
    func truth() -> ByteBuffer

    /// Restores the tenant as generated (for `POST /__mock/reset`).
    func reset()

    /// One line per accepted credential, for `baton-mock` to print.
    func credentialHelp() -> [String]
}

extension MockService {
    public func addRateLimitHeaders(_ status: RateLimitStatus?, to headers: inout HTTPFields) {}

    public func errorResponse(for error: any Error, request: Request) -> Response {
        Response(status: .internalServerError)
    }

    public func faultResponse(_ status: HTTPResponse.Status) -> Response {
        Response(status: status)
    }

    public func rateLimitedResponse(_ status: RateLimitStatus, request: Request) -> Response {
        var headers = HTTPFields()
        headers[.retryAfter] = String(status.retryAfterSeconds)
        return Response(status: .tooManyRequests, headers: headers)
    }
}
