import MockKit

extension JiraTenant {
    /// Summary counts of the site.
    struct Counts: Sendable, Hashable {
        var users = 0
        var inactiveUsers = 0
        var groups = 0
        var memberships = 0
        var projects = 0
        var roleActors = 0
    }

    var counts: Counts {
        var counts = Counts()
        counts.users = users.count
        counts.inactiveUsers = users.count { !$0.active }
        counts.groups = groups.count
        counts.memberships = groups.reduce(0) { $0 + $1.members.count }
        counts.projects = projects.count
        counts.roleActors = projects.reduce(0) { total, project in
            total + project.roles.values.reduce(0) { $0 + $1.users.count + $1.groups.count }
        }
        return counts
    }

    /// The ground truth a connector's sync should reproduce, keyed by Jira ids.
    ///
    /// ```jsonc
    /// {"service":"jira","seed":"1","size":"tiny","cloudId":"…","counts":{…},
    ///  "users":[{"accountId","accountType","displayName","emailAddress","active"}],
    ///  "groups":[{"groupId","name","members":["<accountId>"]}],                  // inactive members included
    ///  "roles":[{"id","name","description"}],
    ///  "projects":[{"id","key","name","lead":"<accountId>",
    ///               "roles":[{"id","users":["<accountId>"],"groups":["<groupId>"]}],
    ///               "participants":["<accountId>"]}]}                           // = /user/viewissue/search
    /// ```
    func truthJSON(seed: UInt64, size: TenantSize) -> [UInt8] {
        var json = JSONWriter(capacity: 1 << 20)
        let counts = self.counts
        json.beginObject()
        json.field("service", "jira")
        json.field("seed", String(seed))
        json.field("size", size.description)
        json.field("cloudId", cloudID)
        json.key("counts")
        json.object { json in
            json.field("users", counts.users)
            json.field("inactiveUsers", counts.inactiveUsers)
            json.field("groups", counts.groups)
            json.field("memberships", counts.memberships)
            json.field("projects", counts.projects)
            json.field("roleActors", counts.roleActors)
        }
        json.key("users")
        json.array { json in
            for user in users {
                json.object { json in
                    json.field("accountId", user.accountID)
                    json.field("accountType", user.accountType.rawValue)
                    json.field("displayName", user.displayName)
                    json.field("emailAddress", user.emailAddress)
                    json.field("active", user.active)
                }
            }
        }
        json.key("groups")
        json.array { json in
            for group in groups {
                json.object { json in
                    json.field("groupId", group.groupID)
                    json.field("name", group.name)
                    json.key("members")
                    json.array { json in
                        for member in group.members { json.string(users[Int(member)].accountID) }
                    }
                }
            }
        }
        json.key("roles")
        json.array { json in
            for role in roles {
                json.object { json in
                    json.field("id", role.id)
                    json.field("name", role.name)
                    json.field("description", role.description)
                }
            }
        }
        json.key("projects")
        json.array { json in
            for index in projects.indices {
                let project = projects[index]
                json.object { json in
                    json.field("id", String(project.id))
                    json.field("key", project.key)
                    json.field("name", project.name)
                    json.field("lead", users[Int(project.lead)].accountID)
                    json.key("roles")
                    json.array { json in
                        for role in project.roles.keys.sorted() {
                            let actors = project.roles[role] ?? JiraRoleActors()
                            json.object { json in
                                json.field("id", roles[role].id)
                                json.key("users")
                                json.array { json in
                                    for user in actors.users { json.string(users[Int(user)].accountID) }
                                }
                                json.key("groups")
                                json.array { json in
                                    for group in actors.groups { json.string(groups[Int(group)].groupID) }
                                }
                            }
                        }
                    }
                    json.key("participants")
                    json.array { json in
                        for user in participants(Int32(index)) { json.string(users[Int(user)].accountID) }
                    }
                }
            }
        }
        json.endObject()
        return json.bytes
    }
}
