import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

/// Inputs `make fuzz` (target sqlite-reader) found escaping the reader's documented errors.
@Suite struct StoreFuzzRegressionTests {
    /// The seed the fuzzer mutated: the v0.7.27 fixture cut down (Tests/Fuzz/Corpus/sqlite-reader/).
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus/sqlite-reader/github-small.sdk-v0.7.27.db").path

    /// A c1z whose database has `sql` applied to the seed.
    func c1z(_ sql: String, in directory: TemporaryDirectory) throws -> String {
        try FileManager.default.copyItem(atPath: Self.seed, toPath: directory.path("db"))
        #expect(try run("sqlite3", [directory.path("db"), sql]).status == 0)
        let path = directory.path("mutated.c1z")
        try C1ZContainer.compress(database: directory.path("db"), toC1Z: path)
        return path
    }

    @Test(
        "a table missing a column the reader needs is a corrupt database, not a raw SQLite error",
        arguments: [true, false])
    func missingColumn(applyMigrations: Bool) throws {
        let directory = try TemporaryDirectory()
        // What the fuzzer did by flipping bytes of the table's CREATE text in sqlite_master.
        let path = try c1z(
            "drop table v1_entitlements; create table v1_entitlements (ident integer primary key, "
                + "resource_type_id text, resource_id text, external_id text, data blob, sync_id text, "
                + "discovered_at datetime)", in: directory)
        let error = #expect(throws: C1ZError.self) {
            let store = try C1ZStore.open(c1z: path, options: C1ZReadOptions(applyMigrations: applyMigrations))
            defer { try? store.close() }
            _ = try store.listEntitlements()
        }
        #expect(error?.code == .corruptDatabase)
        #expect(error?.message.hasPrefix("c1z: corrupt database: ") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("\n") == false)
    }

    @Test("a damaged schema's SQL quoted in SQLite's message does not break the one-line error")
    func multilineSchemaError() throws {
        let directory = try TemporaryDirectory()
        // What the fuzzer did: a byte of v1_resources' CREATE text in sqlite_master turned into '['.
        let path = try c1z(
            "pragma writable_schema = on; update sqlite_master set sql = replace(sql, 'data blob', '[b') "
                + "where name = 'v1_resources'", in: directory)
        let error = #expect(throws: C1ZError.self) {
            let store = try C1ZStore.open(c1z: path)
            defer { try? store.close() }
            _ = try store.listResources()
        }
        #expect(error?.code == .corruptDatabase)
        #expect(error?.message.hasPrefix("c1z: corrupt database: ") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("\n") == false, "\(error?.message ?? "")")
    }
}
