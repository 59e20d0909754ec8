public import BatonProto
import Foundation

extension C1ZStore {
    /// Grants of a sync matching `filter` as their stored protobuf bytes, in row order: the grants
    /// ``listGrants(syncID:filter:pageToken:pageSize:)`` decodes, for readers that copy or print them
    /// without building messages.
    ///
    /// Every item is a complete `Grant`: rows written by Go's slim writer (no embedded entitlement or
    /// principal), and rows whose expansion metadata `filter` asks for, come back re-encoded with those
    /// filled in, exactly as `listGrants` would return them. The items of a page share one buffer.
    public func listGrantBytes(
        syncID: String? = nil, filter: GrantFilter = .init(), pageToken: String = "", pageSize: Int = 0
    ) throws -> RecordPage<ArraySlice<UInt8>> {
        try withConnection(grantIndexes: true) { connection, layout in
            let query = try Self.grantQuery(syncID: syncID, filter: filter, connection, layout)
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            let page = try query.page(connection, pageToken: pageToken, pageSize: pageSize) { row -> Range<Int> in
                let start = buffer.count
                let copied = row.withBlob(1) { bytes in
                    guard GrantRow.isComplete(bytes, row: row, includeExpansion: filter.includeExpansion) else {
                        return false
                    }
                    buffer.append(contentsOf: bytes)
                    return true
                }
                if !copied {
                    buffer.append(
                        contentsOf: try GrantRow.decode(row, includeExpansion: filter.includeExpansion)
                            .deterministicData())
                }
                return start..<buffer.count
            }
            return RecordPage(items: page.items.map { buffer[$0] }, nextPageToken: page.nextPageToken)
        }
    }

    /// Decodes a grant's stored bytes as ``listGrants(syncID:filter:pageToken:pageSize:)`` does.
    ///
    /// - Throws: ``C1ZError`` (`invalidRecord`) when the bytes are not a grant.
    public static func decodeGrant(_ bytes: ArraySlice<UInt8>) throws -> C1_Connector_V2_Grant {
        try RecordDecoding.decode(C1_Connector_V2_Grant.self, Data(bytes))
    }
}

extension GrantRow {
    /// True when the stored bytes already hold what ``decode(_:includeExpansion:)`` would rebuild: the
    /// embedded entitlement and principal, and no expansion metadata to attach.
    ///
    /// Malformed bytes count as complete: the reader that decodes them reports the failure.
    static func isComplete(_ bytes: UnsafeRawBufferPointer, row: SQLiteStatement, includeExpansion: Bool) -> Bool {
        if includeExpansion, !row.isNull(7), row.blobCount(7) > 0 {
            return false
        }
        var reader = ProtoWireReader(bytes)
        var hasEntitlement = false
        var hasPrincipal = false
        do {
            while let field = try reader.next() {
                if field.wireType == 2, field.number == 1 { hasEntitlement = true }
                if field.wireType == 2, field.number == 2 { hasPrincipal = true }
            }
        } catch {
            return true
        }
        return hasEntitlement && hasPrincipal
    }
}
