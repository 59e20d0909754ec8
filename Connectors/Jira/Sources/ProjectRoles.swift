import BatonSDK
import Foundation

/// Project roles: one resource per role a project uses (`{projectId}:{roleId}`), with an `assigned`
/// entitlement held by users and by groups. A group actor's grant is expandable to the group's members,
/// so they inherit the role.
struct ProjectRoleSyncer: ResourceProvisioner {
    let context: JiraContext
    var resourceType: ResourceType { JiraResourceTypes.projectRole }
    static let assigned = "assigned"

    /// Lists the roles of one page of projects: each project's `roles` map names its role URLs, and each
    /// role's name and description come from `/role/{id}` (read once per page).
    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        let startAt = try OffsetPaging.offset(request.pageToken)
        let page = try await context.client.projects(startAt: startAt, keys: context.settings.projectKeys)
        let next = OffsetPaging.nextToken(
            offset: startAt, received: page.values.count, isLast: page.isLast, total: page.total)
        var roles: [String: JiraRole?] = [:]
        var resources: [Resource] = []
        for summary in page.values where context.keeps(summary) {
            guard let project = try await context.client.project(summary.id) else { continue }
            let roleIDs = (project.roles ?? [:]).values.compactMap(Self.roleID).sorted {
                ($0.count, $0) < ($1.count, $1)
            }
            for roleID in roleIDs {
                if roles[roleID] == nil { roles[roleID] = .some(try await context.client.role(roleID)) }
                guard let role = roles[roleID] ?? nil else { continue }
                resources.append(try resource(project: project, role: role))
            }
        }
        return Page(resources, nextPageToken: next)
    }

    /// The role id at the end of a `…/project/{id}/role/{roleId}` URL.
    static func roleID(_ url: String) -> String? {
        guard let last = url.split(separator: "/").last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return nil }
        return String(last)
    }

    func resource(project: JiraProject, role: JiraRole) throws -> Resource {
        let description = role.description ?? ""
        return try Resource.role(
            name: "\(project.name) - \(role.name)", type: resourceType, id: "\(project.id):\(role.id)",
            traits: [
                .profile([
                    "name": .init(stringValue: role.name), "role_id": .init(stringValue: String(role.id)),
                    "project_id": .init(stringValue: project.id), "description": .init(stringValue: description),
                ])
            ])
    }

    /// The project and role ids of a `{projectId}:{roleId}` resource id.
    static func ids(_ resourceID: String) throws -> (project: String, role: String) {
        let parts = resourceID.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw BatonError(.invalidArgument, "jira: \"\(resourceID)\" is not a project role id ({project}:{role})")
        }
        return (String(parts[0]), String(parts[1]))
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        let role = resource.profile.fields["name"]?.stringValue ?? resource.displayName
        let project =
            resource.displayName.hasSuffix(" - \(role)")
            ? String(resource.displayName.dropLast(role.count + 3)) : resource.displayName
        return Page([
            try JiraEntitlement.assignment(
                resource, slug: Self.assigned, grantableTo: [JiraResourceTypes.user, JiraResourceTypes.group],
                displayName: "\(resource.displayName) Assignment",
                description: "Assigned to \(role) role on the \(project) project")
        ])
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let (projectID, roleID) = try Self.ids(resource.id.resource)
        guard let role = try await context.client.projectRole(projectID: projectID, roleID: roleID) else {
            return .empty
        }
        var grants: [Grant] = []
        for actor in role.actors ?? [] {
            switch actor.type {
            case "atlassian-user-role-actor":
                guard let accountID = actor.actorUser?.accountId else { continue }
                grants.append(try grant(resource, principal: JiraResourceTypes.user.resourceID(accountID)))
            case "atlassian-group-role-actor":
                guard let groupID = actor.actorGroup?.groupId else { continue }
                let group = JiraResourceTypes.group.resourceID(groupID)
                let members = BatonID.entitlementID(resource: group, slug: GroupSyncer.member)
                grants.append(
                    try grant(
                        resource, principal: group,
                        options: [.expandable([members], resourceTypeIDs: [JiraResourceTypes.user.id])]))
            default:
                // Other actor kinds (e.g. atlassian-role-actor-anyone) have no principal to grant to.
                continue
            }
        }
        return Page(grants)
    }

    private func grant(_ role: Resource, principal: ResourceID, options: [GrantOption] = []) throws -> Grant {
        try Grant.make(resource: role, entitlementName: Self.assigned, principal: principal, options: options)
    }

    // MARK: Provisioning

    private func actor(_ principal: ResourceID) throws -> JiraClient.Actor {
        switch principal.resourceType {
        case JiraResourceTypes.user.id: return .user(principal.resource)
        case JiraResourceTypes.group.id: return .group(principal.resource)
        default:
            throw BatonError(
                .invalidArgument,
                "jira: a project role can only be granted to a user or a group, not a \(principal.resourceType)")
        }
    }

    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let (projectID, roleID) = try Self.ids(entitlement.resource.id.resource)
        let added = try await context.client.addRoleActor(
            projectID: projectID, roleID: roleID, try actor(principal.id))
        guard added else { return try .alreadyExists() }
        return ProvisionResult(grants: [try Grant.make(entitlement: entitlement, principal: principal)])
    }

    func revoke(_ grant: Grant) async throws -> Annotations {
        let (projectID, roleID) = try Self.ids(grant.entitlement.resource.id.resource)
        let removed = try await context.client.removeRoleActor(
            projectID: projectID, roleID: roleID, try actor(grant.principal.id))
        return removed ? [] : try .alreadyRevoked()
    }
}
