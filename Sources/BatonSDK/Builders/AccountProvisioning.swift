extension C1_Connector_V2_CredentialDetailsAccountProvisioning {
    /// Accounts created without a password: the service emails the user an activation link or an invitation.
    ///
    /// ```swift
    /// var accountCreationDetails: C1_Connector_V2_CredentialDetailsAccountProvisioning { .noPassword }
    /// ```
    public static var noPassword: Self {
        var details = Self()
        details.supportedCredentialOptions = [.noPassword]
        details.preferredCredentialOption = .noPassword
        return details
    }
}

extension C1_Connector_V2_AccountInfo {
    /// The email marked primary, else the first one; nil when the account info has none.
    public var primaryEmail: String? {
        emails.first(where: \.isPrimary)?.address ?? emails.first?.address
    }
}
