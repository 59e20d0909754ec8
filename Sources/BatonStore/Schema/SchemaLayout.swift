import Foundation

/// What the opened file's tables actually look like, so reads work on files that predate migrations.
///
/// A store normally migrates every file it opens, and then these are just the table names. A c1z
/// opened read-only without migrations may lack the newer `v1_sync_runs` and `v1_grants` columns; the
/// layout substitutes their defaults so every query can be written once against the current schema.
struct SchemaLayout: Sendable {
    /// The `FROM` source for sync runs: the table, or a subquery adding defaults for missing columns.
    let syncRuns: String
    /// The expression for `v1_grants.expansion` (`NULL` when the column is missing).
    let grantsExpansion: String
    /// The expression for `v1_grants.needs_expansion` (`0` when the column is missing).
    let grantsNeedsExpansion: String
    /// True when the grants table has the expansion columns.
    let grantsHaveExpansionColumns: Bool

    init(connection: SQLiteConnection) throws {
        let syncColumns = try connection.columns(of: C1ZSchema.syncRuns.name)
        let missing = C1ZSchema.syncRunsAddedColumns.filter { !syncColumns.contains($0.name) }
        if missing.isEmpty {
            syncRuns = C1ZSchema.syncRuns.name
        } else {
            let defaults = C1ZSchema.syncRunsAddedColumns.map { column -> String in
                guard missing.contains(where: { $0.name == column.name }) else { return column.name }
                return "\(Self.defaultValue(of: column.definition)) as \(column.name)"
            }
            let base = ["id", "sync_id", "started_at", "ended_at", "sync_token"]
            syncRuns = "(select \((base + defaults).joined(separator: ", ")) from \(C1ZSchema.syncRuns.name))"
        }
        let grantColumns = try connection.columns(of: C1ZSchema.grants.name)
        grantsHaveExpansionColumns = grantColumns.contains("expansion") && grantColumns.contains("needs_expansion")
        grantsExpansion = grantsHaveExpansionColumns ? "expansion" : "NULL"
        grantsNeedsExpansion = grantsHaveExpansionColumns ? "needs_expansion" : "0"
    }

    /// The literal after `default` in a column definition, or `NULL`.
    private static func defaultValue(of definition: String) -> String {
        guard let range = definition.range(of: "default ") else { return "NULL" }
        return String(definition[range.upperBound...])
    }
}
