import BatonSDK

/// Users: listed, fetched by id (targeted sync) and created (account provisioning).
struct UserSyncer: ResourceTargetedSyncer, AccountManager {
    let directory: DemoDirectory
    var resourceType: ResourceType { DemoResourceTypes.user }

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        let offset = try OffsetPaging.offset(request.pageToken)
        let page = directory.users(offset: offset, limit: DemoDirectory.pageSize)
        return Page(
            try page.items.map(resource),
            nextPageToken: OffsetPaging.nextToken(offset: offset, received: page.items.count, total: page.total))
    }

    func get(_ id: ResourceID, parent: ResourceID?) async throws -> Resource? {
        try directory.user(id: id.resource).map(resource)
    }

    var accountCreationDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning { .noPassword }

    func createAccount(_ info: C1_Connector_V2_AccountInfo, credentials: C1_Connector_V2_LocalCredentialOptions)
        async throws -> AccountCreationResult
    {
        guard let email = info.primaryEmail else {
            throw BatonError(.invalidArgument, "demo: an account needs an email address")
        }
        let name = info.login.isEmpty ? email : info.login
        let (user, created) = directory.createUser(name: name, email: email)
        return created ? .created(try resource(user)) : .alreadyExists(try resource(user))
    }

    private func resource(_ user: DemoDirectory.User) throws -> Resource {
        var traits: [UserTraitOption] = [
            .status(user.enabled ? .enabled : .disabled),
            .accountType(user.isService ? .service : .human),
            .profile(["user_id": .init(stringValue: user.id)]),
        ]
        if let email = user.email {
            traits.append(.email(email, primary: true))
            traits.append(.login(email))
        }
        return try Resource.user(name: user.name, type: resourceType, id: user.id, traits: traits)
    }
}
