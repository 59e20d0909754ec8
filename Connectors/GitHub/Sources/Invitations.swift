import BatonSDK
import Foundation

/// Pending org invitations, as users that cannot hold anything yet. Accounts are created by inviting
/// an email address to an org; an invitation can be cancelled (resource delete).
struct InvitationSyncer: ResourceTargetedSyncer, AccountManager, ResourceDeleter {
    let context: GitHubContext
    var resourceType: ResourceType { GitHubResourceTypes.invitation }

    /// A 404 (no access to invitations) lists none, as the reference does.
    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        guard let parent, parent.resourceType == GitHubResourceTypes.org.id else { return Page() }
        let org = try await context.orgLogin(parent.resource)
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil { bag.push(.init(resourceTypeID: resourceType.id)) }
        do {
            let (invitations, next) = try await context.client.invitationsPage(org: org, bag: &bag)
            return Page(try invitations.map { try resource($0, orgID: parent.resource) }, nextPageToken: next)
        } catch let error as BatonError where error.code == .notFound {
            return Page()
        }
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        guard let parent else { return nil }
        let org = try await context.orgLogin(parent.resource)
        var bag = PaginationBag()
        var loopGuard = PageLoopGuard<String>()
        bag.push(.init(resourceTypeID: resourceType.id))
        repeat {
            let (invitations, next) = try await context.client.invitationsPage(org: org, bag: &bag)
            try loopGuard.admit(
                org, itemIDs: invitations.map { String($0.id) }, next: next, what: "github: list invitations of \(org)")
            if let match = invitations.first(where: { String($0.id) == id.resource }) {
                return try resource(match, orgID: parent.resource)
            }
            bag = try PaginationBag(token: next)
        } while bag.current != nil
        return nil
    }

    func resource(_ invitation: GitHubInvitationRecord, orgID: String) throws -> Resource {
        let login = invitation.login.flatMap { $0.isEmpty ? nil : $0 }
        var traits: [UserTraitOption] = [
            .status(.unspecified),
            .profile([
                "login": .init(stringValue: login ?? ""),
                "inviter": .init(stringValue: invitation.inviter?.login ?? ""),
                "email": .init(stringValue: invitation.email ?? ""), "role": .init(stringValue: invitation.role ?? ""),
            ]),
        ]
        if let email = invitation.email { traits.append(.email(email, primary: true)) }
        if let login { traits.append(.login(login)) }
        return try Resource.user(
            name: login ?? invitation.email ?? String(invitation.id), type: resourceType, id: String(invitation.id),
            traits: traits,
            options: [
                .parent(ResourceID(GitHubResourceTypes.org.id, orgID)),
                .annotations(V1Identifier("invitation:\(invitation.id)")),
            ])
    }

    // MARK: Account creation

    var accountCreationDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning { .noPassword }

    /// Invites `email` to `org` (both from the account profile); the user must accept the invitation.
    func createAccount(_ info: C1_Connector_V2_AccountInfo, credentials: C1_Connector_V2_LocalCredentialOptions)
        async throws -> AccountCreationResult
    {
        let fields = info.profile.fields
        let email =
            fields["email"]?.stringValue ?? info.primaryEmail
        guard let email, email.contains("@") else {
            throw BatonError(.invalidArgument, "github: an account needs an email address (profile field \"email\")")
        }
        guard let org = fields["org"]?.stringValue ?? context.configuredOrgs.first, !org.isEmpty else {
            throw BatonError(.invalidArgument, "github: an account needs an organization (profile field \"org\")")
        }
        guard let organization = try await context.client.organization(login: org) else {
            throw BatonError(.notFound, "github: organization \(org) not found")
        }
        let invitation = try await context.client.invite(org: org, email: email, role: "direct_member")
        return .actionRequired(
            try resource(invitation, orgID: String(organization.id)),
            message: "GitHub sent an invitation to \(email); the account joins \(org) once it is accepted")
    }

    /// Cancels the invitation in every synced org; succeeds when one org had it.
    func delete(_ id: ResourceID, parent: ResourceID?) async throws -> Annotations {
        var orgs: [String] = []
        if let parent { orgs = [try await context.orgLogin(parent.resource)] }
        if orgs.isEmpty { orgs = context.configuredOrgs }
        if orgs.isEmpty { orgs = try await OrgSyncer(context: context).adminOrgs().map(\.login) }
        for org in orgs where try await context.client.cancelInvitation(org: org, id: id.resource) {
            return []
        }
        throw BatonError(.notFound, "github: invitation \(id.resource) not found")
    }
}
