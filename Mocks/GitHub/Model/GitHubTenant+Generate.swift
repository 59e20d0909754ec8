import MockKit

extension GitHubTenant {
    /// Builds a tenant from a seed and a size; the same inputs always give the same tenant.
    ///
    /// The main org maps the size's counts onto GitHub: users → members, groups → teams (about a
    /// quarter nested), memberships → team memberships (some maintainers), apps → repositories (some
    /// archived), app assignments → direct collaborators at every permission level (some outside
    /// collaborators), admins → owners (at most 50). Teams get access to repositories at every level; predefined
    /// and custom org roles are held by users and teams; invitations are pending by login and by email.
    /// A second org, where the viewer is a plain member, holds a few more objects.
    static func generate(seed: UInt64, counts: TenantCounts, orgLogin: String, saml: Bool) -> GitHubTenant {
        var rng = SplitMix64(seed: seed, stream: 0x4749_5448)  // "GITH"
        var tenant = GitHubTenant()
        var taken: [String: Int] = [:]
        let main = tenant.addOrg(login: orgLogin, id: 9_000_001, saml: saml)
        let labs = tenant.addOrg(login: "\(orgLogin)-labs", id: 9_000_002, saml: false)

        // The viewer owns the main org and is a plain member of the other. Owners see every repository
        // as admins, so real orgs keep them few: at most 50.
        let members = max(1, counts.users)
        let owners = min(max(1, counts.admins), 50)
        for index in 0..<members {
            let user = tenant.generateUser(&rng, taken: &taken, orgLogin: orgLogin, withSAML: saml)
            tenant.setMember(user, of: main, admin: index < owners)
        }
        tenant.viewer = 0
        tenant.generateTeams(in: main, count: counts.groups, memberships: counts.memberships, rng: &rng)
        let outside = (0..<max(1, members / 20)).map { _ in
            tenant.generateUser(&rng, taken: &taken, orgLogin: nil, withSAML: false)
        }
        tenant.generateRepos(
            in: main, count: counts.apps, collaborators: counts.appAssignments, outside: outside, rng: &rng)
        tenant.generateRoles(in: main, holders: max(2, counts.admins), rng: &rng)
        tenant.generateInvitations(in: main, count: max(2, members / 50), taken: &taken, rng: &rng)

        tenant.setMember(tenant.viewer, of: labs, admin: false)
        for _ in 0..<3 {
            let user = tenant.generateUser(&rng, taken: &taken, orgLogin: nil, withSAML: false)
            tenant.setMember(user, of: labs, admin: false)
        }
        tenant.generateTeams(in: labs, count: 1, memberships: 2, rng: &rng)
        tenant.generateRepos(in: labs, count: 1, collaborators: 1, outside: [], rng: &rng)
        tenant.installations = [GitHubInstallation(id: 55_500_001, org: main)]
        tenant.version = 0
        return tenant
    }

    /// 2018-06-01T00:00:00Z, when generated accounts start.
    private static let epoch = Timestamp(millis: 1_527_811_200_000)

    private mutating func addOrg(login: String, id: Int, saml: Bool) -> Int32 {
        let name = login.prefix(1).uppercased() + login.dropFirst()
        orgs.append(
            GitHubOrg(
                id: id, login: login, name: "\(name) Inc.", description: "The \(name) organization",
                created: Self.epoch, saml: saml))
        return Int32(orgs.count - 1)
    }

    private mutating func generateUser(
        _ rng: inout SplitMix64, taken: inout [String: Int], orgLogin: String?, withSAML: Bool
    ) -> Int32 {
        let person = NameBank.person(&rng)
        let base = "\(person.asciiFirst)-\(person.asciiLast)"
        let count = taken[base, default: 0]
        taken[base] = count + 1
        let login = count == 0 ? base : "\(base)\(count + 1)"
        let index = users.count
        let domain = orgLogin.map { "\($0).example" } ?? "users.example"
        // The first accounts cover the cases: no name, no public email, no 2FA.
        let hasName = index != 1 && rng.chance(0.85)
        let hasEmail = index != 2 && rng.chance(0.7)
        let user = GitHubUser(
            id: 1_000_001 + index, login: login, name: hasName ? "\(person.first) \(person.last)" : nil,
            email: hasEmail
                ? "\(person.asciiFirst).\(person.asciiLast)\(count == 0 ? "" : String(count + 1))@\(domain)"
                : nil,
            company: rng.chance(0.3) ? "@\(orgLogin ?? "octo")" : nil, twoFactor: index != 3 && rng.chance(0.8),
            created: Self.epoch.adding(seconds: Int64(index) * 600 + Int64(rng.int(below: 600))),
            samlNameID: withSAML ? "\(login)@sso.\(domain)" : nil)
        return appendUser(user)
    }

    private static func slug(_ name: String) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "team" : slug
    }

    private mutating func generateTeams(in org: Int32, count: Int, memberships: Int, rng: inout SplitMix64) {
        let members = orgs[Int(org)].members
        guard !members.isEmpty else { return }
        var usedSlugs = Set(teams.filter { $0.org == org }.map(\.slug))
        var created: [Int32] = []
        for index in 0..<count {
            var name = "\(rng.pick(NameBank.departments)) \(rng.pick(NameBank.groupQualifiers))"
            var slug = Self.slug(name)
            if usedSlugs.contains(slug) {
                name += " \(index + 1)"
                slug = Self.slug(name)
            }
            usedSlugs.insert(slug)
            // About a quarter of the teams (the second always) are nested under an earlier one.
            let parent: Int32? =
                !created.isEmpty && (index == 1 || rng.chance(0.25)) ? rng.pick(created) : nil
            let team = GitHubTeam(
                id: 4_000_001 + teams.count, org: org, name: name, slug: slug,
                description: "Team \(name)", privacy: parent == nil && rng.chance(0.2) ? "secret" : "closed",
                parent: parent)
            teams.append(team)
            teamByID[team.id] = Int32(teams.count - 1)
            created.append(Int32(teams.count - 1))
        }
        guard !created.isEmpty else { return }
        // Heavy-tailed team sizes; the last team stays empty.
        let weights = created.indices.map { index -> Double in
            let roll = rng.unit()
            return index == created.count - 1 && created.count > 1 ? 0 : roll * roll * roll + 0.02
        }
        let sampler = WeightedSampler(weights)
        var placed = 0
        var attempts = 0
        while placed < memberships && attempts < memberships * 4 {
            attempts += 1
            let team = created[sampler.next(&rng)]
            let user = rng.pick(members)
            guard teams[Int(team)].members.sortedInsert(user) else { continue }
            // The first membership of every team is a maintainer, then about one in seven.
            if teams[Int(team)].members.count == 1 || rng.chance(0.15) { teams[Int(team)].maintainers.insert(user) }
            placed += 1
        }
    }

    private mutating func generateRepos(
        in org: Int32, count: Int, collaborators: Int, outside: [Int32], rng: inout SplitMix64
    ) {
        let members = orgs[Int(org)].members
        let orgTeams = teams(of: org)
        var created: [Int32] = []
        var usedNames = Set<String>()
        let words = ["api", "web", "infra", "docs", "mobile", "data", "tools", "sdk", "ops", "site", "billing", "auth"]
        for index in 0..<count {
            var name = "\(rng.pick(words))-\(rng.pick(words))"
            if usedNames.contains(name) { name += "-\(index + 1)" }
            usedNames.insert(name)
            let repo = GitHubRepo(
                id: 7_000_001 + repos.count, org: org, name: name, description: "The \(name) repository",
                isPrivate: rng.chance(0.7), archived: index == 1 || (index > 2 && rng.chance(0.1)),
                created: Self.epoch.adding(seconds: Int64(repos.count) * 86_400))
            repos.append(repo)
            repoByID[repo.id] = Int32(repos.count - 1)
            created.append(Int32(repos.count - 1))
        }
        guard !created.isEmpty else { return }
        let levels = GitHubPermission.allCases
        // Direct collaborators: the first ones walk every level, about one in ten is an outside collaborator.
        for index in 0..<collaborators {
            let repo = created[index % created.count]
            let pool = !outside.isEmpty && (index == 2 || rng.chance(0.1)) ? outside : members
            guard !pool.isEmpty else { continue }
            let user = rng.pick(pool)
            let level = index < levels.count ? levels[index] : rng.pick(levels)
            repos[Int(repo)].collaborators[user] = level
        }
        // Every team gets one to three repositories, the first ones at every level.
        for (position, team) in orgTeams.enumerated() {
            for pick in 0..<(1 + rng.int(below: 3)) {
                let repo = rng.pick(created)
                let level = position < levels.count && pick == 0 ? levels[position] : rng.pick(levels)
                repos[Int(repo)].teams[team] = level
                teams[Int(team)].repos.insert(repo)
            }
        }
    }

    private mutating func generateRoles(in org: Int32, holders: Int, rng: inout SplitMix64) {
        let predefined: [(Int, String, String)] = [
            (8132, "all_repo_read", "read"), (8133, "all_repo_triage", "triage"), (8134, "all_repo_write", "write"),
            (8135, "all_repo_maintain", "maintain"), (8136, "all_repo_admin", "admin"),
        ]
        for (id, name, base) in predefined {
            roles.append(
                GitHubOrgRole(
                    id: id, org: org, name: name, description: "Grants \(base) access to all repositories",
                    source: "Predefined", baseRole: base))
        }
        for (offset, name) in ["Security Auditor", "Release Manager"].enumerated() {
            roles.append(
                GitHubOrgRole(
                    id: 9_100_001 + offset, org: org, name: name, description: "Custom role: \(name)",
                    source: "Organization", baseRole: nil))
        }
        let first = roles.count - 7
        let members = orgs[Int(org)].members
        let orgTeams = teams(of: org)
        for index in 0..<holders where !members.isEmpty {
            let role = first + (index % 7)
            roles[role].users.sortedInsert(rng.pick(members))
        }
        for index in 0..<max(1, orgTeams.count / 10) where !orgTeams.isEmpty {
            roles[first + (index * 3) % 7].teams.sortedInsert(orgTeams[index % orgTeams.count])
        }
    }

    private mutating func generateInvitations(
        in org: Int32, count: Int, taken: inout [String: Int], rng: inout SplitMix64
    ) {
        let admins = orgs[Int(org)].admins.sorted()
        let orgTeams = teams(of: org)
        for index in 0..<count {
            let byLogin = index % 2 == 0
            var invitation = GitHubInvitation(
                id: nextInvitationID, org: org, invitee: nil, email: nil,
                role: index == 1 ? "admin" : "direct_member", inviter: rng.pick(admins),
                created: Self.epoch.adding(seconds: 200_000_000 + Int64(index) * 3_600))
            nextInvitationID += 1
            if byLogin {
                invitation.invitee = generateUser(&rng, taken: &taken, orgLogin: nil, withSAML: false)
            } else {
                invitation.email = "invitee\(index + 1)@\(orgs[Int(org)].login).example"
            }
            if !orgTeams.isEmpty && rng.chance(0.3) { invitation.teams = [rng.pick(orgTeams)] }
            invitations.append(invitation)
        }
    }
}
