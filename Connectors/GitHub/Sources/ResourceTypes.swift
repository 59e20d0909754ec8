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
        var type = ResourceType()
        type.id = id
        type.displayName = name
        type.traits = trait.map { [$0] } ?? []
        // Deterministic packing of fixed messages cannot fail; an empty list would only lose annotations.
        type.annotations = (try? Annotations(([GitHubV1.identifier(id)] as [any SwiftProtobuf.Message]) + extra)) ?? []
        return type
    }
}

/// The reference's `V1Identifier` annotations (`org:123`, `team:42:role:member`, `grant:…`), so
/// records match those of the Go connector's older versions.
enum GitHubV1 {
    static func identifier(_ id: String) -> C1_Connector_V2_V1Identifier {
        var v1 = C1_Connector_V2_V1Identifier()
        v1.id = id
        return v1
    }

    static func grantID(_ entitlementV1: String, principal: String) -> C1_Connector_V2_V1Identifier {
        identifier("grant:\(entitlementV1):\(principal)")
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
            EntitlementOption { $0.grantableTo = types }, .displayName(displayName), .description(description),
        ]
        var entitlement =
            assignment
            ? try Entitlement.assignment(resource: resource, name: slug, options: options)
            : try Entitlement.permission(resource: resource, name: slug, options: options)
        entitlement.annotations += try Annotations([GitHubV1.identifier(v1)])
        return entitlement
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
