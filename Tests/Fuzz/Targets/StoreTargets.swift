import BatonProto
import BatonStore
import Foundation

/// Small decode limits keep a fuzzed frame from filling the disk or memory; the limit paths are what is
/// checked, not the defaults.
private let fuzzLimits = ZstdLimits(maxDecodedSize: 8 << 20, maxWindowSize: 8 << 20)

extension FuzzTarget {
    /// The c1z container: the magic header, the zstd frame, trailing data and the decode limits.
    static let c1zContainer = FuzzTarget(
        "c1z-container", "C1ZContainer.decompress on arbitrary file bytes (magic, zstd frame, size limits)"
    ) { data throws(FuzzViolation) in
        let c1z = try Scratch.write(data, to: "container.c1z")
        let database = Scratch.path("container.db")
        defer { try? FileManager.default.removeItem(atPath: database) }
        try FuzzViolation.expecting(C1ZError.self, from: "C1ZContainer.decompress") {
            let written = try C1ZContainer.decompress(c1z: c1z, toDatabase: database, limits: fuzzLimits)
            try FuzzViolation.check(written <= fuzzLimits.maxDecodedSize, "decoded \(written) bytes over the limit")
            let size = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? UInt64) ?? nil
            try FuzzViolation.check(size == written, "reported \(written) bytes, wrote \(size ?? 0)")
        } check: { error throws(FuzzViolation) in
            try FuzzViolation.oneLine(error.message)
        }
    }

    /// The SQLite-backed reader on a mutated database file: opening (with and without migrations), every
    /// listing, the sync runs and the stats.
    static let sqliteReader = FuzzTarget(
        "sqlite-reader", "C1ZStore.open and every read on an arbitrary SQLite database file"
    ) { data throws(FuzzViolation) in
        let database = try Scratch.write(data, to: "reader.db")
        let c1z = Scratch.path("reader.c1z")
        do {
            try C1ZContainer.compress(database: database, toC1Z: c1z)
        } catch {
            throw FuzzViolation("compressing the input failed: \(error)")
        }
        try FuzzViolation.expecting(C1ZError.self, from: "the c1z reader") {
            let options = C1ZReadOptions(
                temporaryDirectory: Scratch.directory, limits: fuzzLimits, applyMigrations: data.count % 2 == 0)
            let store = try C1ZStore.open(c1z: c1z, options: options)
            defer { try? store.close() }
            try readEverything(store)
        } check: { error throws(FuzzViolation) in
            try FuzzViolation.oneLine(error.message)
        }
    }

    /// Stored protobuf records as the reader decodes them; a decoded record re-encodes to bytes that decode to
    /// the same record.
    static let storeRecords = FuzzTarget(
        "store-records", "stored protobuf records (resource type, resource, entitlement, grant, sync stats)"
    ) { data throws(FuzzViolation) in
        guard let kind = data.first else { return }
        let bytes = data.dropFirst()
        switch kind % 5 {
        case 0: try roundTrip(C1_Connector_V2_ResourceType.self, bytes)
        case 1: try roundTrip(C1_Connector_V2_Resource.self, bytes)
        case 2: try roundTrip(C1_Connector_V2_Entitlement.self, bytes)
        case 3: try roundTrip(C1_Connector_V2_Grant.self, bytes)
        default: try roundTrip(C1_Reader_V2_SyncStats.self, bytes)
        }
    }
}

private func readEverything(_ store: C1ZStore) throws {
    let runs = try store.listSyncRuns()
    _ = try store.latestFinishedSync()
    _ = try store.latestUnfinishedSync()
    let syncIDs: [String?] = [nil] + runs.prefix(2).map(\.id)
    for syncID in syncIDs {
        _ = try store.counts(syncID: syncID)
        _ = try store.listResourceTypes(syncID: syncID, pageSize: 20)
        _ = try store.listResources(syncID: syncID, pageSize: 20)
        _ = try store.listEntitlements(syncID: syncID, pageSize: 20)
        _ = try store.listGrants(syncID: syncID, pageSize: 20)
        if let syncID { _ = try store.stats(syncID: syncID) }
    }
}

private let decodingOptions: BinaryDecodingOptions = {
    var options = BinaryDecodingOptions()
    options.discardUnknownFields = true
    return options
}()

private let encodingOptions: BinaryEncodingOptions = {
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    return options
}()

private func roundTrip<Record: SwiftProtobuf.Message>(_ type: Record.Type, _ bytes: Data) throws(FuzzViolation) {
    let record: Record
    do {
        record = try Record(serializedBytes: bytes, options: decodingOptions)
    } catch is BinaryDecodingError {
        return
    } catch {
        throw .undocumented(error, from: "decoding a stored \(Record.protoMessageName)")
    }
    do {
        let encoded: Data = try record.serializedBytes(options: encodingOptions)
        let again = try Record(serializedBytes: encoded, options: decodingOptions)
        let reencoded: Data = try again.serializedBytes(options: encodingOptions)
        try FuzzViolation.check(encoded == reencoded, "\(Record.protoMessageName) does not re-encode stably")
    } catch let violation as FuzzViolation {
        throw violation
    } catch {
        throw FuzzViolation("a decoded \(Record.protoMessageName) does not re-encode and decode: \(error)")
    }
}
