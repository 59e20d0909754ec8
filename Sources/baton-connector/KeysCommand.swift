import ArgumentParser
import BatonRelease
import Foundation

/// `baton-connector keys …`: local key pairs and the keys an org registers with the registry.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Make signing keys and register them with the registry.",
        subcommands: [GenerateKeys.self, AddKey.self, ListKeys.self])
}

/// `baton-connector keys generate <name>`: a cosign-compatible ECDSA P-256 key pair.
struct GenerateKeys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write <name>.key (private, mode 0600) and <name>.pub: an ECDSA P-256 pair for release signatures.")

    @Argument(help: "The key's name: the files are <name>.key and <name>.pub.")
    var name: String

    @Option(name: .customLong("output-dir"), help: "Where to write the two files.")
    var outputDirectory = "."

    func run() async throws {
        try await CommandFailure.oneLine {
            let paths = try ReleaseSigning.writeKeyPair(name: name, directory: outputDirectory)
            print("wrote \(paths.privateKey) (keep it secret) and \(paths.publicKey)")
        }
    }
}
