import MockKit

extension OktaTenant {
    /// Builds a tenant from a seed and a size; the same inputs always give the same tenant.
    ///
    /// Variety: every user status; users without email (login not an email address); service
    /// accounts; secondary emails; display names only on some users; Unicode names; OKTA_GROUP,
    /// APP_GROUP and the BUILT_IN "Everyone" group; empty groups; active and inactive apps assigned to
    /// users and to groups (one app to Everyone); admin roles held by users and by groups.
    static func generate(seed: UInt64, counts: TenantCounts, orgName: String) -> OktaTenant {
        var rng = SplitMix64(seed: seed, stream: 0x4F4B_5441)  // "OKTA"
        let subdomain = orgName.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" }
        let org = OktaOrg(
            id: "00o" + rng.alphanumeric(17),
            companyName: orgName.prefix(1).uppercased() + orgName.dropFirst() + " Corporation",
            subdomain: subdomain.isEmpty ? "acme" : subdomain,
            emailDomain: "\(subdomain.isEmpty ? "acme" : subdomain).example",
            userTypeID: "oty" + rng.alphanumeric(17),
            created: epoch2019)
        var tenant = OktaTenant(org: org, idRandom: SplitMix64(seed: seed, stream: 0x4E45_5749_4453))  // "NEWIDS"
        tenant.generateUsers(counts.users, rng: &rng)
        tenant.generateGroups(counts.groups, memberships: counts.memberships, rng: &rng)
        tenant.generateApps(counts.apps, assignments: counts.appAssignments, rng: &rng)
        tenant.generateRoles(admins: counts.admins, rng: &rng)
        tenant.version = 0
        return tenant
    }

    /// 2019-03-01T00:00:00Z, when every generated org was created.
    static let epoch2019 = Timestamp(millis: 1_551_398_400_000)
    /// 2020-01-01T00:00:00Z, the first generated user's creation time.
    private static let epoch2020 = Timestamp(millis: 1_577_836_800_000)
    /// Generated activity spreads over this many seconds after `epoch2020` (about five years).
    private static let activitySpan: Int64 = 5 * 365 * 86_400

    private static let statusWeights: [(OktaUserStatus, Double)] = [
        (.active, 80), (.staged, 3), (.provisioned, 4), (.suspended, 3), (.deprovisioned, 4),
        (.lockedOut, 2), (.passwordExpired, 2), (.recovery, 2),
    ]

    private static let titles = [
        "Engineer", "Senior Engineer", "Account Executive", "Analyst", "Designer", "Director", "Manager",
        "Support Specialist", "Counsel", "Recruiter",
    ]

    private mutating func uniqueLogin(_ base: String, domain: String?, taken: inout [String: Int]) -> String {
        let count = taken[base, default: 0]
        taken[base] = count + 1
        let local = count == 0 ? base : "\(base)\(count + 1)"
        return domain.map { "\(local)@\($0)" } ?? local
    }

    private mutating func generateUsers(_ count: Int, rng: inout SplitMix64) {
        users.reserveCapacity(count)
        userJSONCache.reserveCapacity(count)
        userByID.reserveCapacity(count)
        userByLogin.reserveCapacity(count)
        var taken: [String: Int] = [:]
        let spacing = max(1, Self.activitySpan / Int64(max(count, 1)))
        let statuses = Self.statusWeights.map(\.0)
        let weights = Self.statusWeights.map(\.1)
        for index in 0..<count {
            let name = NameBank.person(&rng)
            // The first users cover every status, then come an active user without email and an active
            // service account, so even the tiny tenant shows every case.
            let status =
                index < statuses.count
                ? statuses[index] : index < statuses.count + 2 ? .active : statuses[rng.weightedIndex(weights)]
            let noEmail = index == statuses.count || (index > 9 && rng.chance(0.02))
            let serviceAccount = index == statuses.count + 1 || (index > 9 && rng.chance(0.01))
            let contractor = !serviceAccount && rng.chance(0.1)
            let domain = contractor ? "partners.example" : org.emailDomain

            var profile: OktaProfile
            if serviceAccount {
                let purpose = rng.pick(["backup", "ci-runner", "billing-sync", "scim-bridge", "reporting"])
                let login = uniqueLogin("svc.\(purpose)", domain: org.emailDomain, taken: &taken)
                profile = OktaProfile(
                    firstName: "Service", lastName: "Account \(purpose)", displayName: "svc-\(purpose)",
                    email: login, login: login)
                profile.userType = "Service"
            } else if noEmail {
                let login = uniqueLogin("\(name.asciiFirst.prefix(1))\(name.asciiLast)", domain: nil, taken: &taken)
                profile = OktaProfile(firstName: name.first, lastName: name.last, email: nil, login: login)
            } else {
                let login = uniqueLogin("\(name.asciiFirst).\(name.asciiLast)", domain: domain, taken: &taken)
                profile = OktaProfile(firstName: name.first, lastName: name.last, email: login, login: login)
            }
            if !serviceAccount {
                if rng.chance(0.7) { profile.displayName = "\(name.first) \(name.last)" }
                if rng.chance(0.2) || index == 1 { profile.secondEmail = "\(name.asciiFirst)\(index)@mail.example" }
                if rng.chance(0.6) { profile.employeeNumber = String(1000 + index) }
                if rng.chance(0.7) { profile.department = rng.pick(NameBank.departments) }
                if rng.chance(0.5) { profile.title = rng.pick(Self.titles) }
                if rng.chance(0.3) { profile.mobilePhone = "+1 555 01\(String(rng.int(below: 100)).leftPadded(2))" }
            }

            let created = Self.epoch2020.adding(seconds: Int64(index) * spacing + Int64(rng.int(below: 3600)))
            let hasPassword = status != .staged && status != .provisioned
            let activated: Timestamp? = status == .staged ? nil : created.adding(seconds: Int64(rng.int(below: 86_400)))
            let statusChanged =
                status == .active ? activated : created.adding(seconds: Int64(rng.int(below: 90 * 86_400)))
            let lastLogin: Timestamp? =
                hasPassword && rng.chance(0.85) ? created.adding(seconds: Int64(rng.int(below: 180 * 86_400))) : nil
            let passwordChanged: Timestamp? = hasPassword ? activated : nil
            let lastUpdated = [created, activated, statusChanged, lastLogin].compactMap { $0 }.max() ?? created
            var user = OktaUser(
                id: newID(prefix: "00u"), status: status, created: created, activated: activated,
                statusChanged: statusChanged, lastLogin: lastLogin, lastUpdated: lastUpdated,
                passwordChanged: passwordChanged, profile: profile)
            user.federated = !serviceAccount && rng.chance(0.05)
            appendUser(user)
        }
    }

    private mutating func generateGroups(_ count: Int, memberships: Int, rng: inout SplitMix64) {
        let userCount = users.count
        everyone = appendGroup(
            OktaGroup(
                id: newID(prefix: "00g"), type: .builtIn, name: "Everyone",
                description: "All users in your organization", created: Self.epoch2019,
                lastUpdated: Self.epoch2019, lastMembershipUpdated: users.last?.created ?? Self.epoch2019,
                members: (0..<Int32(userCount)).map { $0 }))

        // Heavy-tailed sizes: a few large groups, many small ones, about 5% empty (the last
        // group always, so the tiny tenant has one).
        var weights = [Double]()
        for index in 0..<count {
            let empty = index == count - 1 || rng.chance(0.05)
            let roll = rng.unit()
            weights.append(empty ? 0 : roll * roll * roll * roll + 0.01)
        }
        let totalWeight = max(weights.reduce(0, +), 1e-9)
        var usedNames = Set<String>()
        for index in 0..<count {
            let appGroup = count >= 3 ? index % 10 == 2 : false
            var name = "\(rng.pick(NameBank.departments)) \(rng.pick(NameBank.groupQualifiers))"
            if appGroup { name = "AD \(name)" }
            if usedNames.contains(name) { name += " \(index)" }
            usedNames.insert(name)
            let size =
                weights[index] == 0
                ? 0 : min(userCount, max(1, Int((Double(memberships) * weights[index] / totalWeight).rounded())))
            let created = Self.epoch2020.adding(seconds: Int64(rng.int(below: Int(Self.activitySpan))))
            let description: String? =
                appGroup ? "\(org.subdomain).local/Groups/\(name)" : (rng.chance(0.7) ? "Members of \(name)" : nil)
            appendGroup(
                OktaGroup(
                    id: newID(prefix: "00g"), type: appGroup ? .app : .okta, name: name, description: description,
                    created: created, lastUpdated: created, lastMembershipUpdated: created.adding(seconds: 86_400),
                    members: Self.sample(size, from: userCount, rng: &rng)))
        }
    }

    /// `count` distinct indexes from `0..<population`, ascending.
    static func sample(_ count: Int, from population: Int, rng: inout SplitMix64) -> [Int32] {
        guard count > 0, population > 0 else { return [] }
        if count * 4 >= population {
            // Selection sampling: one pass, already in order.
            var result = [Int32]()
            result.reserveCapacity(count)
            var needed = count
            for index in 0..<population where needed > 0 {
                if rng.int(below: population - index) < needed {
                    result.append(Int32(index))
                    needed -= 1
                }
            }
            return result
        }
        var chosen = Set<Int32>(minimumCapacity: count)
        while chosen.count < count {
            chosen.insert(Int32(rng.int(below: population)))
        }
        return chosen.sorted()
    }

    private mutating func generateApps(_ count: Int, assignments: Int, rng: inout SplitMix64) {
        let catalog = NameBank.applications
        let modes = [
            "SAML_2_0", "OPENID_CONNECT", "SAML_2_0", "AUTO_LOGIN", "SECURE_PASSWORD_STORE", "WS_FEDERATION",
            "BROWSER_PLUGIN", "BASIC_AUTH",
        ]
        var weights = [Double]()
        for _ in 0..<count {
            let roll = rng.unit()
            weights.append(rng.chance(0.1) ? 0 : roll * roll + 0.02)
        }
        let totalWeight = max(weights.reduce(0, +), 1e-9)
        let assignableGroups = groups.indices.filter { groups[$0].type != .builtIn }.map { Int32($0) }
        for index in 0..<count {
            let (name, baseLabel): (String, String) =
                index < catalog.count ? catalog[index] : ("oidc_client", "Internal Tool \(index - catalog.count + 1)")
            let signOnMode: String =
                switch name {
                case "bookmark": "BOOKMARK"
                case "oidc_client": "OPENID_CONNECT"
                default: modes[index % modes.count]
                }
            let created = Self.epoch2019.adding(seconds: Int64(rng.int(below: Int(Self.activitySpan))))
            // The third app is always inactive so the tiny tenant has one.
            let active = index == 2 ? false : !rng.chance(0.15)
            var app = OktaApp(
                id: newID(prefix: "0oa"), name: name, label: baseLabel, active: active, signOnMode: signOnMode,
                created: created, lastUpdated: created)
            let size = min(users.count, Int((Double(assignments) * weights[index] / totalWeight).rounded()))
            app.directUsers = Self.sample(size, from: users.count, rng: &rng)
            for user in app.directUsers {
                let profile = users[Int(user)].profile
                app.userAssignments[user] = OktaAppUserAssignment(
                    created: created.adding(seconds: Int64(rng.int(below: 86_400 * 30))),
                    userName: profile.email ?? profile.login)
            }
            var assigned: [Int32] = index == 0 ? [everyone] : []
            if !assignableGroups.isEmpty {
                for _ in 0..<rng.int(below: 4) { assigned.append(rng.pick(assignableGroups)) }
            }
            for (priority, group) in assigned.enumerated() where app.groups.sortedInsert(group) {
                app.groupAssignments[group] = OktaAppGroupAssignment(priority: priority, lastUpdated: created)
            }
            appendApp(app)
        }
    }

    private mutating func generateRoles(admins: Int, rng: inout SplitMix64) {
        let candidates = users.indices.filter { users[$0].status == .active }.map { Int32($0) }
        let chosen = Self.sample(min(admins, candidates.count), from: candidates.count, rng: &rng).map {
            candidates[Int($0)]
        }
        let types = OktaRoleType.allCases
        for (position, user) in chosen.enumerated() {
            let time = users[Int(user)].created.adding(seconds: 86_400)
            var held: [OktaRoleType] = position == 0 ? [.superAdmin] : [rng.pick(Array(types.dropFirst()))]
            if position > 0, rng.chance(0.3) {
                let second = rng.pick(types)
                if !held.contains(second) { held.append(second) }
            }
            userRoles[user] = held.map { newRoleAssignment($0, at: time) }
        }
        let groupTypes: [OktaRoleType] = [.helpDeskAdmin, .readOnlyAdmin, .userAdmin, .appAdmin, .reportAdmin]
        let eligible = groups.indices.filter { groups[$0].type == .okta && !groups[$0].members.isEmpty }
        let roleGroups =
            eligible.isEmpty ? [] : Self.sample(max(1, eligible.count / 20), from: eligible.count, rng: &rng)
        for pick in roleGroups {
            let group = Int32(eligible[Int(pick)])
            groupRoles[group] = [newRoleAssignment(rng.pick(groupTypes), at: groups[Int(group)].created)]
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
