public import HTTPTypes
import Hummingbird

/// Shared state of one running mock: the service, its knobs and its counters.
final class MockRuntime: Sendable {
    let service: any MockService
    let options: MockOptions
    let stats = RequestStats()
    let limiter: RateLimiter?

    init(service: any MockService, options: MockOptions) {
        self.service = service
        self.options = options
        self.limiter = options.rateLimit.map(RateLimiter.init(limit:))
    }

    /// The fault (if any) for a request, drawn from its own random stream.
    func fault(_ rng: inout SplitMix64) -> FaultKind? {
        let roll = rng.unit()
        let kindRoll = rng.unit()
        guard roll < options.faultRate, !options.faultKinds.isEmpty else { return nil }
        return options.faultKinds[min(Int(kindRoll * Double(options.faultKinds.count)), options.faultKinds.count - 1)]
    }

    /// The latency (fixed + jitter) for a request, drawn from its own random stream.
    func latency(_ rng: inout SplitMix64) -> Duration {
        let roll = rng.unit()
        return options.latency + options.jitter * roll
    }
}

/// The chain in front of every service route: auth → rate limit → faults → latency → route, then
/// rate-limit headers and counting. The kit's own `/__mock/*` routes are not behind it.
struct MockChainMiddleware: RouterMiddleware {
    typealias Context = MockRequestContext

    let runtime: MockRuntime

    func handle(
        _ request: Request, context: MockRequestContext,
        next: (Request, MockRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let index = runtime.stats.nextIndex()
        context.requestIndex = index
        let route = "\(request.method.rawValue) \(context.endpointPath ?? request.uri.path)"
        let service = runtime.service

        if let denied = service.authenticate(request, context: context) {
            record(route, denied, fault: nil, rateLimited: false, authFailed: true)
            return denied
        }

        let limit = runtime.limiter?.take(now: runtime.options.now())
        if let limit, limit.exceeded {
            var response = service.rateLimitedResponse(limit, request: request)
            service.addRateLimitHeaders(limit, to: &response.headers)
            record(route, response, fault: nil, rateLimited: true, authFailed: false)
            return response
        }

        var rng = SplitMix64(seed: runtime.options.seed, stream: UInt64(index))
        let fault = runtime.fault(&rng)
        var response: Response
        switch fault {
        case .internalServerError?:
            response = service.faultResponse(.internalServerError)
        case .badGateway?:
            response = service.faultResponse(.badGateway)
        case .serviceUnavailable?:
            response = service.faultResponse(.serviceUnavailable)
        case .drop?:
            response = Response(status: .internalServerError)
            response.headers[.mockFault] = FaultKind.drop.rawValue
        case .truncate?, nil:
            let delay = runtime.latency(&rng)
            if delay > .zero { try await Task.sleep(for: delay) }
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            } catch {
                response = service.errorResponse(for: error, request: request)
            }
            if fault == .truncate { response.headers[.mockFault] = FaultKind.truncate.rawValue }
        }
        service.addRateLimitHeaders(limit, to: &response.headers)
        record(
            route, response, fault: fault, rateLimited: false, authFailed: false,
            read: request.method == .get ? request.uri.description : nil)
        return response
    }

    private func record(
        _ route: String, _ response: Response, fault: FaultKind?, rateLimited: Bool, authFailed: Bool,
        read: String? = nil
    ) {
        let status = fault == .drop ? 0 : response.status.code
        runtime.stats.record(
            route: route, status: status, fault: fault, rateLimited: rateLimited, authFailed: authFailed, read: read)
    }
}

extension HTTPField.Name {
    /// The internal marker that `FaultChannelHandler` acts on and strips.
    static let mockFault = HTTPField.Name.literal(faultMarkerHeader)

    /// A header name from a literal known to be a valid token (checked once, at first use).
    public static func literal(_ name: StaticString) -> HTTPField.Name {
        guard let field = HTTPField.Name(name.description) else {
            preconditionFailure("invalid header name literal \(name)")
        }
        return field
    }
}
