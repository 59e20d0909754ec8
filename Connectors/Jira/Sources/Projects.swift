import BatonSDK
import Foundation

/// Projects: `lead` (the project lead) and, unless `--skip-project-participants`, `participate` (every
/// user who may browse the project's issues). Neither is provisionable. `--jira-project-keys` limits the
/// projects listed here and the project roles listed by ``ProjectRoleSyncer``.
struct ProjectSyncer: ResourceSyncer {
    let context: JiraContext
    var resourceType: ResourceType { JiraResourceTypes.project }
    static let lead = "lead"
    static let participate = "participate"

    /// The grant phases, stored as the resource type of the bag's states.
    private enum Phase {
        static let lead = "lead"
        static let participants = "participants"
    }

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        let startAt = try OffsetPaging.offset(request.pageToken)
        let page = try await context.client.projects(startAt: startAt, keys: context.settings.projectKeys)
        let next = OffsetPaging.nextToken(
            offset: startAt, received: page.values.count, isLast: page.isLast, total: page.total)
        return Page(try page.values.filter(context.keeps).map(Self.resource), nextPageToken: next)
    }

    static func resource(_ project: JiraProjectSummary) throws -> Resource {
        try Resource.make(
            name: project.name, type: JiraResourceTypes.project, id: project.id,
            options: [
                ResourceOption {
                    $0.profile = ["key": .init(stringValue: project.key), "name": .init(stringValue: project.name)]
                }
            ])
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        let name = resource.displayName
        var entitlements = [
            try JiraEntitlement.assignment(
                resource, slug: Self.lead, grantableTo: [JiraResourceTypes.user],
                displayName: "\(name) project lead", description: "Leading \(name) project")
        ]
        if !context.settings.skipProjectParticipants {
            entitlements.append(
                try JiraEntitlement.assignment(
                    resource, slug: Self.participate, grantableTo: [JiraResourceTypes.user],
                    displayName: "\(name) project participate", description: "Participating on \(name) project"))
        }
        return Page(entitlements)
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil {
            if !context.settings.skipProjectParticipants { bag.push(.init(resourceTypeID: Phase.participants)) }
            bag.push(.init(resourceTypeID: Phase.lead))
        }
        if bag.resourceTypeID == Phase.lead {
            var grants: [Grant] = []
            if let lead = try await context.client.project(resource.id.resource)?.lead?.accountId {
                grants.append(try grant(resource, Self.lead, lead))
            }
            return Page(grants, nextPageToken: try bag.nextToken(""))
        }
        let key = resource.profile.fields["key"]?.stringValue ?? resource.id.resource
        let startAt = try bag.currentOffset()
        let viewers = try await context.client.projectViewers(projectKey: key, startAt: startAt)
        let grants = try viewers.filter(context.keeps).map { try grant(resource, Self.participate, $0.accountId) }
        return Page(grants, nextPageToken: try bag.nextToken(offset: startAt, received: viewers.count))
    }

    private func grant(_ project: Resource, _ slug: String, _ accountID: String) throws -> Grant {
        try Grant.make(
            resource: project, entitlementName: slug, principal: JiraResourceTypes.user.resourceID(accountID))
    }
}
