import MockKit

/// Jira's account types: people with an Atlassian account, apps (bots, integrations) and Jira
/// Service Management customers.
enum JiraAccountType: String, CaseIterable, Sendable {
    case atlassian
    case app
    case customer
}

struct JiraUser: Sendable {
    var accountID: String
    var accountType: JiraAccountType
    var displayName: String
    /// Apps have none; some people hide theirs.
    var emailAddress: String?
    var active: Bool
    var timeZone: String
    var locale: String
    /// Product keys the account was created with (`POST /rest/api/2/user`).
    var products: [String] = []
}

struct JiraGroup: Sendable {
    var groupID: String
    var name: String
    /// Member user indexes, ascending.
    var members: [Int32]
}

/// A project role as defined site-wide (`/rest/api/3/role/{id}`).
struct JiraRole: Sendable {
    var id: Int
    var name: String
    var description: String
}

/// The actors of one role in one project: users and groups, each ascending by index.
struct JiraRoleActors: Sendable {
    var users: [Int32] = []
    var groups: [Int32] = []
}

struct JiraProject: Sendable {
    var id: Int
    var key: String
    var name: String
    var description: String
    var projectTypeKey: String
    var lead: Int32
    var isPrivate: Bool
    /// Role index (into `JiraTenant.roles`) → actors, for the roles the project uses.
    var roles: [Int: JiraRoleActors]
}

/// Sorted `Int32` arrays used as ordered sets (members, actors).
extension Array where Element == Int32 {
    /// The index of the first element not less than `value`.
    func lowerBound(_ value: Int32) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func sortedContains(_ value: Int32) -> Bool {
        let index = lowerBound(value)
        return index < count && self[index] == value
    }

    /// Inserts keeping order; false when already present.
    @discardableResult
    mutating func sortedInsert(_ value: Int32) -> Bool {
        let index = lowerBound(value)
        if index < count && self[index] == value { return false }
        insert(value, at: index)
        return true
    }

    /// Removes; false when absent.
    @discardableResult
    mutating func sortedRemove(_ value: Int32) -> Bool {
        let index = lowerBound(value)
        guard index < count && self[index] == value else { return false }
        remove(at: index)
        return true
    }
}

/// The whole mutable state of a mocked Jira Cloud site. Objects live in arrays addressed by index,
/// with id → index maps.
struct JiraTenant: Sendable {
    /// `acme` for `acme.atlassian.net`.
    var site: String
    var cloudID: String
    var users: [JiraUser] = []
    var userByAccountID: [String: Int32] = [:]
    var groups: [JiraGroup] = []
    var groupByID: [String: Int32] = [:]
    var groupByName: [String: Int32] = [:]
    var roles: [JiraRole] = []
    var projects: [JiraProject] = []
    var projectByID: [Int: Int32] = [:]
    var projectByKey: [String: Int32] = [:]
    /// Source of ids for objects created through the API.
    var idRandom: SplitMix64

    init(site: String, cloudID: String, idRandom: SplitMix64) {
        self.site = site
        self.cloudID = cloudID
        self.idRandom = idRandom
    }

    // MARK: Lookup

    func user(_ accountID: String) -> Int32? { userByAccountID[accountID] }

    /// A group by `groupId`, else by `groupname` (Jira accepts either).
    func group(id: String?, name: String?) -> Int32? {
        if let id, !id.isEmpty { return groupByID[id] }
        if let name, !name.isEmpty { return groupByName[name.lowercased()] }
        return nil
    }

    /// A project by numeric id or key.
    func project(_ idOrKey: String) -> Int32? {
        if let id = Int(idOrKey) { return projectByID[id] }
        return projectByKey[idOrKey.uppercased()]
    }

    func role(id: Int) -> Int? { roles.firstIndex { $0.id == id } }

    // MARK: Adding objects

    @discardableResult
    mutating func appendUser(_ user: JiraUser) -> Int32 {
        let index = Int32(users.count)
        users.append(user)
        userByAccountID[user.accountID] = index
        return index
    }

    @discardableResult
    mutating func appendGroup(_ group: JiraGroup) -> Int32 {
        let index = Int32(groups.count)
        groups.append(group)
        groupByID[group.groupID] = index
        groupByName[group.name.lowercased()] = index
        return index
    }

    @discardableResult
    mutating func appendProject(_ project: JiraProject) -> Int32 {
        let index = Int32(projects.count)
        projects.append(project)
        projectByID[project.id] = index
        projectByKey[project.key] = index
        return index
    }

    // MARK: Ids

    /// An Atlassian account id: 24 lower-case hex digits (`5b10a2844c20165700ede21g` style).
    mutating func newAccountID(app: Bool) -> String {
        while true {
            let id = app ? "557058:" + uuid() : hex(24)
            if userByAccountID[id] == nil { return id }
        }
    }

    /// A lower-case version-4 UUID (group ids, cloud ids, app account ids).
    mutating func uuid() -> String {
        let digits = Array(hex(32))
        let variant = Array("89ab")[idRandom.int(below: 4)]
        let groups = [
            String(digits[0..<8]), String(digits[8..<12]), "4" + String(digits[13..<16]),
            String(variant) + String(digits[17..<20]), String(digits[20..<32]),
        ]
        return groups.joined(separator: "-")
    }

    private mutating func hex(_ length: Int) -> String {
        let alphabet = Array("0123456789abcdef")
        return String((0..<length).map { _ in alphabet[idRandom.int(below: 16)] })
    }

    // MARK: Derived lists

    /// Who `/user/viewissue/search` lists for a project (Browse permission): the active lead, the
    /// active user actors and the active members of group actors of any role, ascending.
    func participants(_ project: Int32) -> [Int32] {
        let record = projects[Int(project)]
        var result = Set<Int32>([record.lead])
        for actors in record.roles.values {
            result.formUnion(actors.users)
            for group in actors.groups { result.formUnion(groups[Int(group)].members) }
        }
        return result.filter { users[Int($0)].active }.sorted()
    }
}
