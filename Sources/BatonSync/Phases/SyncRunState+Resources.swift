import BatonSDK
import BatonStore
import Foundation

extension SyncRunState {
    /// The resource types the sync covers (all, or the `--sync-resource-types` filter).
    var syncedTypes: [ResourceType] {
        let filter = Set(options.resourceTypeFilter)
        return runtime.resourceTypes.filter { filter.isEmpty || filter.contains($0.id) }
    }

    /// Phase 1: store the resource types and queue one resource listing per type.
    func syncResourceTypes() throws {
        let types = syncedTypes
        checkpoint.phase = (syncType == .partial ? SyncPhase.targeted : SyncPhase.resources).rawValue
        checkpoint.actions_map = [:]
        checkpoint.action_order = []
        if syncType != .partial {
            for type in types {
                enqueue(
                    SyncCheckpoint.Action(
                        id: "", operation: SyncPhase.resources.rawValue,
                        resource_type_id: type.id))
            }
        }
        try commit(StoreBatch(resourceTypes: types))
    }

    func enqueue(_ action: SyncCheckpoint.Action) {
        checkpoint.current_action_id += 1
        var action = action
        action.id = String(format: "%010d", checkpoint.current_action_id)
        checkpoint.actions_map[action.id] = action
        checkpoint.action_order.append(action.id)
    }

    /// Phase 2: list resources of every type, and of child types under each parent that declares
    /// them (`ChildResourceType`), with independent listings in parallel.
    func syncResources() async throws {
        var inFlight = Set<String>()
        var loopGuard = PageLoopGuard<String>()
        var spawned = Set(checkpoint.spawned_parents ?? [])
        let filter = Set(options.resourceTypeFilter)
        let runtime = self.runtime
        let syncID = self.syncID
        let retry = options.retry

        try await parallelDrain(
            width: options.workers,
            next: { () -> (String, @Sendable () async throws -> CallOutcome<Page<Resource>>)? in
                guard let id = checkpoint.action_order.first(where: { !inFlight.contains($0) }),
                    let action = checkpoint.actions_map[id]
                else { return nil }
                inFlight.insert(id)
                let typeID = action.resource_type_id ?? ""
                let parent: ResourceID? = action.parent_resource_type_id.flatMap { pType in
                    action.parent_resource_id.map { ResourceID(pType, $0) }
                }
                let request = PageRequest(pageToken: action.page_token ?? "", syncID: syncID)
                let what =
                    "list resources of type \(typeID)"
                    + (parent.map { " under \(BatonID.resourceExternalID($0))" } ?? "")
                return (
                    id,
                    {
                        try await connectorCall(retry, "ListResources", what) {
                            try await runtime.listResources(typeID: typeID, parent: parent, request: request)
                        }
                    }
                )
            },
            apply: { id, outcome in
                inFlight.remove(id)
                let page = try settle(outcome)
                guard var action = checkpoint.actions_map[id] else { return }
                try loopGuard.admit(
                    id, itemIDs: page.items.map { BatonID.resourceExternalID($0.id) }, next: page.nextPageToken,
                    what: "list resources of type \(action.resource_type_id ?? "")")
                if page.nextPageToken.isEmpty {
                    checkpoint.actions_map[id] = nil
                    checkpoint.action_order.removeAll { $0 == id }
                    completedActions += 1
                } else {
                    action.page_token = page.nextPageToken
                    checkpoint.actions_map[id] = action
                }
                for resource in page.items {
                    let children = resource.annotations.all(C1_Connector_V2_ChildResourceType.self)
                    guard !children.isEmpty else { continue }
                    let key = BatonID.resourceExternalID(resource.id)
                    guard spawned.insert(key).inserted else { continue }
                    for child in children where filter.isEmpty || filter.contains(child.resourceTypeID) {
                        guard runtime.resourceType(child.resourceTypeID) != nil else { continue }
                        enqueue(
                            SyncCheckpoint.Action(
                                id: "", operation: SyncPhase.resources.rawValue, resource_type_id: child.resourceTypeID,
                                parent_resource_type_id: resource.id.resourceType,
                                parent_resource_id: resource.id.resource))
                    }
                }
                checkpoint.spawned_parents = spawned.isEmpty ? nil : spawned.sorted()
                try commit(StoreBatch(resources: page.items))
            })
        checkpoint.phase = SyncPhase.entitlements.rawValue
        checkpoint.spawned_parents = nil
        checkpoint.scan = SyncCheckpoint.Scan()
        try saveCheckpoint()
    }
}
