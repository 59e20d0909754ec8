public import BatonHTTP
public import BatonSDK
public import Logging

/// What the command line hands a connector factory besides the configuration: the logger, the HTTP settings from
/// the default flags, and a hook that lets the progress line count the connector's HTTP waits.
public struct ConnectorContext: Sendable {
    /// The command's logger (format and level from `--log-format` / `--log-level`, secrets masked).
    public var logger: Logger
    /// `--http-timeout-seconds`.
    public var httpTimeout: Duration
    /// `<connector name>/<version>`, the product token to start the `User-Agent` with.
    public var userAgent: String
    /// The process environment the command runs with (`BATON_HTTP_CACHE_*` and friends are read from it).
    public var environment: [String: String]
    /// Tells the progress line and the summary about every HTTP wait before a retry.
    public var waitObserver: @Sendable (RetryWait) -> Void
    /// The sync's worker count, `--workers` resolved (-1 and 0 become the number they stand for): how wide a
    /// connector's own fan-out (per-item reads of a page) may go.
    public var workers: Int

    /// Creates a context; the command line builds one per run, tests may build their own.
    public init(
        logger: Logger, httpTimeout: Duration = .seconds(300), userAgent: String = "",
        environment: [String: String] = [:], waitObserver: @escaping @Sendable (RetryWait) -> Void = { _ in },
        workers: Int = SyncWorkers.default
    ) {
        self.logger = logger
        self.httpTimeout = httpTimeout
        self.userAgent = userAgent
        self.environment = environment
        self.waitObserver = waitObserver
        self.workers = workers
    }

    /// HTTP client settings wired to the command line: `User-Agent`, timeout, logger, cache settings from the
    /// environment, and the wait observer. Pass it to `BatonHTTPClient(configuration:authenticator:)`.
    public var httpConfiguration: BatonHTTPClient.Configuration {
        var http = logger
        http[metadataKey: "component"] = "http"
        return BatonHTTPClient.Configuration(
            userAgent: userAgent, timeout: httpTimeout, cache: .fromEnvironment(environment), logger: http,
            waitObserver: waitObserver)
    }
}
