import MockKit

/// The whole mutable state of a mocked GitHub: accounts, organizations and what hangs off them.
/// Objects live in arrays addressed by index, with id → index maps.
struct GitHubTenant: Sendable {
    var users: [GitHubUser] = []
    var userByID: [Int: Int32] = [:]
    /// Lower-cased login → index, live accounts only.
    var userByLogin: [String: Int32] = [:]
    var orgs: [GitHubOrg] = []
    var teams: [GitHubTeam] = []
    var teamByID: [Int: Int32] = [:]
    var repos: [GitHubRepo] = []
    var repoByID: [Int: Int32] = [:]
    var roles: [GitHubOrgRole] = []
    var invitations: [GitHubInvitation] = []
    var installations: [GitHubInstallation] = []
    /// The account the default token belongs to (the viewer of `/user/...`).
    var viewer: Int32 = 0
    /// Next ids for objects created through the API.
    var nextInvitationID = 900_000
    /// Bumped by every change; caches compare against it.
    var version = 0
    var collaboratorCache: [Int32: (version: Int, entries: [(user: Int32, permission: GitHubPermission)])] = [:]

    // MARK: Lookup

    func liveUser(id: Int) -> Int32? {
        guard let index = userByID[id], !users[Int(index)].deleted, !users[Int(index)].vanished else { return nil }
        return index
    }

    func liveUser(login: String) -> Int32? {
        guard let index = userByLogin[login.lowercased()], !users[Int(index)].vanished else { return nil }
        return index
    }

    func org(login: String) -> Int32? {
        orgs.firstIndex { $0.login.lowercased() == login.lowercased() }.map(Int32.init)
    }

    func org(id: Int) -> Int32? {
        orgs.firstIndex { $0.id == id }.map(Int32.init)
    }

    func liveTeam(id: Int, org: Int32) -> Int32? {
        guard let index = teamByID[id], !teams[Int(index)].deleted, teams[Int(index)].org == org else { return nil }
        return index
    }

    func team(slug: String, org: Int32) -> Int32? {
        teams.firstIndex { !$0.deleted && $0.org == org && $0.slug == slug }.map(Int32.init)
    }

    func repo(name: String, org: Int32) -> Int32? {
        repos.firstIndex { $0.org == org && $0.name.lowercased() == name.lowercased() }.map(Int32.init)
    }

    func role(id: Int, org: Int32) -> Int32? {
        roles.firstIndex { $0.id == id && $0.org == org }.map(Int32.init)
    }

    func isMember(_ user: Int32, of org: Int32) -> Bool {
        orgs[Int(org)].members.sortedContains(user)
    }

    // MARK: Derived lists

    /// Teams of an org, ascending by id.
    func teams(of org: Int32) -> [Int32] {
        teams.indices.filter { !teams[$0].deleted && teams[$0].org == org }.map(Int32.init)
    }

    /// Repositories of an org, ascending by id.
    func repos(of org: Int32) -> [Int32] {
        repos.indices.filter { repos[$0].org == org }.map(Int32.init)
    }

    /// Accounts that are direct collaborators on some repository of the org without being members.
    func outsideCollaborators(of org: Int32) -> [Int32] {
        var outside = Set<Int32>()
        for repo in repos where repo.org == org {
            for user in repo.collaborators.keys where !isMember(user, of: org) && !users[Int(user)].deleted {
                outside.insert(user)
            }
        }
        return outside.sorted()
    }

    /// `affiliation=all`: direct collaborators, members of teams with access, and org owners (admin),
    /// each with the highest permission they get; ascending by user.
    mutating func collaborators(of repo: Int32) -> [(user: Int32, permission: GitHubPermission)] {
        if let cached = collaboratorCache[repo], cached.version == version { return cached.entries }
        let record = repos[Int(repo)]
        var best = record.collaborators
        for (team, permission) in record.teams where !teams[Int(team)].deleted {
            for member in teams[Int(team)].members {
                best[member] = max(best[member] ?? .pull, permission)
            }
        }
        for admin in orgs[Int(record.org)].admins {
            best[admin] = .admin
        }
        let entries = best.filter { !users[Int($0.key)].deleted }.map { (user: $0.key, permission: $0.value) }
            .sorted { $0.user < $1.user }
        collaboratorCache[repo] = (version, entries)
        return entries
    }

    /// Pending invitations of an org, ascending by id.
    func invitations(of org: Int32) -> [Int] {
        invitations.indices.filter { invitations[$0].org == org }
    }

    // MARK: Changes

    mutating func touch() {
        version += 1
    }

    /// Removes a member from the org: teams, direct collaborations and org roles go with the membership.
    mutating func removeMember(_ user: Int32, from org: Int32) {
        orgs[Int(org)].members.sortedRemove(user)
        orgs[Int(org)].admins.remove(user)
        for team in teams.indices where teams[team].org == org {
            teams[team].members.sortedRemove(user)
            teams[team].maintainers.remove(user)
        }
        for role in roles.indices where roles[role].org == org {
            roles[role].users.sortedRemove(user)
        }
        touch()
    }

    /// Adds a member (or changes the role of one).
    mutating func setMember(_ user: Int32, of org: Int32, admin: Bool) {
        orgs[Int(org)].members.sortedInsert(user)
        if admin { orgs[Int(org)].admins.insert(user) } else { orgs[Int(org)].admins.remove(user) }
        invitations.removeAll { $0.org == org && $0.invitee == user }
        touch()
    }

    @discardableResult
    mutating func appendUser(_ user: GitHubUser) -> Int32 {
        let index = Int32(users.count)
        users.append(user)
        userByID[user.id] = index
        userByLogin[user.login.lowercased()] = index
        return index
    }
}
