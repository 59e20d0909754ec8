import BatonConfig
import BatonSDK
import BatonStore
import Foundation

extension CommandSession {
    /// `--grant-entitlement E --grant-principal P --grant-principal-type T`: grants E to P, both read from the c1z
    /// at `--file` as the reference does.
    func grant() async throws {
        let entitlementID = config.string("grant-entitlement")
        let principalType = config.string("grant-principal-type")
        let principalID = config.string("grant-principal")
        guard !principalType.isEmpty else {
            throw CommandError.usage("--grant-principal-type is required with --grant-entitlement")
        }
        let (entitlement, principal) = try withSyncedFile { store, syncID, file in
            guard let entitlement = try store.entitlement(id: entitlementID, syncID: syncID) else {
                throw CommandError.failure(
                    "entitlement '\(entitlementID)' is not in \(file): run a sync first, or check the id")
            }
            guard let principal = try store.resource(id: ResourceID(principalType, principalID), syncID: syncID)
            else {
                throw CommandError.failure(
                    "principal \(principalType) '\(principalID)' is not in \(file): run a sync first, or check the id")
            }
            return (entitlement, principal)
        }
        let result = try await withConnector { runtime in try await runtime.grant(entitlement, to: principal) }
        let what = "\(entitlementID) to \(principalType) \(principalID)"
        if result.annotations.contains(C1_Connector_V2_GrantAlreadyExists.self) {
            stdout.write("grant already exists: \(what)\n")
        } else {
            let ids = result.grants.map(\.id).joined(separator: ", ")
            stdout.write("granted \(what)" + (ids.isEmpty ? "" : " (\(ids))") + "\n")
        }
    }

    /// `--revoke-grant G`: revokes G, whose entitlement and principal are read from the c1z at `--file`.
    func revoke() async throws {
        let grantID = config.string("revoke-grant")
        let grant = try withSyncedFile { store, syncID, file in
            guard var grant = try store.grant(id: grantID, syncID: syncID) else {
                throw CommandError.failure("grant '\(grantID)' is not in \(file): run a sync first, or check the id")
            }
            if let entitlement = try store.entitlement(id: grant.entitlement.id, syncID: syncID) {
                grant.entitlement = entitlement
            }
            if let principal = try store.resource(id: grant.principal.id, syncID: syncID) {
                grant.principal = principal
            }
            return grant
        }
        let annotations = try await withConnector { runtime in try await runtime.revoke(grant) }
        if annotations.contains(C1_Connector_V2_GrantAlreadyRevoked.self) {
            stdout.write("grant already revoked: \(grantID)\n")
        } else {
            stdout.write("revoked \(grantID)\n")
        }
    }

    /// `--create-account-login/-email/-profile`: creates an account; the profile JSON object gets the login and
    /// email merged in.
    func createAccount() async throws {
        let login = config.string("create-account-login")
        let email = config.string("create-account-email")
        var info = C1_Connector_V2_AccountInfo()
        info.login = login
        if !email.isEmpty {
            var address = C1_Connector_V2_AccountInfo.Email()
            address.address = email
            address.isPrimary = true
            info.emails = [address]
        }
        var profile = try accountProfile()
        if !login.isEmpty { profile.fields["login"] = Google_Protobuf_Value(stringValue: login) }
        if !email.isEmpty { profile.fields["email"] = Google_Protobuf_Value(stringValue: email) }
        info.profile = profile
        var credentials = C1_Connector_V2_LocalCredentialOptions()
        credentials.noPassword = .init()
        let typeID = config.string("create-account-resource-type")

        let result = try await withConnector { runtime in
            try await runtime.createAccount(info, credentials: credentials, typeID: typeID)
        }
        switch result {
        case .created(let resource):
            stdout.write("created account \(describe(resource))\n")
        case .alreadyExists(let resource):
            stdout.write("account already exists: \(describe(resource))\n")
        case .actionRequired(let resource, let message):
            stdout.write("account needs action: \(message)" + (resource.map { " (\(describe($0)))" } ?? "") + "\n")
        case .inProgress(let resource):
            stdout.write("account creation in progress" + (resource.map { ": \(describe($0))" } ?? "") + "\n")
        }
    }

    /// `--delete-resource R --delete-resource-type T`.
    func deleteResource() async throws {
        let id = ResourceID(config.string("delete-resource-type"), config.string("delete-resource"))
        guard !id.resourceType.isEmpty else {
            throw CommandError.usage("--delete-resource-type is required with --delete-resource")
        }
        _ = try await withConnector { runtime in try await runtime.deleteResource(id, parent: nil) }
        stdout.write("deleted \(id.resourceType) \(id.resource)\n")
    }

    // MARK: Helpers

    /// Opens the c1z at `--file` and runs `body` with its latest finished sync (preferring a full one).
    private func withSyncedFile<T>(_ body: (C1ZStore, String, String) throws -> T) throws -> T {
        let given = config.string("file")
        let path = invocation.absolutePath(given)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandError.failure("\(given) does not exist: run a sync first (\(name) -f \(given))")
        }
        let temporary = config.string("c1z-temp-dir")
        let options = C1ZReadOptions(
            temporaryDirectory: temporary.isEmpty ? invocation.environment["BATON_TMPDIR"] : temporary)
        let store = try C1ZStore.open(c1z: path, options: options)
        defer { try? store.close() }
        let syncID: String
        do {
            syncID = try store.resolveSyncID()
        } catch let error as C1ZError where error.code == .noSync {
            throw CommandError.failure("\(given) holds no sync: run a sync first (\(name) -f \(given))")
        }
        return try body(store, syncID, given)
    }

    /// `--create-account-profile` as a protobuf Struct (empty when not given).
    private func accountProfile() throws(CommandError) -> Google_Protobuf_Struct {
        let text = config.string("create-account-profile")
        guard !text.isEmpty else { return Google_Protobuf_Struct() }
        do {
            return try Google_Protobuf_Struct(jsonString: text)
        } catch {
            throw .usage("invalid --create-account-profile: expected a JSON object")
        }
    }

    private func describe(_ resource: Resource) -> String {
        let name = resource.displayName.isEmpty ? "" : " (\(resource.displayName))"
        return "\(resource.id.resourceType) \(resource.id.resource)\(name)"
    }
}
