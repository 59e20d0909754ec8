import BatonStore
import Foundation
import Synchronization

/// The registry's state in SQLite under `--data` (`registry.sqlite`), so a restarted mock keeps its
/// connectors, versions, keys and uploaded files. Records are JSON documents keyed by their ids.
final class RegistryStore: Sendable {
    private let connection: Mutex<SQLiteConnection>

    /// Opens (or creates) the database in `directory`.
    init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let connection = try SQLiteConnection(path: directory + "/registry.sqlite")
        try connection.execute(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS connectors (id TEXT PRIMARY KEY, record TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS versions (
                id TEXT PRIMARY KEY, connector TEXT NOT NULL, record TEXT NOT NULL, created INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS keys (id TEXT PRIMARY KEY, org TEXT NOT NULL, record TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS uploads (
                id TEXT PRIMARY KEY, version TEXT NOT NULL, content BLOB NOT NULL);
            """)
        self.connection = Mutex(connection)
    }

    /// The secret that signs upload URLs, made once and kept, so URLs handed out survive a restart.
    func uploadSecret() throws -> Data {
        try connection.withLock { connection in
            var secret: Data?
            try connection.query("SELECT value FROM meta WHERE key = 'upload-secret'") { secret = $0.blob(0) }
            if let secret { return secret }
            var fresh = SystemRandomNumberGenerator()
            let bytes = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &fresh) })
            try connection.run("INSERT INTO meta (key, value) VALUES ('upload-secret', ?)", [.blob(bytes)])
            return bytes
        }
    }

    // MARK: Records

    func connector(_ org: String, _ name: String) throws -> ConnectorRecord? {
        try record("SELECT record FROM connectors WHERE id = ?", [.text("\(org)/\(name)")])
    }

    func connectors() throws -> [ConnectorRecord] {
        try records("SELECT record FROM connectors ORDER BY id", [])
    }

    func save(_ connector: ConnectorRecord) throws {
        try write(
            "INSERT OR REPLACE INTO connectors (id, record) VALUES (?, ?)",
            id: "\(connector.org)/\(connector.name)", connector)
    }

    func version(_ org: String, _ name: String, _ version: String) throws -> VersionRecord? {
        try record("SELECT record FROM versions WHERE id = ?", [.text("\(org)/\(name)@\(version)")])
    }

    /// Versions of one connector (or of every connector), oldest first.
    func versions(of connector: String? = nil) throws -> [VersionRecord] {
        if let connector {
            return try records(
                "SELECT record FROM versions WHERE connector = ? ORDER BY created, id", [.text(connector)])
        }
        return try records("SELECT record FROM versions ORDER BY created, id", [])
    }

    func save(_ version: VersionRecord) throws {
        let data = try RegistryJSON.encoder.encode(version)
        try connection.withLock { connection in
            try connection.run(
                """
                INSERT INTO versions (id, connector, record, created) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET record = excluded.record
                """,
                [
                    .text("\(version.org)/\(version.name)@\(version.version)"), .text("\(version.org)/\(version.name)"),
                    .text(String(decoding: data, as: UTF8.self)), .int(Int64(Date().timeIntervalSince1970 * 1000)),
                ])
        }
    }

    func keys(of org: String) throws -> [KeyRecord] {
        try records("SELECT record FROM keys WHERE org = ? ORDER BY id", [.text(org)])
    }

    func key(id: String) throws -> KeyRecord? {
        try record("SELECT record FROM keys WHERE id = ?", [.text(id)])
    }

    func save(_ key: KeyRecord) throws {
        let data = try RegistryJSON.encoder.encode(key)
        try connection.withLock { connection in
            try connection.run(
                "INSERT OR REPLACE INTO keys (id, org, record) VALUES (?, ?, ?)",
                [.text(key.id), .text(key.org), .text(String(decoding: data, as: UTF8.self))])
        }
    }

    // MARK: Uploads

    static func uploadID(_ version: VersionRecord, _ platform: String, _ kind: UploadKind) -> String {
        "\(version.org)/\(version.name)@\(version.version)/\(platform)/\(kind.rawValue)"
    }

    func storeUpload(_ content: Data, id: String, version: String) throws {
        try connection.withLock { connection in
            try connection.run(
                "INSERT OR REPLACE INTO uploads (id, version, content) VALUES (?, ?, ?)",
                [.text(id), .text(version), .blob(content)])
        }
    }

    func upload(id: String) throws -> Data? {
        try connection.withLock { connection in
            var content: Data?
            try connection.query("SELECT content FROM uploads WHERE id = ?", [.text(id)]) { content = $0.blob(0) }
            return content
        }
    }

    // MARK: Helpers

    private func write(_ sql: String, id: String, _ value: some Encodable) throws {
        let data = try RegistryJSON.encoder.encode(value)
        try connection.withLock { connection in
            try connection.run(sql, [.text(id), .text(String(decoding: data, as: UTF8.self))])
        }
    }

    private func record<Record: Decodable>(_ sql: String, _ values: [SQLiteValue]) throws -> Record? {
        let found: [Record] = try records(sql, values)
        return found.first
    }

    private func records<Record: Decodable>(_ sql: String, _ values: [SQLiteValue]) throws -> [Record] {
        let texts = try connection.withLock { connection in
            var texts: [String] = []
            try connection.query(sql, values) { texts.append($0.text(0)) }
            return texts
        }
        return try texts.map { try RegistryJSON.decoder.decode(Record.self, from: Data($0.utf8)) }
    }
}
