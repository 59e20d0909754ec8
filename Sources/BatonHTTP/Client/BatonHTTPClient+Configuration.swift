public import BatonSDK
public import Foundation
public import Logging

extension BatonHTTPClient {
    /// The version in the `User-Agent` product token.
    public static let version = "0.1.0"

    /// Client settings; every field has a sensible default.
    public struct Configuration: Sendable {
        /// The product name that starts the `User-Agent`: `"<userAgent> baton-swift/<version>"`.
        public var userAgent: String
        /// The time one attempt may take, response body included (`--http-timeout-seconds`, default 300 s).
        public var timeout: Duration
        /// Which failures are retried and how long the client waits.
        public var retry: HTTPRetryPolicy
        /// The most requests this client has in flight at once; `nil` for no limit beyond the pool.
        public var maxConcurrentRequests: Int?
        /// The most requests this client starts per second; `nil` for no limit.
        public var requestsPerSecond: Double?
        /// The GET response cache (from `BATON_HTTP_CACHE_*` by default).
        public var cache: CacheConfiguration
        /// Responses larger than this fail instead of exhausting memory.
        public var maxResponseBytes: Int
        /// Where request and response summaries go (debug level), with secrets redacted.
        public var logger: Logger
        /// Told about every wait before a retry, so the sync engine can account retry and rate-limit time.
        public var waitObserver: (@Sendable (RetryWait) -> Void)?
        /// Treat a 403 whose rate-limit headers say nothing remains (GitHub's primary rate limit), or that
        /// carries `Retry-After` (GitHub's secondary limits), as a 429: retried, `unavailable`, status
        /// `overLimit`. Off by default to keep the reference's 403 mapping.
        public var treatsExhaustedForbiddenAsRateLimited: Bool
        /// The connection pool to use; `nil` means ``HTTPTransport/shared``.
        public var transport: HTTPTransport?
        /// The service's address without a trailing slash; ``BatonHTTPClient/url(_:)`` appends paths to it.
        public var baseURL: URL?
        /// Headers added to every request that does not set them (`Accept`, an API version).
        public var defaultHeaders: HTTPHeaderFields
        /// Maps a refused response to the service's own error, like Go's `WithErrorResponse`: it reads the
        /// service's error body so the message and code say what the service said. `nil` (from the closure or
        /// for the whole setting) keeps ``HTTPStatusMapping``. Not asked about rate-limited responses.
        public var errorResponse: (@Sendable (HTTPResponse) -> BatonError?)?

        /// Creates a configuration.
        public init(
            userAgent: String = "",
            timeout: Duration = .seconds(300),
            retry: HTTPRetryPolicy = HTTPRetryPolicy(),
            maxConcurrentRequests: Int? = nil,
            requestsPerSecond: Double? = nil,
            cache: CacheConfiguration = .fromEnvironment(),
            maxResponseBytes: Int = 256 * 1024 * 1024,
            logger: Logger = Logger(label: "baton.http"),
            waitObserver: (@Sendable (RetryWait) -> Void)? = nil,
            treatsExhaustedForbiddenAsRateLimited: Bool = false,
            transport: HTTPTransport? = nil,
            baseURL: URL? = nil,
            defaultHeaders: HTTPHeaderFields = [:],
            errorResponse: (@Sendable (HTTPResponse) -> BatonError?)? = nil
        ) {
            self.userAgent = userAgent
            self.timeout = timeout
            self.retry = retry
            self.maxConcurrentRequests = maxConcurrentRequests
            self.requestsPerSecond = requestsPerSecond
            self.cache = cache
            self.maxResponseBytes = maxResponseBytes
            self.logger = logger
            self.waitObserver = waitObserver
            self.treatsExhaustedForbiddenAsRateLimited = treatsExhaustedForbiddenAsRateLimited
            self.transport = transport
            self.baseURL = baseURL
            self.defaultHeaders = defaultHeaders
            self.errorResponse = errorResponse
        }

        /// The `User-Agent` header value.
        public var userAgentHeader: String {
            let product = "baton-swift/\(BatonHTTPClient.version)"
            return userAgent.isEmpty ? product : "\(userAgent) \(product)"
        }
    }
}
