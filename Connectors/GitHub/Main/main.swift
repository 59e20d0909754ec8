import BatonCLI
import GitHubConnector

await ConnectorCommand.main(
    ConnectorDefinition(
        name: "baton-github", version: "0.1.0",
        summary: "baton-github syncs GitHub orgs, teams, repositories, users, org roles and invitations.",
        fields: GitHubConfig.fields, relationships: GitHubConfig.relationships, fieldGroups: GitHubConfig.fieldGroups,
        displayName: "GitHub v2", iconURL: "/static/app-icons/github.svg"
    ) { config, context in
        try GitHubConnector(config: config, http: context.httpConfiguration, workers: context.workers)
    })
