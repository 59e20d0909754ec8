/// Values fetched once per key per sync and shared by concurrent callers (single flight).
///
/// Several syncers often ask for the same upstream object: every role resource reads the roles of the same
/// admin users, every page of an org's users asks whether the org has SAML. A new sync id starts empty; outside
/// a sync (empty id) nothing is kept, so provisioning always sees fresh data. A failed fetch is not remembered:
/// the next caller tries again.
///
/// ```swift
/// let roles = PerSyncCache<[Role]>()
/// let held = try await roles.value(for: userID, syncID: request.syncID) { try await client.roles(of: userID) }
/// ```
public actor PerSyncCache<Value: Sendable> {
    private var syncID = ""
    private var entries: [String: Task<Value, any Error>] = [:]

    /// An empty cache.
    public init() {}

    /// The value for `key` in this sync: the one already fetched or being fetched, else `fetch()`'s.
    public func value(
        for key: String, syncID: String, fetch: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        guard !syncID.isEmpty else { return try await fetch() }
        if syncID != self.syncID {
            self.syncID = syncID
            entries = [:]
        }
        if let task = entries[key] { return try await task.value }
        let task = Task { try await fetch() }
        entries[key] = task
        do {
            return try await task.value
        } catch {
            // A failed read (a fault, a rate limit) is retried by the next caller, not remembered.
            if syncID == self.syncID { entries[key] = nil }
            throw error
        }
    }
}
