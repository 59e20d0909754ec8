import MockKit

extension OktaTenant {
    /// Summary counts of the live tenant.
    struct Counts: Sendable, Hashable {
        var users = 0
        var groups = 0
        var memberships = 0
        var userRoleAssignments = 0
        var groupRoleAssignments = 0
        var apps = 0
        var appUserAssignments = 0
        var appGroupAssignments = 0
    }

    /// Counts of live objects; memberships exclude the Everyone group.
    var counts: Counts {
        var counts = Counts()
        counts.users = users.count { !$0.deleted }
        for (index, group) in groups.enumerated() where !group.deleted {
            counts.groups += 1
            if Int32(index) != everyone { counts.memberships += group.members.count }
        }
        counts.userRoleAssignments = userRoles.values.reduce(0) { $0 + $1.count }
        counts.groupRoleAssignments = groupRoles.values.reduce(0) { $0 + $1.count }
        for app in apps where !app.deleted {
            counts.apps += 1
            counts.appUserAssignments += app.directUsers.count
            counts.appGroupAssignments += app.groups.count
        }
        return counts
    }

    /// The ground truth a connector's sync should reproduce: every live user, group (with members),
    /// role holder and app assignment, keyed by Okta ids. Timestamps are left out so that the truth of
    /// a generated tenant depends on the seed and size only.
    ///
    /// ```jsonc
    /// {"service":"okta","seed":1,"size":"tiny","org":{…},"counts":{…},
    ///  "users":[{"id","login","email","secondEmail","firstName","lastName","displayName","status","userType"}],
    ///  "groups":[{"id","name","type","description","members":["00u…"]}],
    ///  "roles":[{"type","label","users":["00u…"],"groups":["00g…"]}],        // direct holders only
    ///  "apps":[{"id","name","label","status","signOnMode","directUsers":[…],"groups":[…],
    ///           "users":[…]}]}                                                 // users = /apps/{id}/users
    /// ```
    mutating func truthJSON(seed: UInt64, size: TenantSize) -> [UInt8] {
        var json = JSONWriter(capacity: 1 << 20)
        let counts = self.counts
        json.beginObject()
        json.field("service", "okta")
        json.key("seed")
        json.string(String(seed))
        json.field("size", size.description)
        json.key("org")
        json.object { json in
            json.field("id", org.id)
            json.field("subdomain", org.subdomain)
            json.field("companyName", org.companyName)
        }
        json.key("counts")
        json.object { json in
            json.field("users", counts.users)
            json.field("groups", counts.groups)
            json.field("memberships", counts.memberships)
            json.field("userRoleAssignments", counts.userRoleAssignments)
            json.field("groupRoleAssignments", counts.groupRoleAssignments)
            json.field("apps", counts.apps)
            json.field("appUserAssignments", counts.appUserAssignments)
            json.field("appGroupAssignments", counts.appGroupAssignments)
        }
        json.key("users")
        json.array { json in
            for user in users where !user.deleted {
                json.object { json in
                    json.field("id", user.id)
                    json.field("login", user.profile.login)
                    json.field("email", user.profile.email)
                    json.field("secondEmail", user.profile.secondEmail)
                    json.field("firstName", user.profile.firstName)
                    json.field("lastName", user.profile.lastName)
                    json.field("displayName", user.profile.displayName)
                    json.field("status", user.status.rawValue)
                    json.field("userType", user.profile.userType)
                }
            }
        }
        json.key("groups")
        json.array { json in
            for group in groups where !group.deleted {
                json.object { json in
                    json.field("id", group.id)
                    json.field("name", group.name)
                    json.field("type", group.type.rawValue)
                    json.field("description", group.description)
                    json.key("members")
                    json.array { json in
                        for member in group.members { json.string(users[Int(member)].id) }
                    }
                }
            }
        }
        json.key("roles")
        json.array { json in
            for type in OktaRoleType.allCases {
                json.object { json in
                    json.field("type", type.rawValue)
                    json.field("label", type.label)
                    json.key("users")
                    json.array { json in
                        for user in userRoles.keys.sorted()
                        where userRoles[user]?.contains(where: { $0.type == type }) == true {
                            json.string(users[Int(user)].id)
                        }
                    }
                    json.key("groups")
                    json.array { json in
                        for group in groupRoles.keys.sorted()
                        where groupRoles[group]?.contains(where: { $0.type == type }) == true {
                            json.string(groups[Int(group)].id)
                        }
                    }
                }
            }
        }
        json.key("apps")
        json.beginArray()
        for index in apps.indices where !apps[index].deleted {
            let listed = appUsers(Int32(index))
            let app = apps[index]
            json.object { json in
                json.field("id", app.id)
                json.field("name", app.name)
                json.field("label", app.label)
                json.field("status", app.active ? "ACTIVE" : "INACTIVE")
                json.field("signOnMode", app.signOnMode)
                json.key("directUsers")
                json.array { json in
                    for user in app.directUsers { json.string(users[Int(user)].id) }
                }
                json.key("groups")
                json.array { json in
                    for group in app.groups { json.string(groups[Int(group)].id) }
                }
                json.key("users")
                json.array { json in
                    for entry in listed { json.string(users[Int(entry.user)].id) }
                }
            }
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }
}
