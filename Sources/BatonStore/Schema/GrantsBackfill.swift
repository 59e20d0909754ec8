import BatonProto
import Foundation

/// The migration that moves `GrantExpandable` out of old grant rows into the expansion columns.
///
/// Files written before the columns existed keep the annotation inside `data`. For every sync still
/// marked `grants_backfilled = 0`, each such grant is rewritten with the annotation stripped, its
/// bytes in `expansion` and `needs_expansion = 1`; then the syncs are marked backfilled. Grants
/// without the annotation are left as they are.
enum GrantsBackfill {
    static let batchSize = 1_000

    static func run(on connection: SQLiteConnection) throws {
        var pending: [String] = []
        try connection.query("select sync_id from v1_sync_runs where grants_backfilled = 0") { row in
            pending.append(row.text(0))
        }
        guard !pending.isEmpty else { return }
        try connection.transaction {
            for syncID in pending {
                try backfill(syncID: syncID, connection)
            }
            try connection.run("update v1_sync_runs set grants_backfilled = 1 where grants_backfilled = 0")
        }
    }

    private static func backfill(syncID: String, _ connection: SQLiteConnection) throws {
        // Only rows whose bytes contain the annotation's type name can hold it; the filter spares
        // decoding every grant of a large old file.
        let select = """
            select id, data from v1_grants where sync_id = ? and id > ? and expansion is null \
            and instr(data, cast(? as blob)) > 0 order by id limit \(batchSize)
            """
        var lastID: Int64 = 0
        while true {
            var rows: [(id: Int64, data: Data)] = []
            try connection.query(select, [.text(syncID), .int(lastID), .text(GrantExpansion.typeName)]) { row in
                rows.append((row.int(0), row.blob(1)))
            }
            guard let last = rows.last else { return }
            lastID = last.id
            for row in rows {
                var grant = try C1_Connector_V2_Grant(serializedBytes: row.data)
                guard let expansion = GrantExpansion.extract(from: &grant) else { continue }
                try connection.run(
                    "update v1_grants set expansion = ?, needs_expansion = 1, data = ? where id = ?",
                    [.blob(expansion), .blob(try grant.deterministicData()), .int(row.id)])
            }
        }
    }
}
