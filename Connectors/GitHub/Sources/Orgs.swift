import BatonSDK
import Foundation
import Logging

/// Organizations where the caller is an admin: `member` and `admin` entitlements held by users.
struct OrgSyncer: ResourceProvisioner, ResourceTargetedSyncer {
    let context: GitHubContext
    var resourceType: ResourceType { GitHubResourceTypes.org }
    static let member = "member"
    static let admin = "admin"

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        guard parent == nil else { return Page() }
        return Page(try await adminOrgs().map(resource))
    }

    /// The orgs to sync. With `--orgs` (or in App mode) each must exist, and with a token each must be
    /// administered by the token's user; otherwise every org the user administers (others are skipped).
    func adminOrgs() async throws -> [GitHubOrganization] {
        let client = context.client
        var result: [GitHubOrganization] = []
        if !context.configuredOrgs.isEmpty {
            for login in context.configuredOrgs {
                guard let org = try await client.organization(login: login) else {
                    throw BatonError(.notFound, "github: organization \(login) not found")
                }
                if !context.isAppAuth {
                    guard try await client.viewerMembership(org: login)?.role == "admin" else {
                        throw BatonError(
                            .permissionDenied, "github: the token's user is not an admin of organization \(login)")
                    }
                }
                result.append(org)
            }
        } else {
            var bag = PaginationBag()
            var loopGuard = PageLoopGuard<String>()
            bag.push(.init(resourceTypeID: resourceType.id))
            repeat {
                let (orgs, next) = try await client.viewerOrgsPage(bag: &bag)
                try loopGuard.admit(
                    "orgs", itemIDs: orgs.map { String($0.id) }, next: next, what: "github: list the user's orgs")
                for summary in orgs {
                    let membership: GitHubMembership?
                    do {
                        membership = try await client.viewerMembership(org: summary.login)
                    } catch let error as BatonError where error.code == .permissionDenied {
                        context.logger.warning("github: skipping org \(summary.login): \(error.message)")
                        continue
                    }
                    guard membership?.role == "admin", let org = try await client.organization(login: summary.login)
                    else { continue }
                    result.append(org)
                }
                bag = try PaginationBag(token: next)
            } while bag.current != nil
        }
        for org in result { await context.orgs.remember(id: String(org.id), login: org.login) }
        return result
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        guard let org = try await context.client.organization(id: id.resource) else { return nil }
        await context.orgs.remember(id: String(org.id), login: org.login)
        return try resource(org)
    }

    func resource(_ org: GitHubOrganization) throws -> Resource {
        var options: [ResourceOption] = GitHubResourceTypes.orgChildren.map { .childType($0.id) }
        options.append(.annotations(V1Identifier("org:\(org.id)")))
        if let url = org.htmlURL { options.append(.externalLink(url)) }
        options.append(
            .profile(["login": .init(stringValue: org.login), "name": .init(stringValue: org.name ?? org.login)]))
        return try Resource.make(name: org.login, type: resourceType, id: String(org.id), options: options)
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        let name = resource.displayName
        let id = resource.id.resource
        return Page([
            try GitHubEntitlements.make(
                resource, slug: Self.member, assignment: true, grantableTo: [GitHubResourceTypes.user],
                displayName: "\(name) Org Member", description: "Access to \(name) org in GitHub",
                v1: "org:\(id):role:member"),
            try GitHubEntitlements.make(
                resource, slug: Self.admin, grantableTo: [GitHubResourceTypes.user],
                displayName: "\(name) Org Admin", description: "Admin of \(name) org in GitHub",
                v1: "org:\(id):role:admin"),
        ])
    }

    /// Two phases: admins (who get `admin` and `member`), then plain members.
    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let login = try await context.orgLogin(resource.id.resource)
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil {
            bag.push(.init(resourceTypeID: Self.member))
            bag.push(.init(resourceTypeID: Self.admin))
        }
        let role = bag.resourceTypeID
        let (members, next) = try await context.client.membersPage(org: login, role: role, bag: &bag)
        var grants: [Grant] = []
        for member in members {
            if role == Self.admin { grants.append(try grant(resource, Self.admin, userID: member.id)) }
            grants.append(try grant(resource, Self.member, userID: member.id))
        }
        return Page(grants, nextPageToken: next)
    }

    func grant(_ org: Resource, _ slug: String, userID: Int) throws -> Grant {
        try Grant.make(
            resource: org, entitlementName: slug, principal: ResourceID(GitHubResourceTypes.user.id, String(userID)),
            options: [
                .annotations(V1Identifier.grant("org:\(org.id.resource):role:\(slug)", principal: String(userID)))
            ])
    }

    // MARK: Provisioning

    /// A non-member is invited (with the admin role for `admin`); a member is promoted for `admin`; a
    /// member already holding the entitlement is left alone.
    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let slug = try GitHubProvisioning.slug(entitlement.id)
        let user = try await GitHubProvisioning.account(principal, context: context, what: "org membership")
        let org = try await context.orgLogin(entitlement.resource.id.resource)
        let membership = try await context.client.membership(org: org, login: user.login)
        switch (membership?.state, membership?.role) {
        case ("active"?, "admin"?),
            ("active"?, _) where slug == Self.member:
            return try .alreadyExists()
        case ("active"?, _):
            try await context.client.setMembership(org: org, login: user.login, role: "admin")
        case ("pending"?, _):
            if slug == Self.admin { try await context.client.setMembership(org: org, login: user.login, role: "admin") }
        default:
            _ = try await context.client.invite(
                org: org, inviteeID: user.id, role: slug == Self.admin ? "admin" : "direct_member")
        }
        return ProvisionResult(grants: [try grant(entitlement.resource, slug, userID: user.id)])
    }

    /// `member`: removes the membership; `admin`: demotes to member.
    func revoke(_ grant: Grant) async throws -> Annotations {
        let slug = try GitHubProvisioning.slug(grant.entitlement.id)
        let user = try await GitHubProvisioning.account(grant.principal, context: context, what: "org membership")
        let org = try await context.orgLogin(grant.entitlement.resource.id.resource)
        guard let membership = try await context.client.membership(org: org, login: user.login),
            membership.state == "active"
        else { return try .alreadyRevoked() }
        if slug == Self.admin {
            guard membership.role == "admin" else { return try .alreadyRevoked() }
            try await context.client.setMembership(org: org, login: user.login, role: "member")
        } else {
            _ = try await context.client.removeMembership(org: org, login: user.login)
        }
        return []
    }
}

/// Checks shared by the provisioners.
enum GitHubProvisioning {
    /// The principal's GitHub account (its login is needed in paths).
    /// - Throws: `BatonError` `invalidArgument` when the principal is not a user, `notFound` when the
    ///   account is gone.
    static func account(_ principal: Resource, context: GitHubContext, what: String) async throws -> GitHubAccount {
        guard principal.id.resourceType == GitHubResourceTypes.user.id else {
            throw BatonError(
                .invalidArgument, "github: \(what) can only be granted to a user, not a \(principal.id.resourceType)")
        }
        guard let account = try await context.client.user(id: principal.id.resource) else {
            throw BatonError(.notFound, "github: user \(principal.id.resource) not found")
        }
        return account
    }

    /// The slug of an entitlement id `<type>:<id>:<slug>` (the reference requires exactly three parts).
    static func slug(_ entitlementID: String) throws -> String {
        let parts = entitlementID.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw BatonError(.invalidArgument, "github: invalid entitlement id \"\(entitlementID)\"")
        }
        return String(parts[2])
    }
}
