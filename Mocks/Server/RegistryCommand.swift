import ArgumentParser
import Foundation
import Logging
import MockKit
import MockRegistry

/// `baton-mock registry --port P --data DIR --publisher-token ORG=TOKEN … --admin-token TOKEN`: the
/// connector registry, its state kept under `--data`.
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Serve a connector registry (versions, presigned uploads, validation, keys) on 127.0.0.1.")

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080
    @Option(help: "Address to bind (loopback).")
    var host = "127.0.0.1"
    @Option(help: "The folder holding the registry's SQLite state; a restart keeps everything.")
    var data: String
    @Option(
        name: .customLong("publisher-token"), parsing: .singleValue,
        help: "ORG=TOKEN: a bearer token that may publish for ORG (repeatable).")
    var publisherTokens: [String] = []
    @Option(name: .customLong("admin-token"), help: "A bearer token with admin rights (yank, stable, deprecate).")
    var adminToken: String?
    @Option(name: .customLong("log-level"), help: "Server log level (trace … critical).")
    var logLevel = "warning"

    func validate() throws {
        for entry in publisherTokens {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--publisher-token must look like ORG=TOKEN")
            }
        }
    }

    func run() async throws {
        var publishers: [String: String] = [:]
        for entry in publisherTokens {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            publishers[parts[0]] = parts[1]
        }
        let registry = try RegistryMock(
            dataDirectory: data, access: RegistryAccess(publishers: publishers, adminToken: adminToken))
        let server = try await MockServer.start(
            registry, options: MockOptions(host: host, port: port, logLevel: .init(rawValue: logLevel) ?? .warning),
            shutdownOnSignals: true)
        let orgs = publishers.keys.sorted().joined(separator: ", ")
        FileHandle.standardOutput.write(
            Data(
                "\(server.baseURL)\nregistry mock: data in \(data); publishers for \(orgs.isEmpty ? "none" : orgs)\n"
                    .utf8))
        try await server.waitUntilStopped()
    }
}
