public import Foundation

/// One change to a `UserTrait`, like the Go SDK's `UserTraitOption`s.
public struct UserTraitOption: Sendable {
    let apply: @Sendable (inout C1_Connector_V2_UserTrait) throws -> Void
    public init(_ apply: @escaping @Sendable (inout C1_Connector_V2_UserTrait) throws -> Void) { self.apply = apply }

    /// Adds an email address; empty addresses are skipped.
    public static func email(_ address: String, primary: Bool = false) -> Self {
        .init {
            guard !address.isEmpty else { return }
            var email = C1_Connector_V2_UserTrait.Email()
            email.address = address
            email.isPrimary = primary
            $0.emails.append(email)
        }
    }
    /// Sets the login and its aliases; an empty login is skipped.
    public static func login(_ login: String, aliases: [String] = []) -> Self {
        .init {
            guard !login.isEmpty else { return }
            $0.login = login
            $0.loginAliases = aliases
        }
    }
    /// Appends employee ids.
    public static func employeeIDs(_ ids: [String]) -> Self { .init { $0.employeeIds += ids } }
    /// Sets the user status (mirrored onto the resource's status).
    public static func status(_ status: C1_Connector_V2_UserTrait.Status.Status, details: String = "") -> Self {
        .init {
            var value = C1_Connector_V2_UserTrait.Status()
            value.status = status
            value.details = details
            $0.status = value
        }
    }
    /// Sets the account type (human, service, system).
    public static func accountType(_ type: C1_Connector_V2_UserTrait.AccountType) -> Self {
        .init { $0.accountType = type }
    }
    /// Sets the trait profile (mirrored onto the resource's profile).
    public static func profile(_ profile: Profile) -> Self {
        .init { $0.profile = Google_Protobuf_Struct(fields: profile) }
    }
    /// Sets when the account was created (mirrored onto the resource).
    public static func createdAt(_ date: Date) -> Self {
        .init { $0.createdAt = Google_Protobuf_Timestamp(date: date) }
    }
    /// Sets the last login time.
    public static func lastLogin(_ date: Date) -> Self {
        .init { $0.lastLogin = Google_Protobuf_Timestamp(date: date) }
    }
    /// Sets whether MFA is enabled.
    public static func mfa(enabled: Bool) -> Self {
        .init {
            var mfa = C1_Connector_V2_UserTrait.MFAStatus()
            mfa.mfaEnabled = enabled
            $0.mfaStatus = mfa
        }
    }
    /// Sets whether SSO is enabled.
    public static func sso(enabled: Bool) -> Self {
        .init {
            var sso = C1_Connector_V2_UserTrait.SSOStatus()
            sso.ssoEnabled = enabled
            $0.ssoStatus = sso
        }
    }
    /// Sets the structured name.
    public static func name(given: String, family: String, middle: [String] = []) -> Self {
        .init {
            var name = C1_Connector_V2_UserTrait.StructuredName()
            name.givenName = given
            name.familyName = family
            name.middleNames = middle
            $0.structuredName = name
        }
    }
}

/// One change to a `GroupTrait`.
public struct GroupTraitOption: Sendable {
    let apply: @Sendable (inout C1_Connector_V2_GroupTrait) throws -> Void
    public init(_ apply: @escaping @Sendable (inout C1_Connector_V2_GroupTrait) throws -> Void) { self.apply = apply }

    /// The reference's group source types.
    public enum SourceType: String, Sendable {
        case native, appImported = "app_imported", builtIn = "built_in", directorySynced = "directory_synced"
        case dynamic, distribution
    }

    /// Sets the group profile (mirrored onto the resource's profile).
    public static func profile(_ profile: Profile) -> Self {
        .init { $0.profile = Google_Protobuf_Struct(fields: profile) }
    }
    /// Sets the normalised source type.
    public static func sourceType(_ type: SourceType) -> Self { .init { $0.groupSourceType = type.rawValue } }
    /// Sets the service's own name for the source type (≤ 256 bytes).
    public static func rawSourceType(_ type: String) -> Self { .init { $0.rawGroupSourceType = type } }
}

/// One change to a `RoleTrait`.
public struct RoleTraitOption: Sendable {
    let apply: @Sendable (inout C1_Connector_V2_RoleTrait) throws -> Void
    public init(_ apply: @escaping @Sendable (inout C1_Connector_V2_RoleTrait) throws -> Void) { self.apply = apply }

    /// Sets the role profile (mirrored onto the resource's profile).
    public static func profile(_ profile: Profile) -> Self {
        .init { $0.profile = Google_Protobuf_Struct(fields: profile) }
    }
}

/// One change to an `AppTrait`.
public struct AppTraitOption: Sendable {
    let apply: @Sendable (inout C1_Connector_V2_AppTrait) throws -> Void
    public init(_ apply: @escaping @Sendable (inout C1_Connector_V2_AppTrait) throws -> Void) { self.apply = apply }

    /// Sets the app profile (mirrored onto the resource's profile).
    public static func profile(_ profile: Profile) -> Self {
        .init { $0.profile = Google_Protobuf_Struct(fields: profile) }
    }
    /// Sets the help URL; it must start with `https://`.
    public static func helpURL(_ url: String) -> Self {
        .init {
            guard url.isEmpty || url.hasPrefix("https://") else {
                throw BatonError(.invalidArgument, "app help url must start with https://")
            }
            $0.helpURL = url
        }
    }
    /// Adds flags (hidden, inactive, SAML, OIDC, bookmark).
    public static func flags(_ flags: [C1_Connector_V2_AppTrait.AppFlag]) -> Self { .init { $0.flags += flags } }
    /// Sets the normalised and the service's own source type.
    public static func sourceType(_ type: String, raw: String = "") -> Self {
        .init {
            $0.appSourceType = type
            $0.rawAppSourceType = raw
        }
    }
}
