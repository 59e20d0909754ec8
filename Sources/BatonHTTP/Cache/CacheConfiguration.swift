public import Foundation

/// Settings of the GET response cache.
///
/// The defaults and environment variables match the Go SDK's: TTL 3600 s (`BATON_HTTP_CACHE_TTL`,
/// clamped to one year, 0 disables), size 5 MB (`BATON_HTTP_CACHE_MAX_SIZE` in MB), off with
/// `BATON_DISABLE_HTTP_CACHE=true`.
public struct CacheConfiguration: Sendable, Equatable {
    /// Whether GET responses are cached at all.
    public var isEnabled: Bool
    /// How long an entry lives after it was stored.
    public var timeToLive: Duration
    /// The budget for keys plus stored responses, in bytes; least recently used entries go first.
    public var maxBytes: Int
    /// Request headers besides `Accept`, `Content-Type` and `Range` whose values distinguish cached responses
    /// (the reference's `WithCacheKeyHeaders`).
    public var keyHeaders: [String]
    /// Whether ``BatonHTTPClient/clearAllCaches()`` (called at the end of every sync) empties this
    /// cache. A client whose lifetime is not tied to one sync can opt out.
    public var clearedAtSyncEnd: Bool = true

    /// Creates a cache configuration.
    public init(
        isEnabled: Bool = true,
        timeToLive: Duration = .seconds(3600),
        maxBytes: Int = 5 * 1024 * 1024,
        keyHeaders: [String] = []
    ) {
        self.isEnabled = isEnabled
        self.timeToLive = timeToLive
        self.maxBytes = maxBytes
        self.keyHeaders = keyHeaders
    }

    /// No caching.
    public static let disabled = CacheConfiguration(isEnabled: false)

    /// The configuration the `BATON_*` environment variables describe (defaults where unset or invalid).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> CacheConfiguration {
        var configuration = CacheConfiguration()
        if let raw = environment["BATON_HTTP_CACHE_TTL"],
            let seconds = Int64(raw.trimmingCharacters(in: .whitespaces))
        {
            let clamped = min(max(seconds, 0), 31_536_000)
            configuration.timeToLive = .seconds(clamped)
            if clamped == 0 { configuration.isEnabled = false }
        }
        if let raw = environment["BATON_HTTP_CACHE_MAX_SIZE"],
            let megabytes = Int(raw.trimmingCharacters(in: .whitespaces)),
            megabytes >= 0
        {
            configuration.maxBytes = megabytes * 1024 * 1024
            if megabytes == 0 { configuration.isEnabled = false }
        }
        if let raw = environment["BATON_DISABLE_HTTP_CACHE"], parseBool(raw) == true {
            configuration.isEnabled = false
        }
        if environment["BATON_HTTP_CACHE_BACKEND"]?.lowercased() == "noop" {
            configuration.isEnabled = false
        }
        return configuration
    }

    /// Go's `strconv.ParseBool` spellings.
    private static func parseBool(_ raw: String) -> Bool? {
        switch raw.trimmingCharacters(in: .whitespaces) {
        case "1", "t", "T", "true", "TRUE", "True": true
        case "0", "f", "F", "false", "FALSE", "False": false
        default: nil
        }
    }
}
