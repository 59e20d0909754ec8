import BatonSDK
import Foundation

/// Users: every Jira account (active or not; people, apps and, unless `--skip-customer-user`, service
/// desk customers). Users hold entitlements of other resources but offer none themselves. New accounts
/// are created by email, with the product access asked for.
struct UserSyncer: AccountManager {
    let context: JiraContext
    var resourceType: ResourceType { JiraResourceTypes.user }

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        let startAt = try OffsetPaging.offset(request.pageToken)
        let users = try await context.client.users(startAt: startAt)
        // `/users/search` is a bare array: only an empty page says the list is over.
        let next = OffsetPaging.nextToken(offset: startAt, received: users.count)
        return Page(try users.filter(context.keeps).map(Self.resource), nextPageToken: next)
    }

    /// The reference's user record: status from `active`, apps as service accounts, the display name
    /// split into first and last name.
    static func resource(_ user: JiraUser) throws -> Resource {
        let name = user.displayName ?? user.accountId
        let words = name.split(separator: " ").map(String.init)
        var profile: Profile = [
            "login": .init(stringValue: user.emailAddress ?? ""),
            "first_name": .init(stringValue: words.first ?? ""),
            "last_name": .init(stringValue: words.count > 1 ? words[1] : ""),
            "user_id": .init(stringValue: user.accountId),
        ]
        if let type = user.accountType { profile["account_type"] = .init(stringValue: type) }
        var traits: [UserTraitOption] = [
            .status(user.active == true ? .enabled : .disabled),
            .accountType(user.accountType == "app" ? .service : .human),
            .profile(profile),
        ]
        if let email = user.emailAddress, !email.isEmpty {
            traits.append(.email(email, primary: true))
            traits.append(.login(email))
        }
        return try Resource.user(name: name, type: JiraResourceTypes.user, id: user.accountId, traits: traits)
    }

    // MARK: Account creation

    var accountCreationDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning { .noPassword }

    /// `POST /rest/api/2/user` with the profile's `email` (or the primary email) and `products` (a list or a
    /// comma-separated string; empty means no product access). An existing account is looked up by email.
    func createAccount(_ info: C1_Connector_V2_AccountInfo, credentials: C1_Connector_V2_LocalCredentialOptions)
        async throws -> AccountCreationResult
    {
        let fields = info.profile.fields
        let email =
            fields["email"]?.stringValue.nonEmpty ?? info.primaryEmail
        guard let email, email.contains("@") else {
            throw BatonError(.invalidArgument, "jira: creating an account needs an email (profile field \"email\")")
        }
        let products: [String] =
            if let list = fields["products"]?.listValue.values, !list.isEmpty {
                list.map(\.stringValue).filter { !$0.isEmpty }
            } else {
                (fields["products"]?.stringValue ?? "").split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty }
            }
        if let user = try await context.client.createUser(email: email, products: products) {
            return .created(try Self.resource(user))
        }
        let existing = try await context.client.searchUsers(email).first {
            $0.emailAddress?.lowercased() == email.lowercased()
        }
        guard let existing else {
            throw BatonError(.alreadyExists, "jira: an account with email \(email) exists but cannot be read")
        }
        return .alreadyExists(try Self.resource(existing))
    }
}

extension String {
    /// nil for the empty string.
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
