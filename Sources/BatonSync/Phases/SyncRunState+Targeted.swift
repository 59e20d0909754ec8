import BatonSDK
import BatonStore

extension SyncRunState {
    /// A partial sync of `--sync-resources`: each resource, its entitlements and its grants.
    func syncTargeted() async throws {
        let runtime = self.runtime
        let syncID = self.syncID
        for target in options.targetedResources {
            let name = BatonID.resourceExternalID(target.id)
            let resource = try settle(
                try await connectorCall(options.retry, "GetResource", "get \(name)") {
                    try await runtime.resource(target.id, parent: target.parent)
                })
            try commit(StoreBatch(resources: [resource]))
            try await drainPages("ListEntitlements", "list entitlements of \(name)") { token in
                try await runtime.listEntitlements(of: resource, request: PageRequest(pageToken: token, syncID: syncID))
            } store: {
                StoreBatch(entitlements: $0)
            }
            if !options.skipGrants {
                try await drainPages("ListGrants", "list grants of \(name)") { token in
                    try await runtime.listGrants(of: resource, request: PageRequest(pageToken: token, syncID: syncID))
                } store: { grants in
                    if grants.contains(where: { $0.annotations.contains(C1_Connector_V2_GrantExpandable.self) }) {
                        self.checkpoint.needs_expansion = true
                    }
                    return StoreBatch(grants: grants)
                }
            }
            completedActions += 1
        }
        checkpoint.phase = SyncPhase.expansion.rawValue
    }

    private func drainPages<Item: Sendable>(
        _ method: String, _ what: String,
        _ fetch: @escaping @Sendable (String) async throws -> Page<Item>,
        store makeBatch: ([Item]) -> StoreBatch
    ) async throws {
        var token = ""
        var seen = Set<String>()
        repeat {
            let current = token
            let page = try settle(try await connectorCall(options.retry, method, what) { try await fetch(current) })
            try commit(makeBatch(page.items))
            token = page.nextPageToken
            if !token.isEmpty && !seen.insert(token).inserted {
                throw BatonError(.internal, "\(what): the connector returned a page token it already returned")
            }
        } while !token.isEmpty
    }
}
