import BatonProto
import Dispatch
import Foundation

/// A grant encoded to its `v1_grants` row values.
struct EncodedGrant: Sendable {
    var resourceTypeID: String
    var resourceID: String
    var entitlementID: String
    var principalResourceTypeID: String
    var principalResourceID: String
    var externalID: String
    /// `GrantExpandable` bytes moved out of the annotations; nil when the grant is not expandable.
    var expansion: Data?
    var data: Data

    /// - Parameter extractExpansion: true for connector grants (the annotation becomes the column value);
    ///   false for expander output, whose annotation is only stripped.
    init(_ grant: C1_Connector_V2_Grant, extractExpansion: Bool = true) throws {
        let entitlement = grant.entitlement
        resourceTypeID = entitlement.resource.id.resourceType
        resourceID = entitlement.resource.id.resource
        entitlementID = entitlement.id
        principalResourceTypeID = grant.principal.id.resourceType
        principalResourceID = grant.principal.id.resource
        externalID = grant.id
        if grant.annotations.contains(where: GrantExpansion.isExpandable) {
            var stripped = grant
            let extracted = GrantExpansion.extract(from: &stripped)
            expansion = extractExpansion ? extracted : nil
            data = try stripped.deterministicData()
        } else {
            data = try grant.deterministicData()
        }
    }

    /// Below this many grants, spreading the encoding over threads costs more than it saves.
    static let parallelThreshold = 2_000

    /// Encodes `grants`, using every core for large batches (encoding dominates the cost of a write).
    static func encode(_ grants: [C1_Connector_V2_Grant]) throws -> [EncodedGrant] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, grants.count / (parallelThreshold / 2))
        guard workers > 1 else { return try grants.map { try EncodedGrant($0) } }
        let chunkSize = (grants.count + workers - 1) / workers
        let results = ChunkResults(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (worker * chunkSize)..<min(grants.count, (worker + 1) * chunkSize)
            results.store(worker, Result { try grants[range].map { try EncodedGrant($0) } })
        }
        return try results.collect()
    }

    /// Replace mode (connector writes): the new bytes and expansion win; `needs_expansion` follows the
    /// Go CASE so that unchanged expansion metadata keeps its state and changed metadata is re-expanded.
    static let replaceUpsert = """
        insert into v1_grants (resource_type_id, resource_id, entitlement_id, principal_resource_type_id, \
        principal_resource_id, external_id, expansion, needs_expansion, data, sync_id, discovered_at) \
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
        on conflict (external_id, sync_id) do update set data = excluded.data, expansion = excluded.expansion, \
        needs_expansion = CASE \
        WHEN excluded.expansion IS NULL OR excluded.expansion = X'' THEN 0 \
        WHEN v1_grants.expansion IS NULL AND excluded.expansion IS NOT NULL THEN 1 \
        WHEN v1_grants.expansion IS NOT NULL AND excluded.expansion IS NOT NULL \
        AND v1_grants.expansion != excluded.expansion THEN 1 \
        ELSE v1_grants.needs_expansion END
        """

    /// Preserve-expansion mode (expander writes): only the bytes change on conflict.
    static let preserveExpansionUpsert = """
        insert into v1_grants (resource_type_id, resource_id, entitlement_id, principal_resource_type_id, \
        principal_resource_id, external_id, expansion, needs_expansion, data, sync_id, discovered_at) \
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
        on conflict (external_id, sync_id) do update set data = excluded.data
        """

    func bind(to statement: SQLiteStatement, syncID: String, discoveredAt: String) throws {
        try statement.bind(1, text: resourceTypeID)
        try statement.bind(2, text: resourceID)
        try statement.bind(3, text: entitlementID)
        try statement.bind(4, text: principalResourceTypeID)
        try statement.bind(5, text: principalResourceID)
        try statement.bind(6, text: externalID)
        try statement.bind(7, blob: expansion)
        try statement.bind(8, int: expansion == nil ? 0 : 1)
        try statement.bind(9, blob: data)
        try statement.bind(10, text: syncID)
        try statement.bind(11, text: discoveredAt)
    }
}

/// Per-worker results of a parallel encode, each slot written by exactly one worker.
private final class ChunkResults: @unchecked Sendable {
    // Safety: `concurrentPerform` gives each worker its own index and returns only after all finish,
    // so every slot has a single writer and is read only after the writes complete. The slots live in
    // raw memory so concurrent writes to different slots never touch a shared Swift variable.
    private let slots: UnsafeMutableBufferPointer<Result<[EncodedGrant], any Error>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ index: Int, _ result: Result<[EncodedGrant], any Error>) {
        slots[index] = result
    }

    func collect() throws -> [EncodedGrant] {
        var all: [EncodedGrant] = []
        for slot in slots {
            if let slot { all += try slot.get() }
        }
        return all
    }
}
