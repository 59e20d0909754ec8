import BatonProto
import BatonStore
import BatonTestSupport
import Foundation

/// A small c1z built with the store's write API: two full syncs of a user/group directory that
/// differ in known ways, plus an annotation of a type nobody registered.
enum SampleFile {
    static let unknownAnnotationURL = "type.googleapis.com/example.v1.NotRegistered"

    /// Writes `old.c1z` (first sync only) and `new.c1z` (both syncs) into `directory`.
    static func write(in directory: String) throws -> (old: String, new: String) {
        let store = try C1ZStore.openWorking(at: directory + "/work.db")
        defer { try? store.close() }
        let old = directory + "/old.c1z"
        let new = directory + "/new.c1z"
        let types = [
            C1ZSample.resourceType("user", traits: [.user]), C1ZSample.resourceType("group", traits: [.group]),
        ]
        let admins = try group("g1")

        let first = try store.startSync(type: .full)
        try store.write(
            StoreBatch(
                resourceTypes: types, resources: [user("u1", "Alice"), user("u2", "Bob"), admins],
                entitlements: [C1ZSample.entitlement(admins)],
                grants: [try grant("g1", "member", "u1"), try grant("g1", "member", "u2")]),
            syncID: first)
        try store.endSync(syncID: first)
        try store.save(toC1Z: old)

        let second = try store.startSync(type: .full)
        var derived = try grant("g1", "member", "u3")
        derived.sources.sources = ["group:g1:member": .with { $0.isDirect = true }, "group:g2:member": .init()]
        try store.write(
            StoreBatch(
                resourceTypes: types,
                resources: [user("u1", "Alice Smith"), try group("g1", reversed: true), user("u3", "Carol")],
                entitlements: [C1ZSample.entitlement(admins), C1ZSample.entitlement(admins, slug: "admin")],
                grants: [try grant("g1", "member", "u1"), derived]),
            syncID: second)
        try store.endSync(syncID: second)
        try store.save(toC1Z: new)
        return (old, new)
    }

    /// A user carrying an annotation of an unregistered type.
    static func user(_ id: String, _ name: String) -> C1_Connector_V2_Resource {
        var user = C1ZSample.resource("user", id)
        user.displayName = name
        var unknown = Google_Protobuf_Any()
        unknown.typeURL = unknownAnnotationURL
        unknown.value = Data([0x0A, 0x02, 0x68, 0x69])
        user.annotations = [unknown]
        return user
    }

    /// A group annotated with a `google.protobuf.Struct` of several members, encoded in the given
    /// member order (as Go's encoder may do from one run to the next): different bytes, same contents.
    static func group(_ id: String, reversed: Bool = false) throws -> C1_Connector_V2_Resource {
        var group = C1ZSample.resource("group", id)
        let keys = ["alpha", "beta", "gamma", "delta", "epsilon"]
        var profile = Google_Protobuf_Any()
        profile.typeURL = "type.googleapis.com/google.protobuf.Struct"
        // Encodings of one-member Structs concatenate into one Struct (map entries merge).
        for (index, key) in (reversed ? keys.reversed() : keys).enumerated() {
            var member = Google_Protobuf_Struct()
            member.fields[key] = .with { $0.numberValue = Double(keys.firstIndex(of: key) ?? index) }
            profile.value += try member.serializedData()
        }
        group.annotations = [profile]
        return group
    }

    /// A grant as connectors report it: the entitlement and principal by id only.
    static func grant(_ groupID: String, _ slug: String, _ userID: String) throws -> C1_Connector_V2_Grant {
        let entitlement = C1ZSample.entitlement(C1ZSample.resource("group", groupID), slug: slug)
        return try C1ZSample.grant(entitlement, to: C1ZSample.resource("user", userID))
    }
}
