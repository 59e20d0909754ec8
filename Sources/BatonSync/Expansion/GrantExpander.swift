import BatonSDK
public import BatonStore
import Foundation
import Logging

/// Derives the grants implied by `GrantExpandable` annotations, with the reference semantics:
/// holders of a source entitlement S inherit the destination D (only direct holders across a
/// shallow edge, only principals of the listed types across a filtered one); cycles are collapsed;
/// a derived grant has id `"<D>:<principal type>:<principal id>"`, `sources = {S: {is_direct}}`
/// and a `GrantImmutable` annotation; a principal already holding D gets S added to its sources.
///
/// The graph is held in memory (it has one node per expandable entitlement, not per grant); grants
/// are paged from and written to the store. Re-running it is harmless, so a sync killed during
/// expansion simply expands again.
struct GrantExpander {
    let store: C1ZStore
    let syncID: String
    let maxDepth: Int
    /// Grants written per store transaction.
    var chunkSize = 10_000

    struct Result: Equatable {
        var derivedGrants = 0
        var updatedGrants = 0
        var droppedEdges = 0
    }

    func run() throws -> Result {
        var result = Result()
        var graph = EntitlementGraph()
        var entitlements: [String: Entitlement] = [:]
        func entitlement(_ id: String) throws -> Entitlement? {
            if let cached = entitlements[id] { return cached }
            let found = try store.entitlement(id: id, syncID: syncID)
            entitlements[id] = found
            return found
        }

        // 1. Load the graph from the grants waiting for expansion.
        var token = ""
        repeat {
            let page = try store.pendingExpansion(syncID: syncID, pageToken: token)
            for pending in page.items {
                guard try entitlement(pending.entitlementID) != nil else {
                    result.droppedEdges += pending.expandable.entitlementIds.count
                    continue
                }
                for sourceID in pending.expandable.entitlementIds
                where !sourceID.trimmingCharacters(in: .whitespaces).isEmpty {
                    guard let source = try entitlement(sourceID) else {
                        result.droppedEdges += 1
                        continue
                    }
                    guard source.resource.id == pending.principal else {
                        throw BatonError(
                            .invalidArgument,
                            "grant expansion: source entitlement resource id did not match grant principal id "
                                + "(grant \(pending.grantID), source \(sourceID))")
                    }
                    let types = pending.expandable.resourceTypeIds.filter { !$0.isEmpty }
                    graph.addEdge(
                        from: sourceID, to: pending.entitlementID,
                        .init(shallow: pending.expandable.shallow, resourceTypeIDs: types.isEmpty ? nil : Set(types)))
                }
            }
            token = page.nextPageToken
        } while !token.isEmpty
        guard !graph.isEmpty else { return result }

        // 2. Collapse cycles and order the nodes.
        let condensed = graph.condensed()
        let (order, depth) = condensed.topologicalOrder()
        if let deepest = depth.max(), deepest > maxDepth {
            throw BatonError(
                .failedPrecondition,
                "grant expansion exceeded the maximum depth of \(maxDepth) (found \(deepest)); "
                    + "raise BATON_GRAPH_EXPAND_MAX_DEPTH if this nesting is real")
        }

        // 3. Expand every edge once its source node has received all it inherits.
        var pending = PendingWrites()
        for node in order {
            // The node's holders are read from the store next: grants created for them go in first.
            if condensed.entitlements[node].contains(where: pending.createdEntitlements.contains) {
                try pending.storeCreated(store, syncID)
            }
            // Edges out of one node often share their shape (deep, unfiltered): read the sources once.
            var collected: [EntitlementGraph.Edge: [PrincipalKey: Inherited]] = [:]
            for (target, edge) in condensed.edges[node].sorted(by: { $0.key < $1.key }) {
                let inherited =
                    try collected[edge] ?? collect(sources: condensed.entitlements[node], edge: edge, pending: pending)
                collected[edge] = inherited
                guard !inherited.isEmpty else { continue }
                for destinationID in condensed.entitlements[target] {
                    guard let destination = try entitlement(destinationID) else {
                        result.droppedEdges += 1
                        continue
                    }
                    let (created, updated) = try apply(inherited, to: destination, pending: &pending)
                    result.derivedGrants += created
                    result.updatedGrants += updated
                }
            }
        }
        try pending.storeCreated(store, syncID)
        try pending.storeEdits(store, syncID)
        return result
    }

    /// Expansion's writes not yet stored, read in place of the store until they are stored together:
    /// source edits by grant row (stored in row order), and new grants (stored in creation order).
    /// One transaction per edge rewrote the same pages through the log for every edge.
    struct PendingWrites {
        var sources: [Int64: C1_Connector_V2_GrantSources] = [:]
        /// Edits held before they are stored; each costs a few hundred bytes.
        static let limit = 100_000
        var created: [Grant] = []
        /// Index in `created` by grant id.
        var createdIndex: [String: Int] = [:]
        /// The entitlements of the grants in `created`.
        var createdEntitlements: Set<String> = []

        mutating func storeEdits(_ store: C1ZStore, _ syncID: String) throws {
            try store.updateGrantSources(sources, syncID: syncID)
            sources.removeAll()
        }

        mutating func storeCreated(_ store: C1ZStore, _ syncID: String) throws {
            guard !created.isEmpty else { return }
            try store.writeExpandedGrants(created, syncID: syncID)
            created.removeAll(keepingCapacity: true)
            createdIndex.removeAll(keepingCapacity: true)
            createdEntitlements.removeAll()
        }
    }

    /// The annotation every derived grant carries, encoded once.
    private static let immutable = try? Google_Protobuf_Any(deterministic: C1_Connector_V2_GrantImmutable())

    /// What each principal inherits across one edge: per principal, its resource and the source
    /// entitlements it holds with whether it holds them directly. Edits still pending count as stored.
    private func collect(sources: [String], edge: EntitlementGraph.Edge, pending: PendingWrites) throws
        -> [PrincipalKey: Inherited]
    {
        var inherited: [PrincipalKey: Inherited] = [:]
        let types = edge.resourceTypeIDs.map { $0.sorted() } ?? []
        for sourceID in sources {
            var token = ""
            repeat {
                let page = try store.holders(
                    of: sourceID, principalResourceTypeIDs: types, syncID: syncID, pageToken: token)
                for holder in page.items {
                    let sources = pending.sources[holder.rowID]?.sources ?? holder.sources.sources
                    let direct = sources.isEmpty || sources[sourceID] != nil
                    if edge.shallow && !direct { continue }
                    let key = PrincipalKey(holder.principal.id)
                    var entry = inherited[key] ?? Inherited(principal: holder.principal)
                    entry.sources[sourceID] = (entry.sources[sourceID] ?? false) || direct
                    inherited[key] = entry
                }
                token = page.nextPageToken
            } while !token.isEmpty
        }
        return inherited
    }

    struct Inherited {
        var principal: Resource
        var sources: [String: Bool] = [:]
    }

    /// Writes the destination grants for `inherited`; returns (created, updated) counts.
    ///
    /// A principal already holding the destination keeps its grant with the inherited sources added
    /// (an edit queued in `pending`); the others get a new immutable grant.
    private func apply(
        _ inherited: [PrincipalKey: Inherited], to destination: Entitlement, pending: inout PendingWrites
    ) throws -> (Int, Int) {
        let existing = try store.grantSources(entitlementID: destination.id, principals: inherited.keys, syncID: syncID)
        var created = 0
        var updated = 0
        // Sorted so the write order, and with it the row order, is the same on every run.
        for key in inherited.keys.sorted(by: { ($0.resourceType, $0.resource) < ($1.resourceType, $1.resource) }) {
            guard let entry = inherited[key] else { continue }
            if let grants = existing[key], !grants.isEmpty {
                for grant in grants {
                    let before = pending.sources[grant.rowID] ?? grant.sources
                    var sources = before
                    Self.add(entry.sources, to: &sources, destinationID: destination.id)
                    if sources != before {
                        pending.sources[grant.rowID] = sources
                        updated += 1
                    }
                }
                continue
            }
            let grantID = BatonID.grantID(entitlementID: destination.id, principal: entry.principal.id)
            if let index = pending.createdIndex[grantID] {
                // Created by an earlier edge and not stored yet: the same edit the stored grant would get.
                let before = pending.created[index].sources
                Self.add(entry.sources, to: &pending.created[index].sources, destinationID: destination.id)
                if pending.created[index].sources != before { updated += 1 }
                continue
            }
            var grant = Grant()
            grant.id = grantID
            grant.entitlement = destination
            grant.principal = entry.principal
            for (sourceID, direct) in entry.sources {
                grant.sources.sources[sourceID] = Self.source(direct: direct)
            }
            if let immutable = Self.immutable {
                grant.annotations.append(immutable)
            } else {
                try grant.annotations.append(C1_Connector_V2_GrantImmutable())
            }
            pending.createdIndex[grantID] = pending.created.count
            pending.created.append(grant)
            pending.createdEntitlements.insert(destination.id)
            created += 1
        }
        if pending.created.count >= chunkSize { try pending.storeCreated(store, syncID) }
        if pending.sources.count >= PendingWrites.limit { try pending.storeEdits(store, syncID) }
        return (created, updated)
    }

    /// Adds inherited sources to a grant's own: a grant without sources first gets itself
    /// (the destination) as a direct source, and a source held directly anywhere stays direct.
    static func add(
        _ inherited: [String: Bool], to sources: inout C1_Connector_V2_GrantSources, destinationID: String
    ) {
        if sources.sources.isEmpty {
            sources.sources[destinationID] = source(direct: true)
        }
        for (sourceID, direct) in inherited {
            if let current = sources.sources[sourceID] {
                if direct && !current.isDirect {
                    sources.sources[sourceID] = source(direct: true)
                }
            } else {
                sources.sources[sourceID] = source(direct: direct)
            }
        }
    }

    private static func source(direct: Bool) -> C1_Connector_V2_GrantSources.GrantSource {
        var source = C1_Connector_V2_GrantSources.GrantSource()
        source.isDirect = direct
        return source
    }
}

extension SyncRunState {
    /// Phase 5: grant expansion, when any grant was expandable.
    func expandGrants() async throws {
        guard checkpoint.needs_expansion, !options.skipExpansion else { return }
        if !resumed { try store.markSupportsDiff(syncID: syncID) }
        let result = try GrantExpander(store: store, syncID: syncID, maxDepth: options.maxExpansionDepth).run()
        progress.derivedGrants = result.derivedGrants
        if result.droppedEdges > 0 {
            logger.warning("grant expansion dropped \(result.droppedEdges) edges to unknown entitlements")
        }
        checkpoint.phase = SyncPhase.done.rawValue
        report()
    }
}

/// Grant expansion as a standalone step, for tools and benchmarks that hold a store of their own.
public enum GrantExpansion {
    /// Expands the grants of `syncID` in `store`; returns the number of derived grants created.
    /// - Throws: ``BatonError`` when the graph is deeper than `maxDepth` or inconsistent.
    public static func expand(store: C1ZStore, syncID: String, maxDepth: Int = 20) throws -> Int {
        try GrantExpander(store: store, syncID: syncID, maxDepth: maxDepth).run().derivedGrants
    }
}
