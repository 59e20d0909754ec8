import ArgumentParser
import Foundation
import MockKit

/// The mocks served with the shared options alone, one `baton-mock <name>` subcommand each. `baton-connector
/// init` adds a generated connector's mock here (and its module to the imports above).
let commandLineMocks: [any CommandLineMock.Type] = [
    // One line per mock: `AcmeMock.self`.
]

/// The subcommand serving one ``CommandLineMock``.
struct CommandLineMockCommand<Service: CommandLineMock>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Service.commandName, abstract: Service.abstract)
    }

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let started = ContinuousClock.now
        let mock = Service(size: server.tenantSize, seed: server.seed)
        let elapsed = ContinuousClock.now - started
        try await server.serve(
            mock,
            summary: "\(server.tenantSize) tenant, seed \(server.seed), generated in \(elapsed): \(mock.tenantSummary)")
    }
}

/// The subcommand serving `mock`.
func command(serving mock: any CommandLineMock.Type) -> any ParsableCommand.Type {
    func command<Mock: CommandLineMock>(_: Mock.Type) -> any ParsableCommand.Type { CommandLineMockCommand<Mock>.self }
    return command(mock)
}
