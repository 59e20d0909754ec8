import BatonSDK
import Foundation

/// Apps: an `access` entitlement held by groups and users. Okta's app user list already holds the
/// users assigned through a group (`scope: GROUP`), so group grants are not expandable: expanding
/// them would only repeat those users.
struct AppSyncer: ResourceProvisioner, ResourceTargetedSyncer {
    let context: OktaContext
    var resourceType: ResourceType { OktaResourceTypes.app }
    static let access = "access"

    private enum Phase {
        static let groups = "group"
        static let users = "user"
    }

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil { bag.push(.init(resourceTypeID: resourceType.id)) }
        let (apps, next) = try await context.client.appsPage(
            activeOnly: !context.settings.syncInactiveApps, bag: &bag)
        return Page(try apps.map(resource), nextPageToken: next)
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        guard let app = try await context.client.app(id.resource),
            context.settings.syncInactiveApps || app.status == "ACTIVE"
        else { return nil }
        return try resource(app)
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        try OktaEntitlement.page(
            resource, slug: Self.access, grantableTo: [OktaResourceTypes.user, OktaResourceTypes.group],
            displayName: "\(resource.displayName) App Access",
            description: "Has access to the \(resource.displayName) app in Okta",
            v1: "membership:\(resource.id.resource)")
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let appID = resource.id.resource
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil {
            bag.push(.init(resourceTypeID: Phase.users, resourceID: appID))
            bag.push(.init(resourceTypeID: Phase.groups, resourceID: appID))
        }
        if bag.resourceTypeID == Phase.groups {
            let (groups, next) = try await context.client.appGroupsPage(appID, bag: &bag)
            let grants = try groups.map {
                try grant(resource, principal: ResourceID(OktaResourceTypes.group.id, $0.id))
            }
            return Page(grants, nextPageToken: next)
        }
        let (users, next) = try await context.client.appUsersPage(appID, bag: &bag)
        var grants: [Grant] = []
        for user in users {
            guard try await allows(user, syncID: request.syncID) else { continue }
            grants.append(try grant(resource, principal: ResourceID(OktaResourceTypes.user.id, user.id)))
        }
        return Page(grants, nextPageToken: next)
    }

    /// The email filter for an app user: the app profile's email and user name first, the Okta user after.
    private func allows(_ user: OktaAppUser, syncID: String) async throws -> Bool {
        let filter = context.emailFilter
        guard filter.isActive else { return true }
        if filter.allows([user.profile?["email"]?.stringValue, user.credentials?.userName]) { return true }
        return try await context.passesEmailFilter(userID: user.id, syncID: syncID)
    }

    private func grant(_ app: Resource, principal: ResourceID) throws -> Grant {
        try Grant.make(
            resource: app, entitlementName: Self.access, principal: principal,
            options: [.annotations(V1Identifier.grant("membership:\(app.id.resource)", principal: principal.resource))])
    }

    // MARK: Provisioning

    func grant(_ entitlement: Entitlement, to principal: Resource) async throws -> ProvisionResult {
        let appID = entitlement.resource.id.resource
        let client = context.client
        switch principal.id.resourceType {
        case OktaResourceTypes.user.id:
            let userID = principal.id.resource
            if try await client.appUser(appID: appID, userID: userID) != nil { return try .alreadyExists() }
            guard let user = try await client.user(userID) else {
                throw BatonError(.notFound, "okta: user \(userID) does not exist")
            }
            try await client.assignAppUser(appID: appID, userID: userID, userName: user.email ?? "unknown")
        case OktaResourceTypes.group.id:
            let groupID = principal.id.resource
            if try await client.appGroup(appID: appID, groupID: groupID) != nil { return try .alreadyExists() }
            try await client.assignAppGroup(appID: appID, groupID: groupID)
        default:
            throw BatonError(
                .invalidArgument,
                "okta: app access can only be granted to a user or a group, not a \(principal.id.resourceType)")
        }
        return ProvisionResult(grants: [try grant(entitlement.resource, principal: principal.id)])
    }

    func revoke(_ grant: Grant) async throws -> Annotations {
        let appID = grant.entitlement.resource.id.resource
        let principalID = grant.principal.id.resource
        let client = context.client
        switch grant.principal.id.resourceType {
        case OktaResourceTypes.user.id:
            guard try await client.appUser(appID: appID, userID: principalID) != nil else {
                return try .alreadyRevoked()
            }
            try await client.removeAppUser(appID: appID, userID: principalID)
        case OktaResourceTypes.group.id:
            guard try await client.appGroup(appID: appID, groupID: principalID) != nil else {
                return try .alreadyRevoked()
            }
            try await client.removeAppGroup(appID: appID, groupID: principalID)
        default:
            throw BatonError(
                .invalidArgument,
                "okta: app access can only be revoked from a user or a group, not a \(grant.principal.id.resourceType)")
        }
        return []
    }

    // MARK: Records

    func resource(_ app: OktaApp) throws -> Resource {
        let status = app.status ?? ""
        var rawID = C1_Connector_V2_RawId()
        rawID.id = app.id
        var flags: [C1_Connector_V2_AppTrait.AppFlag] = []
        if status == "INACTIVE" { flags.append(.inactive) }
        switch app.signOnMode {
        case "SAML_2_0", "SAML_1_1": flags.append(.saml)
        case "OPENID_CONNECT": flags.append(.oidc)
        case "BOOKMARK": flags.append(.bookmark)
        default: break
        }
        return try Resource.app(
            name: app.label ?? app.name ?? app.id, type: resourceType, id: app.id,
            traits: [.profile(["status": .init(stringValue: status)]), .flags(flags)],
            options: [.annotations(V1Identifier(app.id), rawID)])
    }
}
