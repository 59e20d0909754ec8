import BatonSDK
import Foundation
import Logging

/// Users of each org: its members, then its outside collaborators. Each account is read once more
/// (`/user/{id}`) for name, email and 2FA; an account deleted since the list was served is a warning
/// and keeps the list's details. Users hold entitlements but offer none.
struct UserSyncer: ResourceDeleter, ResourceTargetedSyncer {
    let context: GitHubContext
    var resourceType: ResourceType { GitHubResourceTypes.user }

    private enum Phase {
        static let members = "member"
        static let outside = "outside"
    }

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        guard let parent, parent.resourceType == GitHubResourceTypes.org.id else { return Page() }
        let org = try await context.orgLogin(parent.resource)
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil {
            bag.push(.init(resourceTypeID: Phase.outside))
            bag.push(.init(resourceTypeID: Phase.members))
        }
        let phase = bag.resourceTypeID
        let accounts: [GitHubAccount]
        let next: String
        if phase == Phase.members {
            (accounts, next) = try await context.client.membersPage(org: org, role: "all", bag: &bag)
        } else {
            do {
                (accounts, next) = try await context.client.outsideCollaboratorsPage(org: org, bag: &bag)
            } catch let error as BatonError where error.code == .permissionDenied {
                context.logger.warning("github: skipping outside collaborators of \(org): \(error.message)")
                return Page()
            }
        }
        let detailed = try await details(accounts, org: org, syncID: request.syncID)
        return Page(
            try detailed.map { try resource($0, orgID: parent.resource, outside: phase == Phase.outside) },
            nextPageToken: next)
    }

    /// `/user/{id}` for every account of a page, a few at a time, in the page's order, with SAML emails
    /// when the org has SAML.
    private func details(_ accounts: [GitHubAccount], org: String, syncID: String) async throws
        -> [(GitHubAccount, [String])]
    {
        let client = context.client
        let saml = try await context.samlOrgs.value(for: org, syncID: syncID) { try await client.hasSAML(org: org) }
        let logger = context.logger
        return try await accounts.concurrentMap(width: context.settings.userDetailConcurrency) { summary in
            var account = summary
            if let full = try await client.user(id: String(summary.id)) {
                account = full
            } else {
                let what = "github: user \(summary.login) (\(summary.id)) was deleted during the sync"
                logger.warning("\(what); using the list's details")
            }
            let emails = saml ? try await client.samlEmails(org: org, login: summary.login) : []
            return (account, emails)
        }
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        guard let account = try await context.client.user(id: id.resource) else { return nil }
        return try resource((account, []), orgID: parent?.resource, outside: false)
    }

    func resource(_ entry: (GitHubAccount, [String]), orgID: String?, outside: Bool) throws -> Resource {
        let (account, samlEmails) = entry
        let name = account.name.flatMap { $0.isEmpty ? nil : $0 }
        let parts = (name ?? "").split(separator: " ", maxSplits: 1).map(String.init)
        let profile: Profile = [
            "first_name": .init(stringValue: parts.first ?? account.login),
            "last_name": .init(stringValue: parts.count > 1 ? parts[1] : ""),
            "login": .init(stringValue: account.login),
            "user_id": .init(stringValue: String(account.id)),
            "is_outside_collaborator": .init(boolValue: outside),
        ]
        var traits: [UserTraitOption] = [.profile(profile), .login(account.login), .status(.enabled)]
        let primary = account.email.flatMap { $0.isEmpty ? nil : $0 } ?? samlEmails.first
        if let primary { traits.append(.email(primary, primary: true)) }
        for email in samlEmails where email != primary { traits.append(.email(email)) }
        if let twoFactor = account.twoFactorAuthentication { traits.append(.mfa(enabled: twoFactor)) }
        if parts.count > 1 { traits.append(.name(given: parts[0], family: parts[1])) }
        var options: [ResourceOption] = [.annotations(V1Identifier(String(account.id)))]
        if let orgID { options.append(.parent(ResourceID(GitHubResourceTypes.org.id, orgID))) }
        if let url = account.htmlURL { options.append(.externalLink(url)) }
        return try Resource.user(
            name: name ?? account.login, type: resourceType, id: String(account.id), traits: traits, options: options)
    }

    /// Removes the account's membership from every synced org; succeeds when any org removed it.
    func delete(_ id: ResourceID, parent: ResourceID?) async throws -> Annotations {
        guard let account = try await context.client.user(id: id.resource) else {
            throw BatonError(.notFound, "github: user \(id.resource) not found")
        }
        var orgs = context.configuredOrgs
        if orgs.isEmpty { orgs = try await OrgSyncer(context: context).adminOrgs().map(\.login) }
        var removed = false
        for org in orgs where try await context.client.removeMembership(org: org, login: account.login) {
            removed = true
        }
        guard removed else {
            throw BatonError(.notFound, "github: user \(account.login) is not a member of any synced organization")
        }
        return []
    }
}
