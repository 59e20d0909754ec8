import BatonCLI
import OktaConnector

await ConnectorCommand.main(
    ConnectorDefinition(
        name: "baton-okta", version: "0.1.0", summary: "baton-okta syncs Okta users, groups, admin roles and apps.",
        fields: OktaConfig.fields, relationships: OktaConfig.relationships, fieldGroups: OktaConfig.fieldGroups,
        displayName: "Okta", iconURL: "/static/app-icons/okta.svg"
    ) { config, context in
        try OktaConnector(config: config, http: context.httpConfiguration)
    })
