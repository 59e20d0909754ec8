import BatonSDK
public import Foundation
import Logging

/// The HTTP client connectors use: authorization, retries with backoff, rate-limit parsing, limits, a GET cache and
/// redacted logging over one shared AsyncHTTPClient pool.
///
/// ```swift
/// let client = BatonHTTPClient(
///     configuration: .init(userAgent: "baton-okta", timeout: .seconds(httpTimeoutSeconds)),
///     authenticator: .ssws(apiToken))
/// let (users, response) = try await client.decode(
///     HTTPRequest(.get, url: usersURL, query: [("limit", "200")]), as: [User].self)
/// let next = try bag.nextToken(fromNextLinkOf: response)
/// ```
///
/// Non-2xx responses throw a `BatonError` whose code follows ``HTTPStatusMapping`` and whose `rateLimit` carries
/// the response's rate-limit state; transport failures throw the codes of ``TransportFailure``.
public final class BatonHTTPClient: Sendable {
    /// The settings this client was created with.
    public let configuration: Configuration
    /// The credentials added to every request, if any.
    public let authenticator: (any Authenticator)?

    let transport: HTTPTransport
    let cache: ResponseCache?
    let concurrencyLimiter: ConcurrencyLimiter?
    let rateLimiter: RequestRateLimiter?

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: settings; the transport defaults to ``HTTPTransport/shared``.
    ///   - authenticator: adds credentials to each request.
    public init(
        configuration: Configuration = Configuration(), authenticator: (any Authenticator)? = nil
    ) {
        self.configuration = configuration
        self.authenticator = authenticator
        transport = configuration.transport ?? .shared
        if configuration.cache.isEnabled {
            let cache = ResponseCache(configuration: configuration.cache)
            if configuration.cache.clearedAtSyncEnd { ResponseCacheRegistry.register(cache) }
            self.cache = cache
        } else {
            cache = nil
        }
        concurrencyLimiter = configuration.maxConcurrentRequests.map { ConcurrencyLimiter(limit: $0) }
        rateLimiter = configuration.requestsPerSecond.map { RequestRateLimiter(requestsPerSecond: $0) }
    }

    /// Sends a request, retrying per the policy, and returns the response.
    ///
    /// - Throws: `BatonError`: the mapped status error for a non-2xx status not in
    ///   ``HTTPRequest/acceptedStatuses``, or a transport error.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await send(request) { _ in false }
    }

    /// Sends a request like ``send(_:)``, but returns a refused response for which `isAnswer` holds instead of
    /// throwing it: a call that treats "already a member" or "not found" as an answer, not a failure. Retries
    /// happen first, so a retryable status is only an answer once the retries are spent.
    ///
    /// - Throws: `BatonError`: the service's error (``Configuration/errorResponse``) or the mapped status error for
    ///   any other refusal, or a transport error.
    public func send(_ request: HTTPRequest, answering isAnswer: (HTTPResponse) -> Bool) async throws
        -> HTTPResponse
    {
        var request = request
        let body = try prepare(&request)
        var retry = 0
        var refreshedCredentials = false
        while true {
            var attempt = request
            if let authenticator {
                try await authenticator.authorize(&attempt)
            }
            let cacheKey = cacheKey(for: attempt)
            if let cacheKey, let cache, let entry = await cache.lookup(cacheKey) {
                log(cacheHit: attempt)
                return HTTPResponse(
                    method: attempt.method, url: attempt.resolvedURL, status: entry.status, reason: entry.reason,
                    headers: entry.headers, body: entry.body, isFromCache: true)
            }

            let response: HTTPResponse
            do {
                response = try await perform(attempt, body: body)
            } catch let failure as TransportFailure {
                guard let wait = transportRetryWait(failure, attempt: attempt, retry: retry + 1) else {
                    throw failure.error(method: attempt.method, target: attempt.target)
                }
                retry += 1
                try await sleep(
                    wait, reason: .transport(failure), retry: retry, request: attempt, rateLimit: nil)
                continue
            }

            if response.status == 401, !refreshedCredentials, let authenticator,
                await authenticator.didReceiveUnauthorized(for: attempt)
            {
                refreshedCredentials = true
                configuration.logger.debug("HTTP 401: retrying once with refreshed credentials")
                continue
            }
            if response.isSuccess || attempt.acceptedStatuses.contains(response.status) {
                if let cacheKey, let cache, response.status == 200 {
                    await cache.store(
                        cacheKey, status: response.status, reason: response.reason, headers: response.headers,
                        body: response.body)
                }
                return response
            }

            let rateLimited = isRateLimited(response)
            let error = statusError(for: response, rateLimited: rateLimited)
            if let (wait, reason) = statusRetryWait(
                response, rateLimited: rateLimited, attempt: attempt, retry: retry + 1)
            {
                retry += 1
                try await sleep(
                    wait, reason: reason, retry: retry, request: attempt, rateLimit: response.rateLimit)
                continue
            }
            if isAnswer(response) { return response }
            throw rateLimited ? error : configuration.errorResponse?(response) ?? error
        }
    }

    /// Sends a request expecting JSON and decodes the body (adds `Accept: application/json` when absent).
    ///
    /// - Throws: the errors of ``send(_:)``, and `BatonError` `.unknown` with the reference texts when the content
    ///   type is not JSON or the body does not decode.
    public func decode<T: Decodable>(
        _ request: HTTPRequest, as type: T.Type = T.self, decoder: JSONDecoder? = nil
    ) async throws -> (T, HTTPResponse) {
        var request = request
        if !request.headers.contains("Accept") {
            request.headers["Accept"] = "application/json"
        }
        let response = try await send(request)
        return (try response.decodeJSON(T.self, decoder: decoder), response)
    }

    /// Empties this client's GET cache.
    public func clearCache() async {
        await cache?.clear()
    }

    /// Empties the GET cache of every client in the process (call at the end of a sync, as the reference's
    /// `ClearCaches`).
    public static func clearAllCaches() async {
        await ResponseCacheRegistry.clearAll()
    }

    /// Cache hits, misses and live entries of this client (zeros when caching is off).
    public func cacheStatistics() async -> (hits: Int, misses: Int, entries: Int) {
        guard let cache else { return (0, 0, 0) }
        return await (cache.hits, cache.misses, cache.count)
    }
}

// MARK: - Retry decisions

extension BatonHTTPClient {
    private var policy: HTTPRetryPolicy { configuration.retry }

    private func transportRetryWait(_ failure: TransportFailure, attempt: HTTPRequest, retry: Int)
        -> Duration?
    {
        guard policy.retriesTransportFailures, failure.isTransient, retry < policy.maxAttempts,
            failure != .timeout || retry < policy.maxTimeoutAttempts,
            attempt.isRetrySafe || failure.isBeforeSend
        else { return nil }
        return policy.wait(beforeRetry: retry, serverDelay: nil)
    }

    private func statusRetryWait(
        _ response: HTTPResponse, rateLimited: Bool, attempt: HTTPRequest, retry: Int
    ) -> (Duration, RetryWait.Reason)? {
        guard policy.retryableStatuses.contains(response.status) || rateLimited, attempt.isRetrySafe,
            retry < policy.maxAttempts
        else { return nil }
        let serverDelay = Self.serverDelay(of: response, rateLimited: rateLimited)
        guard let wait = policy.wait(beforeRetry: retry, serverDelay: serverDelay) else {
            configuration.logger.debug(
                "HTTP retry skipped: server asks to wait longer than the client's cap",
                metadata: ["http.target": "\(attempt.target)", "http.status": "\(response.status)"])
            return nil
        }
        return (wait, rateLimited ? .rateLimited : .serverStatus(response.status))
    }

    /// How long the server asked us to wait: `Retry-After`, else (when rate limited) the rate-limit reset.
    static func serverDelay(of response: HTTPResponse, rateLimited: Bool, now: Date = Date())
        -> Duration?
    {
        let names = rateLimited ? ["Retry-After"] + RateLimitParser.resetHeaders : ["Retry-After"]
        for name in names {
            if let value = response.headers[name], let date = RateLimitParser.parseReset(value, now: now) {
                return .seconds(max(0, date.timeIntervalSince(now)))
            }
        }
        return nil
    }

    private func isRateLimited(_ response: HTTPResponse) -> Bool {
        if response.status == 429 { return true }
        guard configuration.treatsExhaustedForbiddenAsRateLimited, response.status == 403 else {
            return false
        }
        // GitHub's secondary limits answer 403 with `Retry-After` while the primary budget remains.
        if response.headers["Retry-After"] != nil { return true }
        return RateLimitParser.remainingHeaders.contains { name in
            response.headers[name].flatMap(RateLimitParser.parseCount) == 0
        }
    }

    private func statusError(for response: HTTPResponse, rateLimited: Bool) -> BatonError {
        let error = response.statusError
        guard rateLimited && response.status != 429 else { return error }
        var rateLimit = response.rateLimit
        rateLimit?.status = .overLimit
        return BatonError(
            .unavailable, error.message, httpStatus: response.status, rateLimit: rateLimit)
    }

    private func sleep(
        _ wait: Duration, reason: RetryWait.Reason, retry: Int, request: HTTPRequest,
        rateLimit: RateLimitInfo?
    ) async throws {
        let event = RetryWait(
            reason: reason, duration: wait, retry: retry, request: "\(request.method) \(request.target)",
            rateLimit: rateLimit)
        configuration.logger.notice(
            "HTTP retry after wait",
            metadata: [
                "http.request": "\(event.request)", "http.retry": "\(retry)",
                "http.wait_ms": "\(wait.milliseconds)",
                "http.reason": "\(reason)",
            ])
        configuration.waitObserver?(event)
        do {
            try await Task.sleep(for: wait)
        } catch {
            throw BatonError(
                .cancelled, "\(request.method) \(request.target): cancelled while waiting to retry")
        }
    }

    private func cacheKey(for request: HTTPRequest) -> String? {
        guard cache != nil, request.method == .get, !request.noCache,
            request.headers["Cache-Control"]?.lowercased() != "no-cache"
        else { return nil }
        return ResponseCache.key(for: request, keyHeaders: configuration.cache.keyHeaders)
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
