import ArgumentParser

/// `baton-connector`: the contributor's tool around connectors: new connectors and their checklist, key
/// pairs, releases, and the connector registry.
@main
struct BatonConnector: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton-connector",
        abstract:
            "Start and check baton-swift connectors, build signed releases and publish them to a connector registry.",
        subcommands: [
            KeysCommand.self, ReleaseCommand.self, PublishCommand.self, StatusCommand.self, VersionsCommand.self,
            ShowCommand.self, DownloadCommand.self, YankCommand.self, SetStableCommand.self, DeprecateCommand.self,
            InitCommand.self, ValidateCommand.self,
        ])
}
