import BatonProto
import BatonSDK
import BatonStore
import Foundation

/// What happened to a record between two syncs.
enum DiffChange: String {
    case created, deleted, modified
}

/// Receives the changes a comparison finds, kind by kind, as it finds them.
protocol DiffReporter {
    mutating func begin(kind: String)
    /// One change; `json` prints the record (the newer version, or the older one for a deletion).
    mutating func report(_ change: DiffChange, key: String, json: () throws -> String) throws
    mutating func end(kind: String)
}

/// How to read, identify and look up one kind of record for a comparison.
struct DiffKind<Record: AnyCarrying> {
    /// The JSON member and console label: `resources`, `entitlements`, `grants`.
    let name: String
    /// The records of this kind in one sync (one side of the comparison).
    let pages: (RecordLookup) -> Pages<Record>
    /// What identifies a record across syncs (its external id).
    let key: (Record) -> String
    /// The record with the same id in another sync, if there is one.
    let counterpart: (RecordLookup, Record) throws -> Record?

    /// Compares the records of this kind in two syncs and reports the differences: created records
    /// (in the newer sync's row order), then deleted ones (older sync's row order), then modified ones
    /// (newer sync's row order, as they are now).
    ///
    /// Equal stored bytes mean equal records. Records whose bytes differ are compared by their JSON
    /// with members sorted, as the Go tool compares normalised JSON, so annotations whose maps were
    /// encoded in another order are not a change. Memory holds a 64-bit hash per older record (a
    /// collision, which would hide one modification, is vanishingly unlikely), the newer sync's ids
    /// and the modified records; created and deleted records stream straight to the reporter.
    func compare(old: RecordLookup, new: RecordLookup, into reporter: inout some DiffReporter) throws {
        reporter.begin(kind: name)
        var oldDigests: [String: Int] = [:]
        try pages(old).forEachItem { record in
            oldDigests[key(record)] = try record.deterministicData().hashValue
        }
        var newKeys = Set<String>()
        var modified: [(key: String, record: Record)] = []
        try pages(new).forEachItem { record in
            let recordKey = key(record)
            newKeys.insert(recordKey)
            guard let oldDigest = oldDigests[recordKey] else {
                try reporter.report(.created, key: recordKey) { try ProtoJSON.string(record) }
                return
            }
            if try oldDigest != record.deterministicData().hashValue,
                try !Self.sameContents(record, counterpart(old, record))
            {
                modified.append((recordKey, record))
            }
        }
        try pages(old).forEachItem { record in
            let recordKey = key(record)
            if !newKeys.contains(recordKey) {
                try reporter.report(.deleted, key: recordKey) { try ProtoJSON.string(record) }
            }
        }
        for change in modified {
            try reporter.report(.modified, key: change.key) { try ProtoJSON.string(change.record) }
        }
        reporter.end(kind: name)
    }

    private static func sameContents(_ record: Record, _ other: Record?) throws -> Bool {
        guard let other else { return false }
        return try ProtoJSON.canonicalString(record) == ProtoJSON.canonicalString(other)
    }
}

/// The kinds of record `diff` compares, in the order it reports them.
enum DiffKinds {
    static var resources: DiffKind<C1_Connector_V2_Resource> {
        DiffKind(
            name: "resources", pages: { $0.resourcePages(typeID: nil) },
            key: { $0.id.resourceType + ":" + $0.id.resource }, counterpart: { try $0.resource($1.id) })
    }

    static var entitlements: DiffKind<C1_Connector_V2_Entitlement> {
        DiffKind(
            name: "entitlements", pages: \.entitlementPages, key: \.id,
            counterpart: { try $0.entitlement($1.id) })
    }

    static var grants: DiffKind<C1_Connector_V2_Grant> {
        DiffKind(
            name: "grants", pages: { $0.grantPages() }, key: \.id,
            counterpart: { try $0.store.grant(id: $1.id, syncID: $0.syncID) })
    }

    /// Compares resources, entitlements and grants.
    static func compareAll(old: RecordLookup, new: RecordLookup, into reporter: inout some DiffReporter) throws {
        try resources.compare(old: old, new: new, into: &reporter)
        try entitlements.compare(old: old, new: new, into: &reporter)
        try grants.compare(old: old, new: new, into: &reporter)
    }
}

/// Streams `{"resources":{"created":[…],"deleted":[…],"modified":[…]},"entitlements":{…},"grants":{…}}`
/// (the Go tool's shape), leaving out empty lists.
struct DiffJSONWriter: DiffReporter {
    let output: OutputBuffer
    private var kinds = 0
    private var currentChange: DiffChange?

    init(output: OutputBuffer) {
        self.output = output
    }

    mutating func begin(kind: String) {
        output.write((kinds == 0 ? "{" : ",") + GoJSON.quote(kind) + ":{")
        kinds += 1
        currentChange = nil
    }

    mutating func report(_ change: DiffChange, key: String, json: () throws -> String) throws {
        let text = try json()
        if change == currentChange {
            output.write(",")
        } else {
            output.write((currentChange == nil ? "" : "],") + GoJSON.quote(change.rawValue) + ":[")
            currentChange = change
        }
        output.write(text)
    }

    mutating func end(kind: String) {
        output.write(currentChange == nil ? "}" : "]}")
    }

    func finish() {
        output.write(kinds == 0 ? "{}\n" : "}\n")
    }
}

/// Collects the changes as console table rows (change, kind, id) and counts them.
struct DiffTableWriter: DiffReporter {
    private(set) var table = ConsoleTable(headers: ["Change", "Kind", "ID"])
    private(set) var counts: [DiffChange: Int] = [:]
    private var kind = ""

    mutating func begin(kind: String) {
        self.kind = kind
    }

    mutating func report(_ change: DiffChange, key: String, json: () throws -> String) throws {
        table.append([change.rawValue, kind, key])
        counts[change, default: 0] += 1
    }

    mutating func end(kind: String) {}
}
