/// Values fetched once per key per sync and shared by concurrent callers (single flight).
///
/// Every role resource asks for the roles of the same admin users, so without it a sync would read each
/// admin's roles ten times. A new sync id starts empty; outside a sync (empty id) nothing is kept, so
/// provisioning always sees fresh data.
actor PerSyncCache<Value: Sendable> {
    private var syncID = ""
    private var entries: [String: Task<Value, any Error>] = [:]

    func value(
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
