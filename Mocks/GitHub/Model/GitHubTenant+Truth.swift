import MockKit

extension GitHubTenant {
    /// One line describing the live tenant.
    var summary: String {
        let main = orgs.first
        let teamCount = teams.count { !$0.deleted }
        let teamMemberships = teams.filter { !$0.deleted }.reduce(0) { $0 + $1.members.count }
        let collaborators = repos.reduce(0) { $0 + $1.collaborators.count }
        return "\(orgs.count) orgs (\(main?.login ?? "-"): \(main?.members.count ?? 0) members), \(teamCount) teams, "
            + "\(teamMemberships) team memberships, \(repos.count) repositories, \(collaborators) direct "
            + "collaborators, \(roles.count) org roles, \(invitations.count) invitations"
    }

    /// The ground truth a connector's sync should reproduce, keyed by GitHub ids. Timestamps are left out.
    ///
    /// ```jsonc
    /// {"service":"github","seed":"1","size":"tiny","viewer":1000001,
    ///  "users":[{"id","login","name","email","twoFactor","samlNameID"}],
    ///  "orgs":[{"id","login","viewerRole","members":[{"id","role"}],"outsideCollaborators":[id],
    ///    "teams":[{"id","name","slug","parent","members":[id],"maintainers":[id]}],
    ///    "repos":[{"id","name","archived","collaborators":[{"id","permission"}],   // affiliation=all
    ///              "directCollaborators":[{"id","permission"}],"teams":[{"id","permission"}]}],
    ///    "roles":[{"id","name","users":[id],"teams":[id]}],
    ///    "invitations":[{"id","login","email","role"}]}]}
    /// ```
    mutating func truthJSON(seed: UInt64, size: TenantSize) -> [UInt8] {
        var json = JSONWriter(capacity: 1 << 20)
        json.beginObject()
        json.field("service", "github")
        json.field("seed", String(seed))
        json.field("size", size.description)
        json.field("viewer", users[Int(viewer)].id)
        json.key("users")
        json.array { json in
            for user in users where !user.deleted {
                json.object { json in
                    json.field("id", user.id)
                    json.field("login", user.login)
                    json.field("name", user.name)
                    json.field("email", user.email)
                    json.field("twoFactor", user.twoFactor)
                    json.field("samlNameID", user.samlNameID)
                }
            }
        }
        json.key("orgs")
        json.beginArray()
        for org in orgs.indices.map(Int32.init) {
            writeOrgTruth(org, into: &json)
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    private func ids(_ indexes: some Sequence<Int32>, into json: inout JSONWriter) {
        json.array { json in
            for index in indexes { json.int(users[Int(index)].id) }
        }
    }

    private func grants(
        _ entries: some Sequence<(Int32, GitHubPermission)>, into json: inout JSONWriter,
        id: (Int32) -> Int
    ) {
        json.array { json in
            for (index, permission) in entries {
                json.object { json in
                    json.field("id", id(index))
                    json.field("permission", permission.name)
                }
            }
        }
    }

    private mutating func writeOrgTruth(_ org: Int32, into json: inout JSONWriter) {
        let record = orgs[Int(org)]
        json.beginObject()
        json.field("id", record.id)
        json.field("login", record.login)
        json.field(
            "viewerRole", record.admins.contains(viewer) ? "admin" : isMember(viewer, of: org) ? "member" : "none")
        json.key("members")
        json.array { json in
            for member in record.members {
                json.object { json in
                    json.field("id", users[Int(member)].id)
                    json.field("role", record.admins.contains(member) ? "admin" : "member")
                }
            }
        }
        json.key("outsideCollaborators")
        ids(outsideCollaborators(of: org), into: &json)
        json.key("teams")
        json.array { json in
            for team in teams(of: org) {
                let record = teams[Int(team)]
                json.object { json in
                    json.field("id", record.id)
                    json.field("name", record.name)
                    json.field("slug", record.slug)
                    json.key("parent")
                    if let parent = record.parent { json.int(teams[Int(parent)].id) } else { json.null() }
                    json.key("members")
                    ids(record.members.filter { !record.maintainers.contains($0) }, into: &json)
                    json.key("maintainers")
                    ids(record.members.filter { record.maintainers.contains($0) }, into: &json)
                }
            }
        }
        json.key("repos")
        json.beginArray()
        for repo in repos(of: org) {
            let listed = collaborators(of: repo)
            let record = repos[Int(repo)]
            json.object { json in
                json.field("id", record.id)
                json.field("name", record.name)
                json.field("archived", record.archived)
                json.key("collaborators")
                grants(listed.map { ($0.user, $0.permission) }, into: &json) { users[Int($0)].id }
                json.key("directCollaborators")
                grants(record.collaborators.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, into: &json) {
                    users[Int($0)].id
                }
                json.key("teams")
                grants(record.teams.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, into: &json) {
                    teams[Int($0)].id
                }
            }
        }
        json.endArray()
        json.key("roles")
        json.array { json in
            for role in roles where role.org == org {
                json.object { json in
                    json.field("id", role.id)
                    json.field("name", role.name)
                    json.key("users")
                    ids(role.users, into: &json)
                    json.key("teams")
                    json.array { json in
                        for team in role.teams { json.int(teams[Int(team)].id) }
                    }
                }
            }
        }
        json.key("invitations")
        json.array { json in
            for invitation in invitations where invitation.org == org {
                json.object { json in
                    json.field("id", invitation.id)
                    json.field("login", invitation.invitee.map { users[Int($0)].login })
                    json.field("email", invitation.email)
                    json.field("role", invitation.role)
                }
            }
        }
        json.endObject()
    }
}
