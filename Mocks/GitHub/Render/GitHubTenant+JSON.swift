import MockKit

/// Where rendered URLs point: `api` is the REST root the request used (`http://host:port` or
/// `…/api/v3`), `web` the HTML root.
struct GitHubURLs: Sendable {
    var api: String
    var web: String
}

/// GitHub's JSON shapes, written key by key in GitHub's order.
extension GitHubTenant {
    /// A "simple user", as lists show them.
    func writeSimpleUser(_ index: Int32, into json: inout JSONWriter, urls: GitHubURLs, close: Bool = true) {
        let user = users[Int(index)]
        json.beginObject()
        json.field("login", user.login)
        json.field("id", user.id)
        json.field("node_id", "U_kgDO\(user.id)")
        json.field("avatar_url", "https://avatars.githubusercontent.com/u/\(user.id)?v=4")
        json.field("gravatar_id", "")
        json.field("url", "\(urls.api)/users/\(user.login)")
        json.field("html_url", "\(urls.web)/\(user.login)")
        json.field("type", "User")
        json.field("site_admin", false)
        if close { json.endObject() }
    }

    /// The full account (`/user/{id}`, `/users/{login}`); `private` adds what only admins see.
    func writeUser(_ index: Int32, into json: inout JSONWriter, urls: GitHubURLs) {
        let user = users[Int(index)]
        writeSimpleUser(index, into: &json, urls: urls, close: false)
        json.field("name", user.name)
        json.field("company", user.company)
        json.field("blog", "")
        json.field("location", nil)
        json.field("email", user.email)
        json.field("hireable", nil)
        json.field("bio", nil)
        json.field("public_repos", 0)
        json.field("created_at", user.created.iso8601)
        json.field("updated_at", user.created.iso8601)
        json.field("two_factor_authentication", user.twoFactor)
        json.endObject()
    }

    func writeOrgSummary(_ index: Int32, into json: inout JSONWriter, urls: GitHubURLs) {
        let org = orgs[Int(index)]
        json.object { json in
            json.field("login", org.login)
            json.field("id", org.id)
            json.field("node_id", "O_kgDO\(org.id)")
            json.field("url", "\(urls.api)/orgs/\(org.login)")
            json.field("avatar_url", "https://avatars.githubusercontent.com/u/\(org.id)?v=4")
            json.field("description", org.description)
        }
    }

    func writeOrg(_ index: Int32, into json: inout JSONWriter, urls: GitHubURLs) {
        let org = orgs[Int(index)]
        json.object { json in
            json.field("login", org.login)
            json.field("id", org.id)
            json.field("node_id", "O_kgDO\(org.id)")
            json.field("url", "\(urls.api)/orgs/\(org.login)")
            json.field("html_url", "\(urls.web)/\(org.login)")
            json.field("name", org.name)
            json.field("description", org.description)
            json.field("type", "Organization")
            json.field("created_at", org.created.iso8601)
            json.field("default_repository_permission", "read")
            json.field("members_can_create_repositories", true)
            json.field("two_factor_requirement_enabled", false)
        }
    }

    /// `/user/memberships/orgs/{org}` and `/orgs/{org}/memberships/{user}`.
    func writeMembership(
        _ user: Int32, org: Int32, state: String, role: String, into json: inout JSONWriter,
        urls: GitHubURLs
    ) {
        let login = orgs[Int(org)].login
        json.object { json in
            json.field("url", "\(urls.api)/orgs/\(login)/memberships/\(users[Int(user)].login)")
            json.field("state", state)
            json.field("role", role)
            json.field("organization_url", "\(urls.api)/orgs/\(login)")
            json.key("organization")
            writeOrgSummary(org, into: &json, urls: urls)
            json.key("user")
            writeSimpleUser(user, into: &json, urls: urls)
        }
    }

    func writeTeam(
        _ index: Int32, into json: inout JSONWriter, urls: GitHubURLs, full: Bool,
        permission: GitHubPermission? = nil
    ) {
        let team = teams[Int(index)]
        let org = orgs[Int(team.org)]
        json.beginObject()
        json.field("id", team.id)
        json.field("node_id", "T_kwDO\(team.id)")
        json.field("url", "\(urls.api)/organizations/\(org.id)/team/\(team.id)")
        json.field("html_url", "\(urls.web)/orgs/\(org.login)/teams/\(team.slug)")
        json.field("name", team.name)
        json.field("slug", team.slug)
        json.field("description", team.description)
        json.field("privacy", team.privacy)
        json.field("notification_setting", "notifications_enabled")
        json.field("permission", permission?.name ?? "pull")
        if let permission { writePermissions(permission, into: &json) }
        json.field("members_url", "\(urls.api)/organizations/\(org.id)/team/\(team.id)/members{/member}")
        json.field("repositories_url", "\(urls.api)/organizations/\(org.id)/team/\(team.id)/repos")
        json.key("parent")
        if let parent = team.parent {
            writeTeam(parent, into: &json, urls: urls, full: false)
        } else {
            json.null()
        }
        if full {
            json.field("members_count", team.members.count)
            json.field("repos_count", team.repos.count)
            json.key("organization")
            writeOrgSummary(team.org, into: &json, urls: urls)
        }
        json.endObject()
    }

    func writePermissions(_ permission: GitHubPermission, into json: inout JSONWriter) {
        json.key("permissions")
        json.object { json in
            for level in GitHubPermission.allCases.reversed() { json.field(level.name, level <= permission) }
        }
    }

    func writeRepo(_ index: Int32, into json: inout JSONWriter, urls: GitHubURLs, full: Bool) {
        let repo = repos[Int(index)]
        let org = orgs[Int(repo.org)]
        json.object { json in
            json.field("id", repo.id)
            json.field("node_id", "R_kgDO\(repo.id)")
            json.field("name", repo.name)
            json.field("full_name", "\(org.login)/\(repo.name)")
            json.field("private", repo.isPrivate)
            json.key("owner")
            json.object { json in
                json.field("login", org.login)
                json.field("id", org.id)
                json.field("type", "Organization")
            }
            json.field("html_url", "\(urls.web)/\(org.login)/\(repo.name)")
            json.field("description", repo.description)
            json.field("fork", false)
            json.field("url", "\(urls.api)/repos/\(org.login)/\(repo.name)")
            json.field("created_at", repo.created.iso8601)
            json.field("archived", repo.archived)
            json.field("disabled", false)
            json.field("visibility", repo.isPrivate ? "private" : "public")
            json.field("default_branch", "main")
            // The viewer owns the org, so it holds every permission.
            writePermissions(.admin, into: &json)
            if full {
                json.key("organization")
                writeOrgSummary(repo.org, into: &json, urls: urls)
            }
        }
    }

    func writeRole(_ index: Int32, into json: inout JSONWriter, urls: GitHubURLs) {
        let role = roles[Int(index)]
        json.object { json in
            json.field("id", role.id)
            json.field("name", role.name)
            json.field("description", role.description)
            json.key("permissions")
            json.array { _ in }
            json.key("organization")
            writeOrgSummary(role.org, into: &json, urls: urls)
            json.field("created_at", "2023-06-01T00:00:00Z")
            json.field("updated_at", "2023-06-01T00:00:00Z")
            json.field("source", role.source)
            json.field("base_role", role.baseRole)
        }
    }

    func writeInvitation(_ index: Int, into json: inout JSONWriter, urls: GitHubURLs) {
        let invitation = invitations[index]
        let org = orgs[Int(invitation.org)]
        json.object { json in
            json.field("id", invitation.id)
            json.field("node_id", "OI_kwDO\(invitation.id)")
            json.field("login", invitation.invitee.map { users[Int($0)].login })
            json.field("email", invitation.email)
            json.field("role", invitation.role)
            json.field("created_at", invitation.created.iso8601)
            json.field("failed_at", nil)
            json.field("failed_reason", nil)
            json.key("inviter")
            writeSimpleUser(invitation.inviter, into: &json, urls: urls)
            json.field("team_count", invitation.teams.count)
            json.field("invitation_teams_url", "\(urls.api)/organizations/\(org.id)/invitations/\(invitation.id)/teams")
            json.field("invitation_source", "member")
        }
    }
}
