import BatonProto
import GRPCCore

/// The rate limiter a Go parent consults before every call. baton-swift connectors pace themselves in their HTTP
/// client, so this one never limits: it echoes the request token with EMPTY. (UNSPECIFIED would make a Go parent
/// skip the call it asked about and treat it as an empty success.)
struct RateLimiterServiceProvider: C1_Ratelimit_V1_RateLimiterService.SimpleServiceProtocol {
    func `do`(request: C1_Ratelimit_V1_DoRequest, context: ServerContext) async throws -> C1_Ratelimit_V1_DoResponse {
        var response = C1_Ratelimit_V1_DoResponse()
        response.requestToken = request.requestToken
        response.description_p.status = .empty
        return response
    }

    func report(request: C1_Ratelimit_V1_ReportRequest, context: ServerContext) async throws
        -> Google_Protobuf_Empty
    {
        Google_Protobuf_Empty()
    }
}
