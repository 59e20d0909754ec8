/// The sync's worker count: how many connector calls it keeps in flight.
public enum SyncWorkers {
    /// The default (`--workers 0`). Workers are requests in flight, not threads: a sync waits on upstream
    /// latency far more than it computes, and 16 stays far below the concurrency upstream APIs tolerate (GitHub's
    /// secondary limit starts at 100), whose rate limits are honoured anyway.
    public static let `default` = 16
}
