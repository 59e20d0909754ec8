import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension GitHubMock {
    func addOrgRoutes(to routes: RouterGroup<MockRequestContext>) {
        route(routes, .get, "/user") { request, _ in
            try self.object(request) { tenant, json, urls in tenant.writeUser(tenant.viewer, into: &json, urls: urls) }
        }
        route(routes, .get, "/user/orgs") { request, _ in
            try self.pagedList(request) { tenant in
                tenant.orgs.indices.map(Int32.init).filter { tenant.isMember(tenant.viewer, of: $0) }
            } write: { tenant, org, json, urls in
                tenant.writeOrgSummary(org, into: &json, urls: urls)
            }
        }
        route(routes, .get, "/user/memberships/orgs/{org}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                let org = try tenant.org(context.pathParameter("org"))
                guard tenant.isMember(tenant.viewer, of: org) else { throw GitHubAPIError.notFound }
                let role = tenant.orgs[Int(org)].admins.contains(tenant.viewer) ? "admin" : "member"
                tenant.writeMembership(tenant.viewer, org: org, state: "active", role: role, into: &json, urls: urls)
            }
        }
        route(routes, .get, "/orgs/{org}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                tenant.writeOrg(try tenant.org(context.pathParameter("org")), into: &json, urls: urls)
            }
        }
        route(routes, .get, "/organizations/{org_id}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                guard let org = tenant.org(id: Int(context.pathParameter("org_id")) ?? -1) else {
                    throw GitHubAPIError.notFound
                }
                tenant.writeOrg(org, into: &json, urls: urls)
            }
        }
        route(routes, .get, "/user/{id}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                guard let user = tenant.liveUser(id: Int(context.pathParameter("id")) ?? -1) else {
                    throw GitHubAPIError.notFound
                }
                tenant.writeUser(user, into: &json, urls: urls)
            }
        }
        route(routes, .get, "/users/{login}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                tenant.writeUser(try tenant.user(login: context.pathParameter("login")), into: &json, urls: urls)
            }
        }
        addMemberRoutes(to: routes)
        addInvitationRoutes(to: routes)
    }

    private func addMemberRoutes(to routes: RouterGroup<MockRequestContext>) {
        route(routes, .get, "/orgs/{org}/members") { request, context in
            let role = request.queryItems["role"] ?? "all"
            guard ["all", "admin", "member"].contains(role) else {
                throw GitHubAPIError.validation("Invalid value for role: \(role)")
            }
            return try self.pagedList(request) { tenant throws(GitHubAPIError) in
                let org = try tenant.org(context.pathParameter("org"))
                let record = tenant.orgs[Int(org)]
                return switch role {
                case "admin": record.members.filter(record.admins.contains)
                case "member": record.members.filter { !record.admins.contains($0) }
                default: record.members
                }
            } write: { tenant, user, json, urls in
                tenant.writeSimpleUser(user, into: &json, urls: urls)
            }
        }
        route(routes, .get, "/orgs/{org}/members/{username}") { _, context in
            let isMember = try self.tenant.withLock { tenant throws(GitHubAPIError) in
                let org = try tenant.org(context.pathParameter("org"))
                return tenant.liveUser(login: context.pathParameter("username")).map { tenant.isMember($0, of: org) }
                    ?? false
            }
            return Response(status: isMember ? .noContent : .notFound)
        }
        route(routes, .get, "/orgs/{org}/outside_collaborators") { request, context in
            try self.pagedList(request) { tenant throws(GitHubAPIError) in
                tenant.outsideCollaborators(of: try tenant.org(context.pathParameter("org"), admin: true))
            } write: { tenant, user, json, urls in
                tenant.writeSimpleUser(user, into: &json, urls: urls)
            }
        }
        route(routes, .get, "/orgs/{org}/memberships/{username}") { request, context in
            try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                let org = try tenant.org(context.pathParameter("org"))
                let user = try tenant.user(login: context.pathParameter("username"))
                try tenant.writeMembershipState(user, org: org, into: &json, urls: urls)
            }
        }
        route(routes, .put, "/orgs/{org}/memberships/{username}") { request, context in
            let body = try await self.jsonBody(request)
            let role = body["role"]?.stringValue ?? "member"
            guard role == "admin" || role == "member" else {
                throw GitHubAPIError.validation("Invalid role: \(role)")
            }
            return try self.object(request) { tenant, json, urls throws(GitHubAPIError) in
                let org = try tenant.org(context.pathParameter("org"), admin: true)
                let user = try tenant.user(login: context.pathParameter("username"))
                if tenant.isMember(user, of: org) {
                    tenant.setMember(user, of: org, admin: role == "admin")
                } else if let pending = tenant.invitations.firstIndex(where: { $0.org == org && $0.invitee == user }) {
                    tenant.invitations[pending].role = role == "admin" ? "admin" : "direct_member"
                    tenant.touch()
                } else {
                    tenant.invite(
                        org: org, invitee: user, email: nil, role: role == "admin" ? "admin" : "direct_member",
                        teams: [])
                }
                try tenant.writeMembershipState(user, org: org, into: &json, urls: urls)
            }
        }
        route(routes, .delete, "/orgs/{org}/memberships/{username}") { _, context in
            try self.tenant.withLock { tenant throws(GitHubAPIError) in
                let org = try tenant.org(context.pathParameter("org"), admin: true)
                let user = try tenant.user(login: context.pathParameter("username"))
                if tenant.isMember(user, of: org) {
                    tenant.removeMember(user, from: org)
                } else if let pending = tenant.invitations.firstIndex(where: { $0.org == org && $0.invitee == user }) {
                    tenant.invitations.remove(at: pending)
                    tenant.touch()
                } else {
                    throw GitHubAPIError.notFound
                }
            }
            return Response(status: .noContent)
        }
    }

    private func addInvitationRoutes(to routes: RouterGroup<MockRequestContext>) {
        route(routes, .get, "/orgs/{org}/invitations") { request, context in
            try self.pagedList(request) { tenant throws(GitHubAPIError) in
                tenant.invitations(of: try tenant.org(context.pathParameter("org"), admin: true))
            } write: { tenant, invitation, json, urls in
                tenant.writeInvitation(invitation, into: &json, urls: urls)
            }
        }
        route(routes, .post, "/orgs/{org}/invitations") { request, context in
            let body = try await self.jsonBody(request)
            let role = body["role"]?.stringValue ?? "direct_member"
            guard ["direct_member", "admin", "billing_manager"].contains(role) else {
                throw GitHubAPIError.validation("Invalid role: \(role)")
            }
            let teamIDs = body["team_ids"]?.arrayValue?.compactMap(\.intValue) ?? []
            return try self.object(request, status: .created) { tenant, json, urls throws(GitHubAPIError) in
                let org = try tenant.org(context.pathParameter("org"), admin: true)
                var invitee: Int32?
                var email: String?
                if let id = body["invitee_id"]?.intValue {
                    guard let user = tenant.liveUser(id: id) else { throw GitHubAPIError.validation("Invalid invitee") }
                    guard !tenant.isMember(user, of: org) else {
                        throw GitHubAPIError.validation("Invitee is already a part of this organization")
                    }
                    guard !tenant.invitations.contains(where: { $0.org == org && $0.invitee == user }) else {
                        throw GitHubAPIError.validation("Invitee already has a pending invitation")
                    }
                    invitee = user
                } else if let address = body["email"]?.stringValue, address.contains("@") {
                    guard !tenant.invitations.contains(where: { $0.org == org && $0.email == address }) else {
                        throw GitHubAPIError.validation("Invitee already has a pending invitation")
                    }
                    email = address
                } else {
                    throw GitHubAPIError.validation("Either invitee_id or email must be given")
                }
                let teams = try teamIDs.map { id throws(GitHubAPIError) in
                    guard let team = tenant.liveTeam(id: id, org: org) else {
                        throw GitHubAPIError.validation("Invalid team id \(id)")
                    }
                    return team
                }
                let index = tenant.invite(org: org, invitee: invitee, email: email, role: role, teams: teams)
                tenant.writeInvitation(index, into: &json, urls: urls)
            }
        }
        route(routes, .delete, "/orgs/{org}/invitations/{id}") { _, context in
            try self.tenant.withLock { tenant throws(GitHubAPIError) in
                let org = try tenant.org(context.pathParameter("org"), admin: true)
                let id = Int(context.pathParameter("id")) ?? -1
                guard let index = tenant.invitations.firstIndex(where: { $0.org == org && $0.id == id }) else {
                    throw GitHubAPIError.notFound
                }
                tenant.invitations.remove(at: index)
                tenant.touch()
            }
            return Response(status: .noContent)
        }
        route(routes, .get, "/orgs/{org}/invitations/{id}/teams") { request, context in
            try self.pagedList(request) { tenant throws(GitHubAPIError) in
                let org = try tenant.org(context.pathParameter("org"), admin: true)
                let id = Int(context.pathParameter("id")) ?? -1
                guard let invitation = tenant.invitations.first(where: { $0.org == org && $0.id == id }) else {
                    throw GitHubAPIError.notFound
                }
                return invitation.teams
            } write: { tenant, team, json, urls in
                tenant.writeTeam(team, into: &json, urls: urls, full: false)
            }
        }
    }
}

extension GitHubTenant {
    /// The membership of `user`: active, pending (invited) or 404.
    func writeMembershipState(_ user: Int32, org: Int32, into json: inout JSONWriter, urls: GitHubURLs)
        throws(GitHubAPIError)
    {
        if isMember(user, of: org) {
            let role = orgs[Int(org)].admins.contains(user) ? "admin" : "member"
            writeMembership(user, org: org, state: "active", role: role, into: &json, urls: urls)
        } else if let pending = invitations.first(where: { $0.org == org && $0.invitee == user }) {
            let role = pending.role == "admin" ? "admin" : "member"
            writeMembership(user, org: org, state: "pending", role: role, into: &json, urls: urls)
        } else {
            throw GitHubAPIError.notFound
        }
    }

    /// Records a pending invitation; returns its index.
    @discardableResult
    mutating func invite(org: Int32, invitee: Int32?, email: String?, role: String, teams: [Int32]) -> Int {
        invitations.append(
            GitHubInvitation(
                id: nextInvitationID, org: org, invitee: invitee, email: email, role: role, inviter: viewer,
                created: .now(), teams: teams))
        nextInvitationID += 1
        touch()
        return invitations.count - 1
    }
}
