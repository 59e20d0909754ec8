import BatonProto
import BatonStore
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

        let first = try store.startSync(type: .full)
        try store.write(
            StoreBatch(
                resourceTypes: [resourceType("user", .user), resourceType("group", .group)],
                resources: [user("u1", "Alice"), user("u2", "Bob"), group("g1", "Admins")],
                entitlements: [entitlement("g1", "member")],
                grants: [grant("g1", "member", "u1"), grant("g1", "member", "u2")]),
            syncID: first)
        try store.endSync(syncID: first)
        try store.save(toC1Z: old)

        let second = try store.startSync(type: .full)
        var derived = grant("g1", "member", "u3")
        derived.sources.sources = ["group:g1:member": .with { $0.isDirect = true }, "group:g2:member": .init()]
        try store.write(
            StoreBatch(
                resourceTypes: [resourceType("user", .user), resourceType("group", .group)],
                resources: [user("u1", "Alice Smith"), group("g1", "Admins"), user("u3", "Carol")],
                entitlements: [entitlement("g1", "member"), entitlement("g1", "admin")],
                grants: [grant("g1", "member", "u1"), derived]),
            syncID: second)
        try store.endSync(syncID: second)
        try store.save(toC1Z: new)
        return (old, new)
    }

    static func resourceType(_ id: String, _ trait: C1_Connector_V2_ResourceType.Trait) -> C1_Connector_V2_ResourceType
    {
        .with {
            $0.id = id
            $0.displayName = id.capitalized
            $0.traits = [trait]
        }
    }

    static func user(_ id: String, _ name: String) -> C1_Connector_V2_Resource {
        .with {
            $0.id = .with {
                $0.resourceType = "user"
                $0.resource = id
            }
            $0.displayName = name
            var unknown = Google_Protobuf_Any()
            unknown.typeURL = unknownAnnotationURL
            unknown.value = Data([0x0A, 0x02, 0x68, 0x69])
            $0.annotations = [unknown]
        }
    }

    /// A group whose trait carries a profile Struct with several members, whose encoded order varies.
    static func group(_ id: String, _ name: String) -> C1_Connector_V2_Resource {
        .with {
            $0.id = .with {
                $0.resourceType = "group"
                $0.resource = id
            }
            $0.displayName = name
            let trait = C1_Connector_V2_GroupTrait.with {
                $0.profile = .with { profile in
                    for (index, key) in ["alpha", "beta", "gamma", "delta", "epsilon"].enumerated() {
                        profile.fields[key] = .with { $0.numberValue = Double(index) }
                    }
                }
            }
            if let annotation = try? Google_Protobuf_Any(message: trait) {
                $0.annotations = [annotation]
            }
        }
    }

    static func entitlement(_ groupID: String, _ slug: String) -> C1_Connector_V2_Entitlement {
        .with {
            $0.id = "group:\(groupID):\(slug)"
            $0.resource = group(groupID, "Admins")
            $0.displayName = slug
            $0.slug = slug
        }
    }

    static func grant(_ groupID: String, _ slug: String, _ userID: String) -> C1_Connector_V2_Grant {
        .with {
            $0.id = "group:\(groupID):\(slug):user:\(userID)"
            $0.entitlement = .with {
                $0.id = "group:\(groupID):\(slug)"
                $0.resource = .with {
                    $0.id = .with {
                        $0.resourceType = "group"
                        $0.resource = groupID
                    }
                }
            }
            $0.principal = .with {
                $0.id = .with {
                    $0.resourceType = "user"
                    $0.resource = userID
                }
            }
        }
    }
}
