import BatonSDK

/// The resource types of the reference connector that this one syncs, with the same ids, traits and
/// `V1Identifier` annotations.
enum GitHubResourceTypes {
    static let org = make("org", "Org", nil)
    static let team = make("team", "Team", .group)
    static let repository = make("repository", "Repository", nil)
    static let user = make("user", "User", .user, extra: [C1_Connector_V2_SkipEntitlementsAndGrants()])
    static let orgRole = make("org_role", "Organization Role", .role)
    static let invitation = make(
        "invitation", "Invitation", .user, extra: [C1_Connector_V2_SkipEntitlementsAndGrants()])

    /// The types listed under each org, in the order the reference declares them.
    static let orgChildren = [user, team, repository, orgRole, invitation]

    private static func make(
        _ id: String, _ name: String, _ trait: ResourceType.Trait?, extra: [any SwiftProtobuf.Message] = []
    ) -> ResourceType {
        .declared(
            id: id, displayName: name, traits: trait.map { [$0] } ?? [], annotations: [V1Identifier(id)] + extra)
    }
}

/// Entitlement builders shared by the syncers.
enum GitHubEntitlements {
    /// An entitlement `slug` of `resource` with the reference's texts and `V1Identifier`.
    static func make(
        _ resource: Resource, slug: String, assignment: Bool = false, grantableTo types: [ResourceType],
        displayName: String, description: String, v1: String
    ) throws -> Entitlement {
        let options: [EntitlementOption] = [
            .grantableTo(types), .displayName(displayName), .description(description), .annotations(V1Identifier(v1)),
        ]
        return assignment
            ? try Entitlement.assignment(resource: resource, name: slug, options: options)
            : try Entitlement.permission(resource: resource, name: slug, options: options)
    }

    /// The grant a team holds through its members: expandable to the team's `maintainer` and `member`
    /// entitlements, shallow (members inherit, nested expansions do not chain).
    static func teamExpansion(teamID: String) -> GrantOption {
        let team = ResourceID(GitHubResourceTypes.team.id, teamID)
        return .expandable(
            [
                BatonID.entitlementID(resource: team, slug: TeamSyncer.maintainer),
                BatonID.entitlementID(resource: team, slug: TeamSyncer.member),
            ], shallow: true)
    }
}
