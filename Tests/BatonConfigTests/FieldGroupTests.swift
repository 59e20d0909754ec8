import BatonConfig
import Testing

/// `--auth-method` selects a field group; only its fields are checked against their rules.
@Suite struct FieldGroupTests {
    let token = ConfigField.string("api-token").required().secret()
    let appID = ConfigField.string("app-id").required()
    let privateKey = ConfigField.fileUpload("app-private-key", allowedExtensions: [".pem"]).required()
    let organization = ConfigField.string("org").required()
    let schema: ConfigSchema

    init() throws {
        schema = try makeSchema(
            [token, appID, privateKey, organization],
            groups: [
                FieldGroup(name: "token", displayName: "Personal access token", fields: [token]),
                FieldGroup(name: "app", displayName: "GitHub App", fields: [appID, privateKey], isDefault: true),
            ])
    }

    @Test func defaultGroupIsSelectedWithoutAuthMethod() throws {
        let config = try resolve(schema, ["--org=acme"])
        #expect(try config.selectedFieldGroup()?.name == "app")
        #expect(
            configError { try config.validate() }?.message == """
                errors found:
                field app-id of type string is marked as required but it has a zero-value
                field app-private-key of type string is marked as required but it has a zero-value
                """)
    }

    @Test func onlyTheSelectedGroupIsValidated() throws {
        try resolve(schema, ["--auth-method=token", "--api-token=t", "--org=acme"]).validate()
        try resolve(schema, ["--org=acme", "--app-id=1", "--app-private-key=PEM"]).validate()
    }

    @Test func fieldsOutsideGroupsAreAlwaysValidated() throws {
        let error = configError { try resolve(schema, ["--auth-method", "token", "--api-token", "t"]).validate() }
        #expect(
            error?.message == "errors found:\nfield org of type string is marked as required but it has a zero-value")
    }

    @Test func firstGroupIsSelectedWhenNoneIsDefault() throws {
        let plain = try makeSchema(
            [token, appID],
            groups: [FieldGroup(name: "token", fields: [token]), FieldGroup(name: "app", fields: [appID])])
        #expect(try resolve(plain).selectedFieldGroup()?.name == "token")
    }

    @Test func unknownAuthMethodIsRejected() throws {
        let error = configError { try resolve(schema, ["--auth-method=oauth"]).validate() }
        #expect(error?.message == "invalid auth-method 'oauth': expected one of ('token' and 'app')")
    }

    @Test func groupsAreCheckedAtSchemaConstruction() {
        #expect(
            configError {
                _ = try makeSchema(
                    [token],
                    groups: [
                        FieldGroup(name: "a", fields: [token], isDefault: true),
                        FieldGroup(name: "b", fields: [token], isDefault: true),
                    ])
            }?.message == "only one field group can be the default")
        #expect(
            configError { _ = try makeSchema([token], groups: [FieldGroup(name: "a", fieldNames: ["ghost"])]) }?
                .message == "field group 'a' names an unknown field 'ghost'")
    }
}
