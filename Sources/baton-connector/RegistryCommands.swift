import ArgumentParser
import BatonRelease
import Foundation

/// `publish <org/name> <version>`: create the version, upload, finalize, print the final state.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Publish dist/release archives of a version to the registry.")

    @Argument(help: "The connector, org/name (baton-okta or okta).") var connector: ConnectorReference
    @Argument(help: "The version, vX.Y.Z.") var version: String
    @Option(help: "The folder make release wrote.") var dist = "dist/release"
    @Option(help: "The registered key (keys add --name) whose signatures to upload.") var key: String?
    @Option(help: "A description of the version.") var description: String?
    @Option(help: "What changed.") var changelog: String?
    @Option(help: "The licence.") var license = "Apache-2.0"
    @Flag(name: .customLong("dry-run"), help: "List what would be uploaded, and send nothing.") var dryRun = false
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.oneLine {
            if dryRun {
                let publisher = RegistryPublisher(
                    client: RegistryClient(baseURL: URL(fileURLWithPath: "/"), token: nil), org: connector.org,
                    name: connector.name, version: version, releaseDirectory: dist, keyName: key)
                let plan = try publisher.plan(signatureExtension: nil)
                try registry.print(plan) {
                    plan.map {
                        "would upload \($0.filename) (\($0.platform), \($0.sizeBytes) bytes, sha256 \($0.sha256))"
                    }
                    .joined(separator: "\n") + "\ndry run: nothing was sent"
                }
                return
            }
            let publisher = RegistryPublisher(
                client: try registry.client(requiresToken: true), org: connector.org, name: connector.name,
                version: version, releaseDirectory: dist, keyName: key)
            let text = registry.output == .text
            let release = try await publisher.publish(
                details: .init(description: description, license: license, changelog: changelog),
                progress: { line in if text { print(line) } })
            try registry.print(release) { release.line }
            if release.state != "PUBLISHED" { throw ExitCode.failure }
        }
    }
}

/// `status [--connector org/name] [--state S]`: the caller's versions.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Your versions and their states.")
    @Option(help: "Only this connector, org/name.") var connector: ConnectorReference?
    @Option(help: "Only this state (PENDING, UPLOADING, VALIDATING, PUBLISHED, YANKED, FAILED).") var state: String?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.oneLine {
            let versions = try await registry.client(requiresToken: true).status(
                connector: connector.map { "\($0.org)/\($0.name)" }, state: state)
            try registry.print(versions) {
                versions.isEmpty ? "no versions" : versions.map(\.line).joined(separator: "\n")
            }
        }
    }
}

/// `versions <org/name>`.
struct VersionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "versions", abstract: "List a connector's versions.")
    @Argument var connector: ConnectorReference
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.oneLine {
            let versions = try await registry.client().versions(org: connector.org, name: connector.name)
            try registry.print(versions) {
                versions.isEmpty ? "no versions" : versions.map(\.line).joined(separator: "\n")
            }
        }
    }
}

/// `show <org/name> [version]`.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a connector or one version.")
    @Argument var connector: ConnectorReference
    @Argument var version: String?
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.oneLine {
            let client = try registry.client()
            if let version {
                let release = try await client.release(org: connector.org, name: connector.name, version: version)
                try registry.print(release) {
                    ([release.line]
                        + (release.assets ?? []).map {
                            "  \($0.platform): \($0.filename) \($0.sizeBytes) bytes sha256 \($0.sha256)"
                        })
                        .joined(separator: "\n")
                }
            } else {
                let found = try await client.connector(org: connector.org, name: connector.name)
                try registry.print(found) {
                    "\(found.org)/\(found.name) stable \(found.stableVersion ?? "none")"
                        + (found.deprecated == true ? " (deprecated: \(found.deprecationReason ?? ""))" : "")
                }
            }
        }
    }
}

/// `download <org/name> [version] [--platform p] [--output DIR] [--skip-verify]`.
struct DownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download", abstract: "Download and verify one platform's archive (stable version by default).")
    @Argument var connector: ConnectorReference
    @Argument var version: String?
    @Option(help: "The platform, such as linux-amd64 (default: this machine's).") var platform: String?
    @Option(name: .customLong("output-dir"), help: "Where to write the archive.") var outputDirectory = "."
    @Flag(name: .customLong("skip-verify"), help: "Do not check the checksum file and the signature.") var skipVerify =
        false
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.oneLine {
            let result = try await RegistryDownloader(client: try registry.client()).download(
                org: connector.org, name: connector.name, version: version, platform: platform ?? Self.hostPlatform,
                outputDirectory: outputDirectory, skipVerify: skipVerify)
            try registry.print(result) {
                "wrote \(result.path) (\(result.version), sha256 \(result.sha256), signature \(result.signature))"
                    + (result.state == "YANKED" ? "\nwarning: this version is YANKED" : "")
            }
        }
    }

    static var hostPlatform: String {
        #if arch(arm64)
            let arch = "arm64"
        #else
            let arch = "amd64"
        #endif
        #if os(macOS)
            return "darwin-" + arch
        #elseif os(Windows)
            return "windows-" + arch
        #else
            return "linux-" + arch
        #endif
    }
}

/// `yank <org/name> <version> --reason R` (admin).
struct YankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "yank", abstract: "Withdraw a published version.")
    @Argument var connector: ConnectorReference
    @Argument var version: String
    @Option(help: "Why.") var reason: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.oneLine {
            let release = try await registry.client(requiresToken: true).yank(
                org: connector.org, name: connector.name, version: version, reason: reason)
            try registry.print(release) { release.line }
        }
    }
}

/// `set-stable <org/name> <version>` (admin).
struct SetStableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-stable", abstract: "Make a published version the one downloads get by default.")
    @Argument var connector: ConnectorReference
    @Argument var version: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.oneLine {
            let found = try await registry.client(requiresToken: true).setStable(
                org: connector.org, name: connector.name, version: version)
            try registry.print(found) { "\(found.org)/\(found.name) stable \(found.stableVersion ?? "none")" }
        }
    }
}

/// `deprecate <org/name> --reason R` (admin).
struct DeprecateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deprecate", abstract: "Mark a connector deprecated.")
    @Argument var connector: ConnectorReference
    @Option(help: "Why.") var reason: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.oneLine {
            let found = try await registry.client(requiresToken: true).deprecate(
                org: connector.org, name: connector.name, reason: reason)
            try registry.print(found) { "\(found.org)/\(found.name) deprecated: \(found.deprecationReason ?? "")" }
        }
    }
}

/// `keys add <org> --name N --type cosign|gpg --key-file F`.
struct AddKey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a public key for an org.")
    @Argument var org: String
    @Option var name: String
    @Option(help: "cosign or gpg.") var type: String
    @Option(name: .customLong("key-file"), help: "The public key: <name>.pub, or an armored GPG key.") var keyFile:
        String
    @OptionGroup var registry: RegistryOptions

    func validate() throws {
        guard ["cosign", "gpg"].contains(type.lowercased()) else {
            throw ValidationError("--type must be cosign or gpg")
        }
    }

    func run() async throws {
        try await CommandFailure.oneLine {
            let publicKey = try ReleaseFiles.text(atPath: keyFile, what: "public key")
            if publicKey.contains("PRIVATE KEY") {
                throw ReleaseError("\(keyFile) holds a private key: register the .pub file")
            }
            let key = try await registry.client(requiresToken: true).addKey(
                org: org, name: name, type: type, publicKey: publicKey)
            try registry.print(key) { "registered \(key.id) (\(key.type))" }
        }
    }
}

/// `keys list <org>`.
struct ListKeys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List an org's registered keys.")
    @Argument var org: String
    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.oneLine {
            let keys = try await registry.client().keys(org: org)
            try registry.print(keys) {
                keys.isEmpty ? "no keys" : keys.map { "\($0.id) \($0.type)" }.joined(separator: "\n")
            }
        }
    }
}
