extension C1ZSchema {
    /// Creates every missing table and index and adds the columns older files lack, in one transaction.
    ///
    /// Mirrors the Go readers: `create … if not exists` for the current schema, then `alter table add
    /// column` for each migration column that is absent, then the grants partial indexes (which need the
    /// expansion columns). The grants backfill runs separately because it decodes protobuf.
    ///
    /// - Returns: true when anything was added (a migration ran).
    @discardableResult
    static func apply(to connection: SQLiteConnection) throws -> Bool {
        try connection.transaction {
            let before = try schemaObjectCount(connection)
            for table in tables {
                for statement in table.statements {
                    try connection.execute(statement)
                }
            }
            var migrated = false
            migrated = try addMissingColumns(syncRunsAddedColumns, to: syncRuns.name, connection) || migrated
            migrated = try addMissingColumns(grantsAddedColumns, to: grants.name, connection) || migrated
            for statement in grantPartialIndexes {
                try connection.execute(statement)
            }
            let after = try schemaObjectCount(connection)
            return migrated || after != before
        }
    }

    private static func addMissingColumns(
        _ columns: [(name: String, definition: String)], to table: String, _ connection: SQLiteConnection
    ) throws -> Bool {
        let existing = try connection.columns(of: table)
        var added = false
        for column in columns where !existing.contains(column.name) {
            try connection.execute("alter table \(table) add column \(column.name) \(column.definition)")
            added = true
        }
        return added
    }

    private static func schemaObjectCount(_ connection: SQLiteConnection) throws -> Int64 {
        try connection.scalarInt("select count(*) from sqlite_master") ?? 0
    }
}
