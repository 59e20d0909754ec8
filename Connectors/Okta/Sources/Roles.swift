import BatonSDK
import Foundation

/// Okta's standard admin roles: a fixed list, so listing them needs no API call.
enum OktaRoles {
    static let all: [(type: String, label: String)] = [
        ("API_ACCESS_MANAGEMENT_ADMIN", "API Access Management Administrator"),
        ("MOBILE_ADMIN", "Mobile Administrator"),
        ("ORG_ADMIN", "Organizational Administrator"),
        ("READ_ONLY_ADMIN", "Read-Only Administrator"),
        ("REPORT_ADMIN", "Report Administrator"),
        ("SUPER_ADMIN", "Super Administrator"),
        ("USER_ADMIN", "Group Administrator"),
        ("HELP_DESK_ADMIN", "Help Desk Administrator"),
        ("APP_ADMIN", "Application Administrator"),
        ("GROUP_MEMBERSHIP_ADMIN", "Group Membership Administrator"),
    ]

    static let byType: [String: String] = Dictionary(uniqueKeysWithValues: all.map { ($0.type, $0.label) })

    /// The role resource of `type` (its id is the role type).
    static func resource(type: String) throws -> Resource {
        let label = byType[type] ?? type
        return try Resource.role(
            name: label, type: OktaResourceTypes.role, id: type,
            traits: [
                .profile([
                    "id": .init(stringValue: type), "label": .init(stringValue: label),
                    "type": .init(stringValue: type),
                ])
            ],
            options: [.annotations(V1Identifier("role:\(type)"))])
    }
}

/// Roles: an `assigned` entitlement held by users directly and by groups, whose members inherit it.
/// Group holders are reported by the group syncer; this one reports the users.
struct RoleSyncer: ResourceProvisioner, ResourceTargetedSyncer {
    let context: OktaContext
    var resourceType: ResourceType { OktaResourceTypes.role }
    static let assigned = "assigned"

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        Page(try OktaRoles.all.map { try OktaRoles.resource(type: $0.type) })
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        OktaRoles.byType[id.resource] == nil ? nil : try OktaRoles.resource(type: id.resource)
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        try OktaEntitlement.page(
            resource, slug: Self.assigned, grantableTo: [OktaResourceTypes.user, OktaResourceTypes.group],
            displayName: "\(resource.displayName) Role Member",
            description: "Has the \(resource.displayName) role in Okta", v1: "role:\(resource.id.resource)")
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let type = resource.id.resource
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil { bag.push(.init(resourceTypeID: OktaResourceTypes.user.id)) }
        let (userIDs, next) = try await context.client.roleAssigneesPage(bag: &bag)
        var grants: [Grant] = []
        for userID in userIDs {
            let assignments = try await context.userRoles.value(for: userID, syncID: request.syncID) {
                try await context.client.roles(of: .users, userID)
            }
            let holds = assignments.contains { $0.isActive(assignedAs: "USER") && $0.type == type }
            guard holds, try await context.passesEmailFilter(userID: userID, syncID: request.syncID) else { continue }
            grants.append(try grant(resource, principal: ResourceID(OktaResourceTypes.user.id, userID)))
        }
        return Page(grants, nextPageToken: next)
    }

    private func grant(_ role: Resource, principal: ResourceID) throws -> Grant {
        try Grant.make(
            resource: role, entitlementName: Self.assigned, principal: principal,
            options: [.annotations(V1Identifier.grant("role:\(role.id.resource)", principal: principal.resource))])
    }

    // MARK: Provisioning

    /// Users and (beyond the reference, which rejects them) groups can be given a standard role.
    private func principalKind(_ principal: ResourceID) throws -> OktaClient.RolePrincipal {
        switch principal.resourceType {
        case OktaResourceTypes.user.id: return .users
        case OktaResourceTypes.group.id: return .groups
        default:
            throw BatonError(
                .invalidArgument,
                "okta: a role can only be granted to a user or a group, not a \(principal.resourceType)")
        }
    }

    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let type = entitlement.resource.id.resource
        guard OktaRoles.byType[type] != nil else {
            throw BatonError(.invalidArgument, "okta: \(type) is not a standard admin role")
        }
        let kind = try principalKind(principal.id)
        guard try await context.client.assignRole(type, to: kind, principal.id.resource) else {
            return try .alreadyExists()
        }
        return ProvisionResult(grants: [try grant(try OktaRoles.resource(type: type), principal: principal.id)])
    }

    func revoke(_ grant: Grant) async throws -> Annotations {
        let type = grant.entitlement.resource.id.resource
        let kind = try principalKind(grant.principal.id)
        let principalID = grant.principal.id.resource
        let assignments = try await context.client.roles(of: kind, principalID, fresh: true)
        let direct = kind == .users ? "USER" : "GROUP"
        guard
            let assignment = assignments.first(where: {
                $0.type == type && $0.status == "ACTIVE" && ($0.assignmentType ?? direct) == direct
            })
        else {
            return try .alreadyRevoked()
        }
        try await context.client.removeRole(assignmentID: assignment.id, from: kind, principalID)
        return []
    }
}
