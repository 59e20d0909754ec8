public import BatonSDK
public import BatonStore
public import Foundation

/// The records of one sync in a c1z file, keyed by id, as deterministic protobuf bytes — what two
/// syncs are compared by ("the same content"), independent of row order.
public struct C1ZSnapshot: Equatable, Sendable {
    public var resourceTypes: [String: Data] = [:]
    public var resources: [String: Data] = [:]
    public var entitlements: [String: Data] = [:]
    public var grants: [String: Data] = [:]

    /// Reads the latest finished sync (or `syncID`) of the c1z at `path`.
    public static func load(_ path: String, syncID: String? = nil) throws -> C1ZSnapshot {
        let store = try C1ZStore.open(c1z: path)
        defer { try? store.close() }
        return try load(store, syncID: syncID)
    }

    /// Reads a sync of an open store.
    public static func load(_ store: C1ZStore, syncID: String? = nil) throws -> C1ZSnapshot {
        let sync = try store.resolveSyncID(syncID)
        var snapshot = C1ZSnapshot()
        var token = ""
        repeat {
            let page = try store.listResourceTypes(syncID: sync, pageToken: token)
            for item in page.items { snapshot.resourceTypes[item.id] = try item.deterministicData() }
            token = page.nextPageToken
        } while !token.isEmpty
        repeat {
            let page = try store.listResources(syncID: sync, pageToken: token)
            for item in page.items {
                snapshot.resources[BatonID.resourceExternalID(item.id)] = try item.deterministicData()
            }
            token = page.nextPageToken
        } while !token.isEmpty
        repeat {
            let page = try store.listEntitlements(syncID: sync, pageToken: token)
            for item in page.items { snapshot.entitlements[item.id] = try item.deterministicData() }
            token = page.nextPageToken
        } while !token.isEmpty
        repeat {
            let page = try store.listGrants(syncID: sync, filter: GrantFilter(includeExpansion: true), pageToken: token)
            for item in page.items { snapshot.grants[item.id] = try item.deterministicData() }
            token = page.nextPageToken
        } while !token.isEmpty
        return snapshot
    }

    /// The grants decoded, keyed by id.
    public func decodedGrants() throws -> [String: Grant] {
        try grants.mapValues { try Grant(serializedBytes: $0) }
    }
}

/// A fresh temporary directory, removed by ``remove()``.
public struct TestDirectory: Sendable {
    public let path: String

    public init(_ label: String = "baton-test") throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    /// `name` inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

extension C1ZSnapshot: CustomStringConvertible, CustomDebugStringConvertible {
    /// Counts only: a failing comparison must not print thousands of records.
    public var description: String {
        "C1ZSnapshot(resourceTypes: \(resourceTypes.count), resources: \(resources.count), "
            + "entitlements: \(entitlements.count), grants: \(grants.count))"
    }

    public var debugDescription: String { description }

    /// Up to `limit` ids that differ between two snapshots, for a readable failure message.
    public func differences(from other: C1ZSnapshot, limit: Int = 10) -> [String] {
        var out: [String] = []
        func compare(_ kind: String, _ a: [String: Data], _ b: [String: Data]) {
            for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
                let state = a[key] == nil ? "missing here" : b[key] == nil ? "missing there" : "differs"
                out.append("\(kind) \(key): \(state)")
            }
        }
        compare("resource type", resourceTypes, other.resourceTypes)
        compare("resource", resources, other.resources)
        compare("entitlement", entitlements, other.entitlements)
        compare("grant", grants, other.grants)
        return Array(out.prefix(limit))
    }
}
