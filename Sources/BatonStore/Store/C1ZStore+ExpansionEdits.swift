public import BatonProto
import Foundation

/// A stored grant's sources as grant expansion reads them: its row and its current sources.
public struct StoredGrantSources: Sendable {
    /// The row's `id`.
    public let rowID: Int64
    /// The grant's `sources` as stored.
    public var sources: C1_Connector_V2_GrantSources
}

/// A holder of a source entitlement, as grant expansion reads it: the grant's row, its principal
/// and its sources (the grant's entitlement, the largest part, is never decoded).
public struct EntitlementHolder: Sendable {
    /// The row's `id`.
    public let rowID: Int64
    /// The grant's principal (from the columns when the row does not embed it).
    public let principal: C1_Connector_V2_Resource
    /// The grant's `sources` as stored.
    public let sources: C1_Connector_V2_GrantSources
}

extension C1ZStore {
    /// The holders of `entitlementID` in a sync, in row order, 10 000 per page; only principals of
    /// `principalResourceTypeIDs` when it is not empty.
    public func holders(
        of entitlementID: String, principalResourceTypeIDs: [String] = [], syncID: String, pageToken: String = ""
    ) throws -> RecordPage<EntitlementHolder> {
        try withConnection(grantIndexes: true) { connection, _ in
            var query = RecordQuery(
                table: "v1_grants", syncID: syncID,
                columns: "id, data, principal_resource_type_id, principal_resource_id")
            query.filter("entitlement_id = ?", .text(entitlementID))
            if !principalResourceTypeIDs.isEmpty {
                let placeholders = Array(repeating: "?", count: principalResourceTypeIDs.count)
                query.filter(
                    "principal_resource_type_id in (\(placeholders.joined(separator: ", ")))",
                    principalResourceTypeIDs.map(SQLiteValue.text))
            }
            return try query.page(connection, pageToken: pageToken, pageSize: Paging.maxPageSize) { row in
                var (principal, sources) = try GrantBytes.principalAndSources(in: row.blob(1))
                if principal == nil {
                    principal = C1_Connector_V2_Resource()
                    principal?.id.resourceType = row.text(2)
                    principal?.id.resource = row.text(3)
                }
                return EntitlementHolder(rowID: row.int(0), principal: principal ?? .init(), sources: sources)
            }
        }
    }

    /// The grants of `entitlementID` held by any of `principals` in a sync, keyed by principal, with
    /// only their sources decoded.
    ///
    /// Expansion mostly adds a source to grants the connector already listed (GitHub's collaborators,
    /// for one, include team access); decoding and re-encoding those whole grants, each with its
    /// entitlement and principal resource, cost more than the rest of expansion together.
    public func grantSources(
        entitlementID: String, principals: some Collection<PrincipalKey>, syncID: String
    ) throws -> [PrincipalKey: [StoredGrantSources]] {
        let principals = Array(principals)
        return try withConnection(grantIndexes: true) { connection, _ in
            var found: [PrincipalKey: [StoredGrantSources]] = [:]
            // Bounded so the statement stays under SQLite's parameter limit.
            let chunkSize = 400
            for start in stride(from: 0, to: principals.count, by: chunkSize) {
                let chunk = principals[start..<min(principals.count, start + chunkSize)]
                let pairs = Array(repeating: "(?, ?)", count: chunk.count).joined(separator: ", ")
                var values: [SQLiteValue] = []
                values.reserveCapacity(2 + 2 * chunk.count)
                for principal in chunk {
                    values += [.text(principal.resourceType), .text(principal.resource)]
                }
                values += [.text(entitlementID), .text(syncID)]
                // The principals drive the loop (CROSS JOIN keeps that order), each an index probe; a
                // row-value IN would scan every holder of the entitlement once per chunk instead.
                try connection.query(
                    """
                    select g.id, g.data, g.principal_resource_type_id, g.principal_resource_id \
                    from (values \(pairs)) as p cross join v1_grants as g \
                    where g.entitlement_id = ? and g.sync_id = ? \
                    and g.principal_resource_type_id = p.column1 and g.principal_resource_id = p.column2
                    """,
                    values
                ) { row in
                    let stored = StoredGrantSources(rowID: row.int(0), sources: try GrantBytes.sources(in: row.blob(1)))
                    found[PrincipalKey(resourceType: row.text(2), resource: row.text(3)), default: []].append(stored)
                }
            }
            return found
        }
    }

    /// Stores new sources for grants, by row, leaving the rest of each grant's bytes and its other
    /// columns as they were.
    ///
    /// Rows are rewritten in row order in one transaction: expansion collects its edits and hands
    /// them over in large sets, so each page of the grants table is written about once instead of
    /// once per edge that touched it (on a tenant larger than the page cache, the difference between
    /// rewriting the table once and rewriting it thousands of times).
    public func updateGrantSources(_ updates: [Int64: C1_Connector_V2_GrantSources], syncID: String) throws {
        guard !updates.isEmpty else { return }
        try withWritableConnection { connection, _ in
            try connection.transaction {
                try Self.requireRunning(syncID, connection)
                let read = try connection.cached("select data from v1_grants where id = ?")
                let write = try connection.cached("update v1_grants set data = ? where id = ?")
                for (rowID, sources) in updates.sorted(by: { $0.key < $1.key }) {
                    try read.bind(1, int: rowID)
                    let data = try read.step() ? read.blob(0) : nil
                    read.reset()
                    guard let data else { continue }
                    try write.bind(1, blob: try GrantBytes.replacingSources(in: data, with: sources))
                    try write.bind(2, int: rowID)
                    _ = try write.step()
                    write.reset()
                }
            }
        }
    }
}

/// Reading a stored grant's principal and sources, and replacing its sources, without decoding the rest.
///
/// Stored grants are deterministic encodings, so their top-level fields appear in field-number order
/// and `sources` (5), the highest-numbered field of `Grant`, is last: dropping it and appending the new
/// encoding gives exactly the bytes a full decode, edit and deterministic re-encode would. A grant
/// without that shape (unknown higher fields, fields out of order or repeated) takes the full path.
enum GrantBytes {
    static let principalField = 2
    static let sourcesField = 5

    /// Where the fields expansion needs lie in a grant's bytes.
    struct Layout {
        /// The payload of `principal`, when present.
        var principal: Range<Int>?
        /// The payload of `sources`, when present.
        var sources: Range<Int>?
        /// Where the `sources` field (its tag) starts: the bytes before it are everything else.
        var sourcesStart: Int?
    }

    /// The layout of `data`, or nil when it is not the deterministic shape described above.
    /// - Throws: when `data` is not a well-formed message.
    static func layout(_ data: Data) throws -> Layout? {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Layout? in
            var layout = Layout()
            var offset = 0
            var lastField = 0
            func varint() throws -> UInt64 {
                var value: UInt64 = 0
                var shift: UInt64 = 0
                while true {
                    guard offset < buffer.count, shift < 64 else { throw BinaryDecodingError.malformedProtobuf }
                    let byte = buffer[offset]
                    offset += 1
                    value |= UInt64(byte & 0x7F) << shift
                    if byte & 0x80 == 0 { return value }
                    shift += 7
                }
            }
            var fit = true
            while offset < buffer.count {
                let start = offset
                let tag = try varint()
                let field = Int(tag >> 3)
                var payload = offset..<offset
                switch tag & 7 {
                case 0: _ = try varint()
                case 1: offset += 8
                case 2:
                    let length = try varint()
                    guard length <= UInt64(buffer.count - offset) else { throw BinaryDecodingError.truncated }
                    payload = offset..<offset + Int(length)
                    offset += Int(length)
                case 5: offset += 4
                default: throw BinaryDecodingError.malformedProtobuf
                }
                guard offset <= buffer.count else { throw BinaryDecodingError.truncated }
                // Repeated singular fields merge in protobuf: only the simple shape is read here.
                let repeated = field == lastField && (field == principalField || field == sourcesField)
                if field < lastField || field > sourcesField || repeated { fit = false }
                lastField = field
                if field == principalField, tag & 7 == 2 { layout.principal = payload }
                if field == sourcesField, tag & 7 == 2 {
                    layout.sources = payload
                    layout.sourcesStart = start
                }
            }
            return fit ? layout : nil
        }
    }

    /// The grant's sources.
    static func sources(in data: Data) throws -> C1_Connector_V2_GrantSources {
        guard let layout = try layout(data) else {
            return try RecordDecoding.decode(C1_Connector_V2_Grant.self, data).sources
        }
        guard let range = layout.sources else { return C1_Connector_V2_GrantSources() }
        return try RecordDecoding.decode(C1_Connector_V2_GrantSources.self, slice(data, range))
    }

    /// The grant's principal and sources; the principal is nil when the row does not embed it (Go's slim rows).
    static func principalAndSources(in data: Data) throws -> (C1_Connector_V2_Resource?, C1_Connector_V2_GrantSources) {
        guard let layout = try layout(data) else {
            let grant = try RecordDecoding.decode(C1_Connector_V2_Grant.self, data)
            return (grant.hasPrincipal ? grant.principal : nil, grant.sources)
        }
        let principal = try layout.principal.map {
            try RecordDecoding.decode(C1_Connector_V2_Resource.self, slice(data, $0))
        }
        let sources = try layout.sources.map {
            try RecordDecoding.decode(C1_Connector_V2_GrantSources.self, slice(data, $0))
        }
        return (principal, sources ?? C1_Connector_V2_GrantSources())
    }

    /// The bytes at `range`, counted from the start of `data`.
    static func slice(_ data: Data, _ range: Range<Int>) -> Data {
        data[data.startIndex + range.lowerBound..<data.startIndex + range.upperBound]
    }

    /// `data` with its sources replaced by `sources`, deterministically encoded.
    static func replacingSources(in data: Data, with sources: C1_Connector_V2_GrantSources) throws -> Data {
        guard let layout = try layout(data) else {
            var grant = try RecordDecoding.decode(C1_Connector_V2_Grant.self, data)
            grant.sources = sources
            return try grant.deterministicData()
        }
        let payload = try sources.deterministicData()
        var result = Data(capacity: data.count + payload.count + 6)
        result.append(data[data.startIndex..<data.startIndex + (layout.sourcesStart ?? data.count)])
        result.append(UInt8(sourcesField << 3 | 2))
        var length = UInt64(payload.count)
        while length >= 0x80 {
            result.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        result.append(UInt8(length))
        result.append(payload)
        return result
    }
}
