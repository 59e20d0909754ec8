import BatonSDK
import BatonStore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonSync

/// Expansion on hand-built graphs, checked against answers worked out by hand.
@Suite("Grant expansion")
struct GrantExpansionTests {
    /// A sync in a temporary working store with groups `g<n>` (entitlement `member`) and users `u<n>`.
    final class Fixture {
        let dir: TestDirectory
        let store: C1ZStore
        let syncID: String
        let groupType: ResourceType
        var grants: [Grant] = []

        init() throws {
            dir = try TestDirectory("expansion")
            store = try C1ZStore.openWorking(at: dir.file("work.db"))
            syncID = try store.startSync(type: .full)
            groupType = try ResourceType(name: "Group", traits: [.group])
        }

        deinit {
            try? store.close()
            dir.remove()
        }

        func group(_ id: String) throws -> Resource { try Resource.group(name: id, type: groupType, id: id) }

        /// `member` of `group` granted to user `user`.
        func member(_ user: String, of group: String) throws {
            grants.append(
                try Grant.make(
                    resource: self.group(group), entitlementName: "member",
                    principal: ResourceID("user", user)))
        }

        /// `member` of `outer` granted to group `inner`, expandable from `inner`'s members.
        func nest(_ inner: String, in outer: String, shallow: Bool = false, types: [String] = []) throws {
            grants.append(
                try Grant.make(
                    resource: self.group(outer), entitlementName: "member", principal: ResourceID("group", inner),
                    options: [.expandable(["group:\(inner):member"], shallow: shallow, resourceTypeIDs: types)]))
        }

        func expand(groups: [String], maxDepth: Int = 20) throws -> GrantExpander.Result {
            let entitlements = try groups.map { try Entitlement.assignment(resource: group($0), name: "member") }
            try store.write(
                StoreBatch(resources: try groups.map(group), entitlements: entitlements, grants: grants),
                syncID: syncID)
            return try GrantExpander(store: store, syncID: syncID, maxDepth: maxDepth).run()
        }

        /// Grant id → its sources as "entitlement:direct|derived", sorted.
        func holders() throws -> [String: [String]] {
            let snapshot = try C1ZSnapshot.load(store, syncID: syncID)
            return try snapshot.decodedGrants().mapValues { grant in
                grant.sources.sources.map { "\($0.key)=\($0.value.isDirect ? "direct" : "derived")" }.sorted()
            }
        }
    }

    @Test func chainDerivesThroughEveryLevel() throws {
        let f = try Fixture()
        try f.member("alice", of: "g1")
        try f.nest("g1", in: "g2")
        try f.nest("g2", in: "g3")
        let result = try f.expand(groups: ["g1", "g2", "g3"])
        let h = try f.holders()
        #expect(h["group:g2:member:user:alice"] == ["group:g1:member=direct"])
        #expect(h["group:g3:member:user:alice"] == ["group:g2:member=derived"])
        // g1 (a group) holds g2 directly and so inherits g3 directly through g2.
        #expect(h["group:g3:member:group:g1"] == ["group:g2:member=direct"])
        #expect(h["group:g1:member:user:alice"] == [])
        #expect(result.derivedGrants == 3)
    }

    @Test func diamondMergesSourcesOnOneGrant() throws {
        let f = try Fixture()
        try f.member("bob", of: "a")
        try f.nest("a", in: "b")
        try f.nest("a", in: "c")
        try f.nest("b", in: "d")
        try f.nest("c", in: "d")
        _ = try f.expand(groups: ["a", "b", "c", "d"])
        let h = try f.holders()
        #expect(h["group:d:member:user:bob"] == ["group:b:member=derived", "group:c:member=derived"])
        #expect(h["group:d:member:group:a"] == ["group:b:member=direct", "group:c:member=direct"])
    }

    @Test func directHolderKeepsItsOwnSourceWhenAlsoInherited() throws {
        let f = try Fixture()
        try f.member("carol", of: "inner")
        try f.member("carol", of: "outer")
        try f.nest("inner", in: "outer")
        let result = try f.expand(groups: ["inner", "outer"])
        let h = try f.holders()
        #expect(h["group:outer:member:user:carol"] == ["group:inner:member=direct", "group:outer:member=direct"])
        #expect(result.derivedGrants == 0)
        #expect(result.updatedGrants == 1)
    }

    @Test func cycleIsCollapsedAndStillFeedsItsConsumers() throws {
        let f = try Fixture()
        try f.member("dan", of: "x")
        try f.member("erin", of: "y")
        try f.nest("x", in: "y")
        try f.nest("y", in: "x")
        try f.nest("x", in: "z")
        _ = try f.expand(groups: ["x", "y", "z"])
        let h = try f.holders()
        // Inside the collapsed cycle no edge is expanded (the reference drops internal edges) …
        #expect(h["group:y:member:user:dan"] == nil)
        #expect(h["group:x:member:user:erin"] == nil)
        // … but everyone holding any entitlement of the cycle inherits what the cycle feeds.
        #expect(h["group:z:member:user:dan"] == ["group:x:member=direct"])
        #expect(h["group:z:member:user:erin"] == ["group:y:member=direct"])
    }

    @Test func shallowEdgeOnlyPassesDirectHolders() throws {
        let f = try Fixture()
        try f.member("fay", of: "g1")
        try f.member("gus", of: "g2")
        try f.nest("g1", in: "g2")
        try f.nest("g2", in: "g3", shallow: true)
        _ = try f.expand(groups: ["g1", "g2", "g3"])
        let h = try f.holders()
        #expect(h["group:g3:member:user:gus"] == ["group:g2:member=direct"])
        #expect(h["group:g3:member:user:fay"] == nil)  // fay holds g2 only through g1
        #expect(h["group:g3:member:group:g1"] == ["group:g2:member=direct"])
    }

    @Test func resourceTypeFilterLimitsWhoInherits() throws {
        let f = try Fixture()
        try f.member("hal", of: "g1")
        try f.nest("g0", in: "g1")
        try f.nest("g1", in: "g2", types: ["user"])
        _ = try f.expand(groups: ["g0", "g1", "g2"])
        let h = try f.holders()
        #expect(h["group:g2:member:user:hal"] == ["group:g1:member=direct"])
        #expect(h["group:g2:member:group:g0"] == nil)
    }

    @Test func depthLimitIsEnforced() throws {
        let f = try Fixture()
        try f.member("ivy", of: "l0")
        let levels = (0...4).map { "l\($0)" }
        for (inner, outer) in zip(levels, levels.dropFirst()) { try f.nest(inner, in: outer) }
        #expect(throws: BatonError.self) { _ = try f.expand(groups: levels, maxDepth: 3) }
    }

    @Test func sourceOnAnotherResourceIsAnError() throws {
        let f = try Fixture()
        f.grants.append(
            try Grant.make(
                resource: f.group("g2"), entitlementName: "member", principal: ResourceID("group", "g1"),
                options: [.expandable(["group:g3:member"])]))
        #expect(throws: BatonError.self) { _ = try f.expand(groups: ["g1", "g2", "g3"]) }
    }

    @Test func reRunningChangesNothing() throws {
        let f = try Fixture()
        try f.member("jo", of: "g1")
        try f.nest("g1", in: "g2")
        _ = try f.expand(groups: ["g1", "g2"])
        let first = try C1ZSnapshot.load(f.store, syncID: f.syncID)
        let again = try GrantExpander(store: f.store, syncID: f.syncID, maxDepth: 20).run()
        #expect(again.derivedGrants == 0)
        #expect(try C1ZSnapshot.load(f.store, syncID: f.syncID) == first)
    }
}

@Suite("Entitlement graph")
struct EntitlementGraphTests {
    @Test func edgeMergingRules() {
        var g = EntitlementGraph()
        g.addEdge(from: "a", to: "b", .init(shallow: true, resourceTypeIDs: ["user"]))
        g.addEdge(from: "a", to: "b", .init(shallow: true, resourceTypeIDs: ["group"]))
        #expect(g.edges[0][1] == .init(shallow: true, resourceTypeIDs: ["user", "group"]))
        g.addEdge(from: "a", to: "b", .init(shallow: false, resourceTypeIDs: nil))
        #expect(g.edges[0][1] == .init(shallow: false, resourceTypeIDs: nil))
    }

    @Test func condensationOrdersComponents() {
        var g = EntitlementGraph()
        let deep = EntitlementGraph.Edge(shallow: false, resourceTypeIDs: nil)
        g.addEdge(from: "a", to: "b", deep)
        g.addEdge(from: "b", to: "a", deep)
        g.addEdge(from: "b", to: "c", deep)
        g.addEdge(from: "d", to: "a", deep)
        let c = g.condensed()
        #expect(c.entitlements.sorted { $0.count < $1.count }.last == ["a", "b"])
        let (order, depth) = c.topologicalOrder()
        let names = order.map { c.entitlements[$0].joined(separator: "+") }
        #expect(names == ["d", "a+b", "c"])
        #expect(order.map { depth[$0] } == [0, 1, 2])
    }
}
