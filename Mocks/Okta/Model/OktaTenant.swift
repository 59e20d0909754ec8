import MockKit

/// The org-level facts of a tenant (`GET /api/v1/org`).
struct OktaOrg: Sendable {
    var id: String
    var companyName: String
    var subdomain: String
    var emailDomain: String
    var userTypeID: String
    var created: Timestamp
}

/// One app user as `/apps/{id}/users` lists it: direct (`scope: USER`) or through a group (`GROUP`).
struct OktaAppUserEntry: Sendable {
    var user: Int32
    var direct: Bool
}

/// The whole mutable state of a mocked Okta org. Objects live in arrays addressed by index, with
/// id → index maps; deleted objects stay as tombstones so that cursors (`after=<id>`) keep working.
struct OktaTenant: Sendable {
    var org: OktaOrg
    var users: [OktaUser] = []
    var userByID: [String: Int32] = [:]
    /// Lower-cased login → index, live users only.
    var userByLogin: [String: Int32] = [:]
    var groups: [OktaGroup] = []
    var groupByID: [String: Int32] = [:]
    /// The BUILT_IN "Everyone" group.
    var everyone: Int32 = 0
    var apps: [OktaApp] = []
    var appByID: [String: Int32] = [:]
    var userRoles: [Int32: [OktaRoleAssignment]] = [:]
    var groupRoles: [Int32: [OktaRoleAssignment]] = [:]
    var roleAssignmentIDs: Set<String> = []
    /// Source of ids for objects created through the API (deterministic after generation).
    var idRandom: SplitMix64
    /// Bumped by every change; caches compare against it.
    var version = 0

    // Caches, rebuilt lazily.
    /// The user object without its closing brace, credentials and links (see `OktaTenant+JSON`).
    var userJSONCache: [[UInt8]?] = []
    var appUsersCache: [Int32: (version: Int, entries: [OktaAppUserEntry])] = [:]
    var adminUsersCache: (version: Int, users: [Int32])?

    init(org: OktaOrg, idRandom: SplitMix64) {
        self.org = org
        self.idRandom = idRandom
    }

    // MARK: Lookup

    /// A live user by id or login.
    func userIndex(idOrLogin: String) -> Int32? {
        if let index = userByID[idOrLogin], !users[Int(index)].deleted { return index }
        return userByLogin[idOrLogin.lowercased()]
    }

    func liveUser(_ id: String) -> Int32? {
        guard let index = userByID[id], !users[Int(index)].deleted else { return nil }
        return index
    }

    func liveGroup(_ id: String) -> Int32? {
        guard let index = groupByID[id], !groups[Int(index)].deleted else { return nil }
        return index
    }

    func liveApp(_ id: String) -> Int32? {
        guard let index = appByID[id], !apps[Int(index)].deleted else { return nil }
        return index
    }

    // MARK: Ids

    /// A fresh 20-character Okta id with the given 3-character prefix (`00u`, `00g`, `0oa`, `ra1`).
    mutating func newID(prefix: String) -> String {
        while true {
            let id = prefix + idRandom.alphanumeric(17)
            if userByID[id] == nil, groupByID[id] == nil, appByID[id] == nil, !roleAssignmentIDs.contains(id) {
                return id
            }
        }
    }

    // MARK: Adding objects

    @discardableResult
    mutating func appendUser(_ user: OktaUser) -> Int32 {
        let index = Int32(users.count)
        users.append(user)
        userJSONCache.append(nil)
        userByID[user.id] = index
        userByLogin[user.profile.login.lowercased()] = index
        return index
    }

    @discardableResult
    mutating func appendGroup(_ group: OktaGroup) -> Int32 {
        let index = Int32(groups.count)
        groups.append(group)
        groupByID[group.id] = index
        return index
    }

    @discardableResult
    mutating func appendApp(_ app: OktaApp) -> Int32 {
        let index = Int32(apps.count)
        apps.append(app)
        appByID[app.id] = index
        return index
    }

    mutating func newRoleAssignment(_ type: OktaRoleType, at time: Timestamp) -> OktaRoleAssignment {
        let assignment = OktaRoleAssignment(id: newID(prefix: "ra1"), type: type, created: time)
        roleAssignmentIDs.insert(assignment.id)
        return assignment
    }

    // MARK: Derived lists

    /// The users `/apps/{id}/users` lists: direct assignments and members of assigned groups,
    /// ascending by user, each once (a direct assignment wins over a group one).
    mutating func appUsers(_ app: Int32) -> [OktaAppUserEntry] {
        if let cached = appUsersCache[app], cached.version == version { return cached.entries }
        let record = apps[Int(app)]
        var viaGroup = Set<Int32>()
        for group in record.groups where !groups[Int(group)].deleted {
            viaGroup.formUnion(groups[Int(group)].members)
        }
        var entries = record.directUsers.map { OktaAppUserEntry(user: $0, direct: true) }
        let direct = Set(record.directUsers)
        entries += viaGroup.subtracting(direct).map { OktaAppUserEntry(user: $0, direct: false) }
        entries.sort { $0.user < $1.user }
        entries.removeAll { users[Int($0.user)].deleted }
        appUsersCache[app] = (version, entries)
        return entries
    }

    /// Users holding a role directly (`/iam/assignees/users`), ascending.
    mutating func adminUsers() -> [Int32] {
        if let cached = adminUsersCache, cached.version == version { return cached.users }
        let result = userRoles.filter { !$0.value.isEmpty && !users[Int($0.key)].deleted }.keys.sorted()
        adminUsersCache = (version, result)
        return result
    }

    // MARK: Changes

    /// Marks the tenant changed and drops the cached JSON of the given user, if any.
    mutating func touch(user: Int32? = nil) {
        version += 1
        if let user { userJSONCache[Int(user)] = nil }
    }

    /// Removes a user for good: memberships, roles and app assignments go with it.
    mutating func deleteUser(_ index: Int32) {
        users[Int(index)].deleted = true
        userByLogin[users[Int(index)].profile.login.lowercased()] = nil
        for group in groups.indices where groups[group].members.sortedRemove(index) {
            groups[group].lastMembershipUpdated = .now()
        }
        if let roles = userRoles.removeValue(forKey: index) {
            roleAssignmentIDs.subtract(roles.map(\.id))
        }
        for app in apps.indices where apps[app].directUsers.sortedRemove(index) {
            apps[app].userAssignments[index] = nil
        }
        touch(user: index)
    }

    /// Removes a group: its roles and app assignments go with it.
    mutating func deleteGroup(_ index: Int32) {
        groups[Int(index)].deleted = true
        groups[Int(index)].members = []
        if let roles = groupRoles.removeValue(forKey: index) {
            roleAssignmentIDs.subtract(roles.map(\.id))
        }
        for app in apps.indices where apps[app].groups.sortedRemove(index) {
            apps[app].groupAssignments[index] = nil
        }
        touch()
    }
}
