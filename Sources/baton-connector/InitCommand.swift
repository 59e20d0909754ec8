import ArgumentParser
import BatonScaffold
import Foundation

/// `baton-connector init <name>`: a new connector, its mock and its tests, registered and ready to build
/// (`make new-connector NAME=<name>`).
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Generate a connector, its mock on Mocks/Kit and its tests, and register them.",
        discussion: """
            Writes Connectors/<Name>, Mocks/<Name>, Tests/<Name>ConnectorTests and Tests/Mock<Name>Tests, and adds \
            one line to Package.swift, Connectors/connectors.txt and baton-mock's list. Nothing is written when a \
            step fails.
            """)

    @Argument(help: "The connector's lower-kebab name, e.g. acme or acme-cloud (gives baton-acme-cloud).")
    var name: String
    @Option(help: "One line saying what the connector syncs (README, --help, metadata).")
    var description: String?
    @Option(help: "The baton-swift checkout to write into.")
    var root = FileManager.default.currentDirectoryPath

    func run() async throws {
        try await CommandFailure.oneLine {
            let connector = try ConnectorName(validating: name)
            let created = try Scaffolder(root: root).generate(connector, description: description)
            print(
                """
                Created \(created.joined(separator: ", ")); registered \(connector.typeName) in Package.swift, \
                Connectors/connectors.txt and baton-mock.
                Next: make test (or swift test --filter \(connector.typeName)), then edit \
                Connectors/\(connector.typeName)/Sources/Client.swift for the real API, and run \
                baton-connector validate Connectors/\(connector.typeName).
                """)
        }
    }
}
