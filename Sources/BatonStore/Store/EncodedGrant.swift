import BatonProto
import CSQLite
import Foundation

/// Grants encoded to their `v1_grants` row values, packed into one byte buffer per chunk.
///
/// The inserts bind straight into the buffer (`SQLITE_STATIC`), so writing a row allocates nothing:
/// the copying happens once, on the encoding thread.
struct EncodedGrantChunk: Sendable {
    /// Text and blob values of every row, back to back.
    private var bytes: [UInt8] = []
    /// Per row, `fieldsPerRow` pairs of (offset, length) into `bytes`; a length of -1 is SQL NULL.
    private var slices: [Int32] = []
    private(set) var count = 0
    /// Encodes the `data` column, reusing the bytes of the parts grants share.
    private var encoder = GrantRowEncoder()

    /// resource_type_id, resource_id, entitlement_id, principal_resource_type_id, principal_resource_id,
    /// external_id, expansion, data.
    static let fieldsPerRow = 8
    private static let expansionField = 6

    /// - Parameter extractExpansion: true for connector grants (the annotation becomes the column value);
    ///   false for expander output, whose annotation is only stripped.
    init(_ grants: ArraySlice<C1_Connector_V2_Grant>, extractExpansion: Bool) throws {
        bytes.reserveCapacity(grants.count * 384)
        slices.reserveCapacity(grants.count * Self.fieldsPerRow * 2)
        for grant in grants {
            try append(grant, extractExpansion: extractExpansion)
        }
    }

    private mutating func append(_ grant: C1_Connector_V2_Grant, extractExpansion: Bool) throws {
        let entitlement = grant.entitlement
        let principal = grant.principal.id
        appendText(entitlement.resource.id.resourceType)
        appendText(entitlement.resource.id.resource)
        appendText(entitlement.id)
        appendText(principal.resourceType)
        appendText(principal.resource)
        appendText(grant.id)
        if grant.annotations.contains(where: GrantExpansion.isExpandable) {
            var stripped = grant
            let expansion = GrantExpansion.extract(from: &stripped)
            appendBlob(extractExpansion ? expansion : nil)
            try appendEncoding(of: stripped)
        } else {
            appendBlob(nil)
            try appendEncoding(of: grant)
        }
        count += 1
    }

    private mutating func appendEncoding(of grant: C1_Connector_V2_Grant) throws {
        slices.append(Int32(bytes.count))
        let start = bytes.count
        try encoder.append(grant, to: &bytes)
        slices.append(Int32(bytes.count - start))
    }

    private mutating func appendText(_ text: String) {
        slices.append(Int32(bytes.count))
        bytes.append(contentsOf: text.utf8)
        slices.append(Int32(bytes.count) - slices[slices.count - 1])
    }

    private mutating func appendBlob(_ data: Data?) {
        guard let data else {
            slices += [0, -1]
            return
        }
        slices.append(Int32(bytes.count))
        bytes.append(contentsOf: data)
        slices.append(Int32(data.count))
    }

    /// Gives `body` a binder for the rows, valid only inside `body`.
    func withRows<Result>(_ body: (RowBinder) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { buffer in
            try slices.withUnsafeBufferPointer { slices in
                try body(RowBinder(base: buffer.baseAddress, slices: slices))
            }
        }
    }

    /// Binds rows of the chunk to statement parameters without copying.
    struct RowBinder {
        let base: UnsafePointer<UInt8>?
        let slices: UnsafeBufferPointer<Int32>

        /// Binds row `row` to parameters `offset + 1 … offset + 9` (the eight row fields and
        /// `needs_expansion`); the caller binds `sync_id` and `discovered_at`.
        func bind(row: Int, to statement: SQLiteStatement, offset: Int32) throws {
            let first = row * fieldsPerRow * 2
            for field in 0..<fieldsPerRow {
                let start = Int(slices[first + field * 2])
                let length = slices[first + field * 2 + 1]
                let index = offset + Int32(field) + 1
                if length < 0 {
                    try statement.bindNull(index)
                } else if field >= expansionField {
                    try statement.bindStatic(index, blob: base.map { UnsafeRawPointer($0 + start) }, count: length)
                } else {
                    try statement.bindStatic(index, text: base.map { UnsafeRawPointer($0 + start) }, count: length)
                }
            }
            let hasExpansion = slices[first + expansionField * 2 + 1] >= 0
            try statement.bind(offset + 9, int: hasExpansion ? 1 : 0)
        }
    }

    /// The column list of every grant insert, in the order rows are bound.
    static let insertColumns = """
        insert into v1_grants (resource_type_id, resource_id, entitlement_id, principal_resource_type_id, \
        principal_resource_id, external_id, expansion, data, needs_expansion, sync_id, discovered_at) values
        """

    static let valuesTuple = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    static let parameterCount: Int32 = 11

    /// Replace mode (connector writes): the new bytes and expansion win; `needs_expansion` follows the
    /// Go CASE so that unchanged expansion metadata keeps its state and changed metadata is re-expanded.
    static let replaceConflict = """
        on conflict (external_id, sync_id) do update set data = excluded.data, expansion = excluded.expansion, \
        needs_expansion = CASE \
        WHEN excluded.expansion IS NULL OR excluded.expansion = X'' THEN 0 \
        WHEN v1_grants.expansion IS NULL AND excluded.expansion IS NOT NULL THEN 1 \
        WHEN v1_grants.expansion IS NOT NULL AND excluded.expansion IS NOT NULL \
        AND v1_grants.expansion != excluded.expansion THEN 1 \
        ELSE v1_grants.needs_expansion END
        """

    /// Preserve-expansion mode (expander writes): only the bytes change on conflict.
    static let preserveConflict = "on conflict (external_id, sync_id) do update set data = excluded.data"
}
