import BatonSDK
import Foundation

/// `--filter-email-domains`: a user passes when their email, second email or login ends with
/// `@<domain>` (case-insensitive). No domains lets everyone pass.
struct EmailDomainFilter: Sendable {
    let suffixes: [String]

    init(_ domains: [String]) {
        suffixes = domains.compactMap { domain in
            let trimmed = domain.trimmingCharacters(in: .whitespaces).lowercased()
            let bare = trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed
            return bare.isEmpty ? nil : "@" + bare
        }
    }

    var isActive: Bool { !suffixes.isEmpty }

    func allows(_ addresses: [String?]) -> Bool {
        guard isActive else { return true }
        return addresses.contains { address in
            guard let address = address?.lowercased() else { return false }
            return suffixes.contains { address.hasSuffix($0) }
        }
    }

    func allows(_ user: OktaUser) -> Bool {
        allows([user.email, user.secondEmail, user.login])
    }
}

/// Users: every Okta user, DEPROVISIONED ones included, with their whole profile. Users hold
/// entitlements of other resources but offer none themselves (`SkipEntitlementsAndGrants`).
struct UserSyncer: ResourceTargetedSyncer, AccountManager, ResourceDeleter {
    let context: OktaContext
    var resourceType: ResourceType { OktaResourceTypes.user }

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        var bag = try PaginationBag(token: request.pageToken)
        if bag.current == nil { bag.push(.init(resourceTypeID: resourceType.id)) }
        let (users, next) = try await context.client.usersPage(bag: &bag)
        let resources = try users.filter(context.emailFilter.allows).map { try resource($0) }
        return Page(resources, nextPageToken: next)
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        guard let user = try await context.client.user(id.resource), context.emailFilter.allows(user) else {
            return nil
        }
        return try resource(user)
    }

    // MARK: Accounts

    /// Okta emails new users an activation link, so no password ever passes through the connector.
    var accountCreationDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning { .noPassword }

    /// Creates an active user from the login, the primary email and the profile's names
    /// (`firstName`/`lastName`, or `first_name`/`last_name`); an existing login is "already exists".
    func createAccount(_ info: C1_Connector_V2_AccountInfo, credentials: C1_Connector_V2_LocalCredentialOptions)
        async throws -> AccountCreationResult
    {
        func field(_ keys: String...) -> String? {
            keys.lazy.compactMap { key -> String? in
                guard case .stringValue(let text) = info.profile.fields[key]?.kind, !text.isEmpty else { return nil }
                return text
            }.first
        }
        let email = info.primaryEmail ?? field("email")
        guard let email, !email.isEmpty else {
            throw BatonError(.invalidArgument, "okta: a new account needs an email address")
        }
        let login = info.login.isEmpty ? field("login") ?? email : info.login
        guard let first = field("firstName", "first_name", "given_name"),
            let last = field("lastName", "last_name", "family_name")
        else {
            throw BatonError(.invalidArgument, "okta: a new account needs firstName and lastName in its profile")
        }
        let profile = ["login": login, "email": email, "firstName": first, "lastName": last]
        if let user = try await context.client.createUser(profile: profile) {
            return .created(try resource(user))
        }
        guard let existing = try await context.client.user(login) else {
            throw BatonError(.alreadyExists, "okta: the login \(login) is taken but its user cannot be read")
        }
        return .alreadyExists(try resource(existing))
    }

    /// Deletes the user for good: Okta deactivates on the first DELETE and deletes on the second.
    func delete(_ id: ResourceID, parent: ResourceID?) async throws -> Annotations {
        guard let user = try await context.client.user(id.resource) else {
            throw BatonError(.notFound, "okta: user \(id.resource) not found")
        }
        if user.status != "DEPROVISIONED" { try await context.client.deleteUser(user.id) }
        try await context.client.deleteUser(user.id)
        return []
    }

    /// The reference's status mapping.
    static func status(_ okta: String?) -> C1_Connector_V2_UserTrait.Status.Status {
        switch okta {
        case "ACTIVE", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT": .enabled
        case "STAGED", "SUSPENDED", "DEPROVISIONED": .disabled
        default: .unspecified
        }
    }

    /// Profile keys that hold an employee id, in the order they are reported.
    static let employeeIDKeys = ["employeeNumber", "employeeId", "employeeID", "employee_number", "employee_id"]

    func resource(_ user: OktaUser) throws -> Resource {
        let skipSecond = context.settings.skipSecondaryEmails
        var profile = user.profile.filter { !(skipSecond && $0.key == "secondEmail") }.mapValues(\.protobufValue)
        profile["c1_okta_raw_user_status"] = Google_Protobuf_Value(stringValue: user.status ?? "")

        let first = user.profileString("firstName") ?? ""
        let last = user.profileString("lastName") ?? ""
        let fullName = "\(first) \(last)".trimmingCharacters(in: .whitespaces)
        let name = user.profileString("displayName") ?? (fullName.isEmpty ? user.login ?? user.id : fullName)

        var traits: [UserTraitOption] = [
            .email(user.email ?? "", primary: true),
            .status(Self.status(user.status)),
            .profile(profile),
            .employeeIDs(Self.employeeIDKeys.compactMap { user.profileString($0) }),
        ]
        if !skipSecond, let second = user.secondEmail { traits.append(.email(second)) }
        if let login = user.login {
            let local = login.split(separator: "@", maxSplits: 1).first.map(String.init) ?? login
            traits.append(.login(login, aliases: local == login ? [] : [local]))
        }
        if !first.isEmpty || !last.isEmpty { traits.append(.name(given: first, family: last)) }
        if let created = OktaTime.parse(user.created) { traits.append(.createdAt(created)) }
        if let lastLogin = OktaTime.parse(user.lastLogin) { traits.append(.lastLogin(lastLogin)) }

        var rawID = C1_Connector_V2_RawId()
        rawID.id = user.id
        return try Resource.user(
            name: name, type: resourceType, id: user.id, traits: traits,
            options: [.annotations(V1Identifier(user.id), rawID)])
    }
}
