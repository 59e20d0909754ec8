import BatonSDK
import Foundation

/// Groups: a `member` entitlement held by users (inactive members included), provisioned with
/// `POST`/`DELETE /rest/api/3/group/user`.
struct GroupSyncer: ResourceProvisioner {
    let context: JiraContext
    var resourceType: ResourceType { JiraResourceTypes.group }
    static let member = "member"

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        let startAt = try OffsetPaging.offset(request.pageToken)
        let page = try await context.client.groups(startAt: startAt)
        let next = OffsetPaging.nextToken(
            offset: startAt, received: page.values.count, isLast: page.isLast, total: page.total)
        return Page(try page.values.compactMap(resource), nextPageToken: next)
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        Page([
            try JiraEntitlement.assignment(
                resource, slug: Self.member, grantableTo: [JiraResourceTypes.user],
                displayName: "\(resource.displayName) group member",
                description: "Member of \(resource.displayName) group")
        ])
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let startAt = try OffsetPaging.offset(request.pageToken)
        let page = try await context.client.groupMembers(groupID: resource.id.resource, startAt: startAt)
        let next = OffsetPaging.nextToken(
            offset: startAt, received: page.values.count, isLast: page.isLast, total: page.total)
        let grants = try page.values.filter(context.keeps).map {
            try Grant.make(
                resource: resource, entitlementName: Self.member,
                principal: JiraResourceTypes.user.resourceID($0.accountId))
        }
        return Page(grants, nextPageToken: next)
    }

    /// The reference's group record: the id is the `groupId` (groups without one cannot be addressed).
    func resource(_ group: JiraGroup) throws -> Resource? {
        guard let groupID = group.groupId, !groupID.isEmpty else { return nil }
        return try Resource.group(
            name: group.name, type: resourceType, id: groupID,
            traits: [.profile(["id": .init(stringValue: groupID), "name": .init(stringValue: group.name)])])
    }

    // MARK: Provisioning

    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let accountID = try JiraProvisioning.userID(principal, what: "group membership")
        let groupID = entitlement.resource.id.resource
        guard try await context.client.addGroupMember(groupID: groupID, accountID: accountID) else {
            return try .alreadyExists()
        }
        return ProvisionResult(grants: [try Grant.make(entitlement: entitlement, principal: principal)])
    }

    func revoke(_ grant: Grant) async throws -> Annotations {
        let accountID = try JiraProvisioning.userID(grant.principal, what: "group membership")
        let groupID = grant.entitlement.resource.id.resource
        guard try await context.client.removeGroupMember(groupID: groupID, accountID: accountID) else {
            return try .alreadyRevoked()
        }
        return []
    }
}

/// Checks shared by the provisioners.
enum JiraProvisioning {
    /// The principal's account id.
    /// - Throws: `BatonError` `invalidArgument` when the principal is not a user.
    static func userID(_ principal: Resource, what: String) throws -> String {
        guard principal.id.resourceType == JiraResourceTypes.user.id else {
            throw BatonError(
                .invalidArgument, "jira: \(what) can only be granted to a user, not a \(principal.id.resourceType)")
        }
        return principal.id.resource
    }
}
