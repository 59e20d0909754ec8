import BatonSDK
import BatonStore

extension SyncRunState {
    /// How many stored resources one scan window holds. Windows bound the checkpoint's size.
    var scanWindowSize: Int { max(200, options.workers * 50) }

    /// Phases 3 and 4: list the entitlements (or grants) of every stored resource, in parallel.
    ///
    /// Resources are read from the store in windows; the checkpoint records the window, which of its
    /// resources are done and the upstream page token reached for the others.
    func scanResources(_ phase: SyncPhase) async throws {
        var scan = checkpoint.scan ?? SyncCheckpoint.Scan()
        let runtime = self.runtime
        let syncID = self.syncID
        let retry = options.retry
        let types = Dictionary(uniqueKeysWithValues: syncedTypes.map { ($0.id, $0) })

        while true {
            let window = try store.listResources(
                syncID: syncID, pageToken: scan.window_token, pageSize: scanWindowSize)
            var done = Set(scan.done)
            var tokens = scan.partial
            var pending: [Int] = []
            for (ordinal, resource) in window.items.enumerated() where !done.contains(ordinal) {
                if Self.skips(resource, type: types[resource.id.resourceType], phase) {
                    done.insert(ordinal)
                } else {
                    pending.append(ordinal)
                }
            }
            var inFlight = Set<Int>()
            var loopGuard = PageLoopGuard<Int>()
            func saveScan() {
                scan.done = done.sorted()
                scan.partial = tokens
                checkpoint.scan = scan
            }

            try await parallelDrain(
                width: options.workers,
                next: { () -> (Int, @Sendable () async throws -> ScanOutcome)? in
                    guard let ordinal = pending.first(where: { !inFlight.contains($0) }) else { return nil }
                    inFlight.insert(ordinal)
                    let resource = window.items[ordinal]
                    let request = PageRequest(pageToken: tokens[String(ordinal)] ?? "", syncID: syncID)
                    let name = BatonID.resourceExternalID(resource.id)
                    return (
                        ordinal,
                        {
                            if phase == .entitlements {
                                return .entitlements(
                                    try await connectorCall(
                                        retry, "ListEntitlements", "list entitlements of \(name)"
                                    ) { try await runtime.listEntitlements(of: resource, request: request) })
                            }
                            return .grants(
                                try await connectorCall(retry, "ListGrants", "list grants of \(name)") {
                                    try await runtime.listGrants(of: resource, request: request)
                                })
                        }
                    )
                },
                apply: { ordinal, outcome in
                    inFlight.remove(ordinal)
                    let key = String(ordinal)
                    let resource = window.items[ordinal]
                    var batch = StoreBatch()
                    let next: String
                    let itemIDs: [String]
                    do {
                        switch outcome {
                        case .entitlements(let call):
                            let page = try settle(call)
                            batch.entitlements = page.items
                            next = page.nextPageToken
                            itemIDs = page.items.map(\.id)
                        case .grants(let call):
                            let page = try settle(call)
                            batch.grants = page.items
                            next = page.nextPageToken
                            itemIDs = page.items.map(\.id)
                            if page.items.contains(where: {
                                $0.annotations.contains(C1_Connector_V2_GrantExpandable.self)
                            }) {
                                checkpoint.needs_expansion = true
                            }
                        }
                    } catch let error as BatonError where error.code == .notFound {
                        try warn(
                            error,
                            "skipping \(phase == .entitlements ? "entitlements" : "grants") of "
                                + BatonID.resourceExternalID(resource.id))
                        next = ""
                        itemIDs = []
                    }
                    try loopGuard.admit(
                        ordinal, itemIDs: itemIDs, next: next,
                        what: "list \(phase == .entitlements ? "entitlements" : "grants") of "
                            + BatonID.resourceExternalID(resource.id))
                    if next.isEmpty {
                        done.insert(ordinal)
                        tokens[key] = nil
                        pending.removeAll { $0 == ordinal }
                        completedActions += 1
                    } else {
                        tokens[key] = next
                    }
                    saveScan()
                    try commit(batch)
                })

            if window.nextPageToken.isEmpty { break }
            scan = SyncCheckpoint.Scan(window_token: window.nextPageToken)
            checkpoint.scan = scan
            try saveCheckpoint()
        }
        checkpoint.phase = (phase == .entitlements ? SyncPhase.grants : SyncPhase.expansion).rawValue
        checkpoint.scan = phase == .entitlements ? SyncCheckpoint.Scan() : nil
        try saveCheckpoint()
    }

    /// Whether a resource's type or the resource itself opts out of this phase.
    static func skips(_ resource: Resource, type: ResourceType?, _ phase: SyncPhase) -> Bool {
        func says(_ annotations: Annotations) -> Bool {
            if annotations.contains(C1_Connector_V2_SkipEntitlementsAndGrants.self) { return true }
            if phase == .entitlements { return annotations.contains(C1_Connector_V2_SkipEntitlements.self) }
            return annotations.contains(C1_Connector_V2_SkipGrants.self)
        }
        guard let type else { return true }  // filtered out of this sync
        return says(type.annotations) || says(resource.annotations)
    }
}

/// A scan call's outcome: one page of entitlements or of grants.
enum ScanOutcome: Sendable {
    case entitlements(CallOutcome<Page<Entitlement>>)
    case grants(CallOutcome<Page<Grant>>)
}
