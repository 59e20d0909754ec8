import BatonSDK
import BatonStore
import BatonSync
import Foundation

/// Store and sync-engine scenarios: bulk grant writes, expansion, a demo sync.
enum StoreScenarios {
    static let userType = (try? ResourceType(name: "User", traits: [.user])) ?? ResourceType()
    static let groupType = (try? ResourceType(name: "Group", traits: [.group])) ?? ResourceType()

    /// `count` grants of one group's `member` to distinct users, written in batches of 10 000 (timed),
    /// then saved (timed apart).
    static func writeGrants(count: Int, directory: String) async throws -> Figures {
        let output = directory + "/grants.c1z"
        let working = Syncer.workingPath(for: output)
        C1ZStore.removeWorkingFiles(at: working)
        let group = try Resource.group(name: "all", type: groupType, id: "all")
        let store = try C1ZStore.openWorking(at: working)
        // Where the time goes, reported beside the total: building the messages, writing them, ending the sync.
        var phases = (build: 0.0, write: 0.0, end: 0.0)
        let (_, seconds) = try await timed {
            let sync = try store.startSync(type: .full)
            let batch = 10_000
            for start in stride(from: 0, to: count, by: batch) {
                let (grants, build) = try await timed {
                    var grants: [Grant] = []
                    grants.reserveCapacity(batch)
                    for n in start..<min(count, start + batch) {
                        grants.append(
                            try Grant.make(
                                resource: group, entitlementName: "member",
                                principal: ResourceID("user", "u\(n)")))
                    }
                    return grants
                }
                phases.build += build
                phases.write += try await timed {
                    try store.write(StoreBatch(grants: grants), syncID: sync, checkpoint: "{\"n\":\(start)}")
                }.1
            }
            phases.end = try await timed { _ = try store.endSync(syncID: sync) }.1
        }
        // Saved as a sync saves it: compacted, then compressed.
        let (_, saveSeconds) = try await timed {
            _ = try store.save(toC1Z: output, compaction: .whenWorthwhile)
            try store.close()
            C1ZStore.removeWorkingFiles(at: working)
        }
        try String(count).write(toFile: output + ".count", atomically: true, encoding: .utf8)
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        return Figures(
            scenario: "store: write \(count) grants (save: \(String(format: "%.1f", saveSeconds)) s)",
            seconds: seconds, items: count, peakRSSMiB: peakRSSMiB(),
            extra: [
                "c1z_bytes": String(size), "save_seconds": String(format: "%.2f", saveSeconds),
                "build_seconds": String(format: "%.2f", phases.build),
                "write_seconds": String(format: "%.2f", phases.write),
                "end_sync_seconds": String(format: "%.2f", phases.end),
            ])
    }

    /// `members` users in one group, granted `roles` roles through the group: members × roles derived grants.
    static func expand(members: Int, roles: Int, directory: String) async throws -> Figures {
        let working = directory + "/expand.db"
        C1ZStore.removeWorkingFiles(at: working)
        let store = try C1ZStore.openWorking(at: working)
        defer {
            try? store.close()
            C1ZStore.removeWorkingFiles(at: working)
        }
        let sync = try store.startSync(type: .full)
        let group = try Resource.group(name: "all", type: groupType, id: "all")
        let roleType = try ResourceType(name: "Role", traits: [.role])
        var batch = StoreBatch(resources: [group])
        batch.entitlements.append(try Entitlement.assignment(resource: group, name: "member"))
        for r in 0..<roles {
            let role = try Resource.role(name: "r\(r)", type: roleType, id: "r\(r)")
            batch.resources.append(role)
            batch.entitlements.append(try Entitlement.assignment(resource: role, name: "assigned"))
            batch.grants.append(
                try Grant.make(
                    resource: role, entitlementName: "assigned",
                    principal: ResourceID("group", "all"),
                    options: [.expandable(["group:all:member"])]))
        }
        try store.write(batch, syncID: sync)
        for start in stride(from: 0, to: members, by: 10_000) {
            let grants = try (start..<min(members, start + 10_000)).map {
                try Grant.make(resource: group, entitlementName: "member", principal: ResourceID("user", "u\($0)"))
            }
            try store.write(StoreBatch(grants: grants), syncID: sync)
        }
        let (result, seconds) = try await timed { try GrantExpansion.expand(store: store, syncID: sync) }
        return Figures(
            scenario: "expansion: \(members) members × \(roles) roles", seconds: seconds, items: result,
            peakRSSMiB: peakRSSMiB())
    }
}
