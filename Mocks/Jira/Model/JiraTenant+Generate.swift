import MockKit

extension JiraTenant {
    /// Builds a site from a seed and a size; the same inputs always give the same site.
    ///
    /// Counts map onto Jira as: users → accounts (atlassian, app and customer; some inactive),
    /// groups and memberships → groups, apps → projects, app assignments → project-role actors
    /// (users and groups; group actors at most about one per group, as each expands to its members).
    /// Variety: every account type and both states appear in the tiny site; accounts without a visible
    /// email; an empty group; a project-role held by a group with members.
    static func generate(seed: UInt64, counts: TenantCounts, site: String) -> JiraTenant {
        var rng = SplitMix64(seed: seed, stream: 0x4A49_5241)  // "JIRA"
        var tenant = JiraTenant(
            site: site, cloudID: "", idRandom: SplitMix64(seed: seed, stream: 0x4E45_5749_4453))  // "NEWIDS"
        tenant.cloudID = tenant.uuid()
        tenant.generateUsers(counts.users, rng: &rng)
        tenant.generateGroups(counts.groups, memberships: counts.memberships, rng: &rng)
        tenant.roles = standardRoles
        tenant.generateProjects(counts.apps, actors: counts.appAssignments, rng: &rng)
        return tenant
    }

    /// The project roles every generated site defines.
    static let standardRoles: [JiraRole] = [
        JiraRole(
            id: 10002, name: "Administrators", description: "A project role that represents administrators in a project"
        ),
        JiraRole(id: 10001, name: "Developers", description: "A project role that represents developers in a project"),
        JiraRole(id: 10003, name: "Viewers", description: "Can browse issues"),
        JiraRole(id: 10004, name: "Service Desk Team", description: "Members of the service desk team"),
        JiraRole(id: 10005, name: "Équipe QA", description: "Quality assurance / Qualitätssicherung"),
    ]

    private static let timeZones = ["Australia/Sydney", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"]
    private static let locales = ["en_US", "de_DE", "fr_FR", "ja_JP", "en_GB"]
    private static let apps = [
        "Automation for Jira", "Jira Service Management Widget", "Slack", "GitHub for Jira",
        "Trello", "Statuspage", "Opsgenie",
    ]

    private mutating func generateUsers(_ count: Int, rng: inout SplitMix64) {
        users.reserveCapacity(count)
        userByAccountID.reserveCapacity(count)
        var taken: [String: Int] = [:]
        for index in 0..<count {
            // The first four cover every case: an active person, an inactive one, an app, a customer.
            let type: JiraAccountType =
                switch index {
                case 0, 1: .atlassian
                case 2: .app
                case 3: .customer
                default: [JiraAccountType.atlassian, .app, .customer][rng.weightedIndex([85, 6, 9])]
                }
            let name = NameBank.person(&rng)
            var user: JiraUser
            switch type {
            case .app:
                user = JiraUser(
                    accountID: newAccountID(app: true), accountType: .app, displayName: rng.pick(Self.apps),
                    emailAddress: nil, active: true, timeZone: "UTC", locale: "en_US")
            case .atlassian, .customer:
                let base = "\(name.asciiFirst).\(name.asciiLast)"
                let seen = taken[base, default: 0]
                taken[base] = seen + 1
                let local = seen == 0 ? base : "\(base)\(seen + 1)"
                let domain = type == .customer ? "customers.example" : "\(site).example"
                // Some people hide their email (profile visibility), as Jira then leaves it out.
                let hidden = index > 3 && rng.chance(0.04)
                user = JiraUser(
                    accountID: newAccountID(app: false), accountType: type,
                    displayName: "\(name.first) \(name.last)", emailAddress: hidden ? nil : "\(local)@\(domain)",
                    active: index == 1 ? false : index < 4 || !rng.chance(0.1),
                    timeZone: rng.pick(Self.timeZones), locale: rng.pick(Self.locales))
            }
            appendUser(user)
        }
    }

    /// Users that can be in groups, lead projects and act in roles: everyone but JSM customers.
    var staff: [Int32] {
        users.indices.filter { users[$0].accountType != .customer }.map { Int32($0) }
    }

    private mutating func generateGroups(_ count: Int, memberships: Int, rng: inout SplitMix64) {
        let population = staff
        var weights = [Double]()
        for index in 0..<count {
            // About 5% empty, the last group always (so the tiny site has one).
            let empty = index == count - 1 || rng.chance(0.05)
            let roll = rng.unit()
            weights.append(empty ? 0 : roll * roll * roll + 0.02)
        }
        let totalWeight = max(weights.reduce(0, +), 1e-9)
        let builtIn = ["jira-software-users", "site-admins", "jira-admins", "atlassian-addons-admin"]
        var usedNames = Set<String>()
        for index in 0..<count {
            var name =
                index < builtIn.count
                ? builtIn[index]
                : "\(rng.pick(NameBank.departments)) \(rng.pick(NameBank.groupQualifiers))".lowercased()
            if usedNames.contains(name) { name += " \(index)" }
            usedNames.insert(name)
            let size =
                weights[index] == 0
                ? 0
                : min(population.count, max(1, Int((Double(memberships) * weights[index] / totalWeight).rounded())))
            let members = Self.sample(size, from: population.count, rng: &rng).map { population[Int($0)] }
            appendGroup(JiraGroup(groupID: uuid(), name: name, members: members))
        }
    }

    /// `count` distinct indexes from `0..<population`, ascending.
    static func sample(_ count: Int, from population: Int, rng: inout SplitMix64) -> [Int32] {
        guard count > 0, population > 0 else { return [] }
        var chosen = Set<Int32>(minimumCapacity: count)
        if count * 2 >= population {
            // Dense: keep each with the right probability in one pass, then top up.
            for index in 0..<population where rng.int(below: population) < count { chosen.insert(Int32(index)) }
            while chosen.count > count { chosen.remove(chosen.min() ?? 0) }
        }
        while chosen.count < min(count, population) { chosen.insert(Int32(rng.int(below: population))) }
        return chosen.sorted()
    }

    private static let projectWords = [
        "Platform", "Roadmap", "Website", "Mobile App", "Billing", "Onboarding", "Help Desk", "Data Lake",
        "Design System", "Infra", "Migration", "Café", "Launch", "Compliance", "Search",
    ]

    private mutating func generateProjects(_ count: Int, actors: Int, rng: inout SplitMix64) {
        let people = staff.filter { users[Int($0)].accountType == .atlassian && users[Int($0)].active }
        guard !people.isEmpty else { return }
        var usedKeys = Set<String>()
        for index in 0..<count {
            let name = "\(rng.pick(NameBank.departments)) \(rng.pick(Self.projectWords))"
            let letters = name.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) }
            var key = String(String.UnicodeScalarView(letters.prefix(3)))
            if key.count < 2 { key = "PRJ" }
            if usedKeys.contains(key) { key += String(index) }
            usedKeys.insert(key)
            var roles: [Int: JiraRoleActors] = [0: JiraRoleActors()]
            for role in 1..<Self.standardRoles.count where rng.chance(0.6) { roles[role] = JiraRoleActors() }
            let type = rng.pick(["software", "software", "business", "service_desk"])
            appendProject(
                JiraProject(
                    id: 10_000 + index, key: key, name: name + (index >= 15 ? " \(index)" : ""),
                    description: "The \(name) project", projectTypeKey: type, lead: rng.pick(people),
                    isPrivate: rng.chance(0.1), roles: roles))
        }
        guard !projects.isEmpty else { return }
        let nonEmptyGroups = groups.indices.filter { !groups[$0].members.isEmpty }.map { Int32($0) }
        let population = staff
        // Group actors multiply into derived grants and participants: at most about one per group.
        let groupShare = min(0.25, Double(groups.count) / Double(max(actors, 1)))
        for assignment in 0..<actors {
            let project = rng.int(below: projects.count)
            let roleKeys = projects[project].roles.keys.sorted()
            let role = rng.pick(roleKeys)
            // The first actor is always a group with members, so group-held roles show even in tiny.
            let asGroup = !nonEmptyGroups.isEmpty && (assignment == 0 || rng.chance(groupShare))
            if asGroup {
                let group = assignment == 0 ? nonEmptyGroups[0] : Int32(rng.int(below: groups.count))
                projects[project].roles[role]?.groups.sortedInsert(group)
            } else {
                projects[project].roles[role]?.users.sortedInsert(rng.pick(population))
            }
        }
    }
}
