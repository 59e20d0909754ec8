import BatonCLI
import JiraConnector

await ConnectorCommand.main(
    ConnectorDefinition(
        name: "baton-jira", version: "0.1.0",
        summary: "baton-jira syncs Jira Cloud users, groups, projects and project roles.",
        fields: JiraConfig.fields, relationships: JiraConfig.relationships,
        displayName: "Jira Cloud", iconURL: "/static/app-icons/jira.svg"
    ) { config, context in
        try JiraConnector(config: config, http: context.httpConfiguration)
    })
