import BatonSDK
import Foundation
import Synchronization

/// The demo "service": an in-memory directory of users, groups, roles and one app, seeded
/// deterministically. It plays the part a REST client plays in a real connector, including
/// offset paging, so the SDK's paging, expansion and provisioning paths are all exercised.
public final class DemoDirectory: Sendable {
    /// The page size of the demo's lists: small, so a sync pages even in the demo.
    static let pageSize = 10

    struct User: Sendable {
        var id: String
        var name: String
        var email: String?
        var enabled: Bool
        var isService: Bool
    }

    struct Group: Sendable {
        var id: String
        var name: String
        var userMembers: [String]
        var groupMembers: [String]
    }

    struct Role: Sendable {
        var id: String
        var name: String
        var users: [String]
        var groups: [String]
    }

    struct App: Sendable {
        var id: String
        var name: String
        var users: [String]
        var groups: [String]
    }

    struct State: Sendable {
        var users: [User]
        var groups: [Group]
        var roles: [Role]
        var apps: [App]
    }

    private let state: Mutex<State>

    /// A directory seeded with the standard demo tenant (50 users, nested groups with a cycle,
    /// roles granted to groups, one app).
    public init() {
        state = Mutex(Self.seed())
    }

    // MARK: Reads (offset paging, like a REST API's `?offset=&limit=`)

    func users(offset: Int, limit: Int) -> (items: [User], total: Int) {
        state.withLock { page($0.users, offset, limit) }
    }

    func user(id: String) -> User? { state.withLock { s in s.users.first { $0.id == id } } }

    func groups(offset: Int, limit: Int) -> (items: [Group], total: Int) {
        state.withLock { page($0.groups, offset, limit) }
    }

    func group(id: String) -> Group? { state.withLock { s in s.groups.first { $0.id == id } } }

    func roles(offset: Int, limit: Int) -> (items: [Role], total: Int) {
        state.withLock { page($0.roles, offset, limit) }
    }

    func role(id: String) -> Role? { state.withLock { s in s.roles.first { $0.id == id } } }

    func apps() -> [App] { state.withLock { $0.apps } }

    func app(id: String) -> App? { state.withLock { s in s.apps.first { $0.id == id } } }

    private func page<T>(_ all: [T], _ offset: Int, _ limit: Int) -> (items: [T], total: Int) {
        guard offset < all.count else { return ([], all.count) }
        return (Array(all[offset..<min(all.count, offset + limit)]), all.count)
    }

    // MARK: Writes

    enum MemberKind { case user, group }

    /// Adds a member; returns `false` when it already was one.
    func addMember(groupID: String, memberID: String, kind: MemberKind) throws -> Bool {
        try state.withLock { s in
            guard let index = s.groups.firstIndex(where: { $0.id == groupID }) else {
                throw BatonError(.notFound, "demo: group \(groupID) does not exist")
            }
            switch kind {
            case .user:
                guard s.users.contains(where: { $0.id == memberID }) else {
                    throw BatonError(.notFound, "demo: user \(memberID) does not exist")
                }
                if s.groups[index].userMembers.contains(memberID) { return false }
                s.groups[index].userMembers.append(memberID)
            case .group:
                guard s.groups.contains(where: { $0.id == memberID }) else {
                    throw BatonError(.notFound, "demo: group \(memberID) does not exist")
                }
                if s.groups[index].groupMembers.contains(memberID) { return false }
                s.groups[index].groupMembers.append(memberID)
            }
            return true
        }
    }

    /// Removes a member; returns `false` when it was not one.
    func removeMember(groupID: String, memberID: String, kind: MemberKind) throws -> Bool {
        try state.withLock { s in
            guard let index = s.groups.firstIndex(where: { $0.id == groupID }) else {
                throw BatonError(.notFound, "demo: group \(groupID) does not exist")
            }
            switch kind {
            case .user:
                let before = s.groups[index].userMembers.count
                s.groups[index].userMembers.removeAll { $0 == memberID }
                return s.groups[index].userMembers.count != before
            case .group:
                let before = s.groups[index].groupMembers.count
                s.groups[index].groupMembers.removeAll { $0 == memberID }
                return s.groups[index].groupMembers.count != before
            }
        }
    }

    /// Creates a user; returns the existing one when the email is taken.
    func createUser(name: String, email: String) -> (user: User, created: Bool) {
        state.withLock { s in
            if let existing = s.users.first(where: { $0.email == email }) { return (existing, false) }
            let user = User(
                id: String(format: "u%03d", s.users.count + 1), name: name, email: email, enabled: true,
                isService: false)
            s.users.append(user)
            return (user, true)
        }
    }

    // MARK: Seed

    private static func seed() -> State {
        var users: [User] = []
        for n in 1...50 {
            let id = String(format: "u%03d", n)
            let isService = n >= 48
            users.append(
                User(
                    id: id,
                    name: isService ? "Service Account \(n - 47)" : "Demo User \(n)",
                    email: n == 50 ? nil : String(format: "user%02d@demo.example", n),
                    enabled: n % 7 != 0,
                    isService: isService))
        }
        func ids(_ range: ClosedRange<Int>) -> [String] { range.map { String(format: "u%03d", $0) } }
        let groups = [
            Group(
                id: "g-engineering", name: "Engineering", userMembers: ids(41...42),
                groupMembers: ["g-backend", "g-frontend"]),
            Group(id: "g-backend", name: "Backend", userMembers: ids(1...10), groupMembers: ["g-platform"]),
            Group(id: "g-frontend", name: "Frontend", userMembers: ids(11...20), groupMembers: []),
            Group(id: "g-platform", name: "Platform", userMembers: ids(21...25), groupMembers: []),
            Group(id: "g-all-staff", name: "All Staff", userMembers: ids(26...35), groupMembers: ["g-engineering"]),
            Group(id: "g-ring-a", name: "Ring A", userMembers: ids(36...38), groupMembers: ["g-ring-b"]),
            Group(id: "g-ring-b", name: "Ring B", userMembers: ids(39...40), groupMembers: ["g-ring-a"]),
            Group(id: "g-empty", name: "Empty Group", userMembers: [], groupMembers: []),
        ]
        let roles = [
            Role(id: "r-admin", name: "Administrator", users: ["u001", "u002"], groups: []),
            Role(id: "r-developer", name: "Developer", users: [], groups: ["g-engineering"]),
            Role(id: "r-auditor", name: "Auditor", users: ["u043"], groups: ["g-ring-a"]),
        ]
        let apps = [App(id: "a-wiki", name: "Demo Wiki", users: ["u049"], groups: ["g-all-staff"])]
        return State(users: users, groups: groups, roles: roles, apps: apps)
    }
}
