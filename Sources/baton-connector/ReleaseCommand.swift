import ArgumentParser
import BatonRelease
import Foundation

/// `baton-connector release --version vX.Y.Z`: archives, checksums, signatures and SBOM under dist/release.
struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Package dist/<os>_<arch>/baton-* into signed, reproducible archives under dist/release.")

    @Option(help: "The release version, vX.Y.Z.")
    var version: String

    @Option(help: "The folder holding <os>_<arch>/baton-<name> binaries.")
    var dist = "dist"

    @Option(name: .customLong("signing-key"), help: "A PEM ECDSA P-256 private key (baton-connector keys generate).")
    var signingKey: String?

    @Option(name: .customLong("gpg-key"), help: "A GnuPG key id: also write armored .asc signatures with gpg.")
    var gpgKey: String?

    @Option(help: "The output of `swift package show-dependencies --format json`, for the SBOM.")
    var dependencies: String?

    @Option(name: .customLong("repository"), help: "The repository root (LICENSE, Connectors/).")
    var repository = "."

    func validate() throws {
        guard ReleaseBuilder.isValidVersion(version) else {
            throw ValidationError("invalid version \"\(version)\": expected vX.Y.Z, such as v1.2.3")
        }
    }

    func run() async throws {
        try await CommandFailure.oneLine {
            let tree = try dependencies.map {
                try JSONDecoder().decode(
                    SwiftDependency.self, from: ReleaseFiles.data(atPath: $0, what: "dependency list"))
            }
            let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Int.init) ?? 0
            let builder = ReleaseBuilder(
                configuration: .init(
                    version: version, distDirectory: dist, repositoryRoot: repository, signingKeyPath: signingKey,
                    gpgKeyID: gpgKey, dependencies: tree, sourceDateEpoch: epoch))
            let assets = try builder.build()
            for asset in assets {
                print("\(builder.releaseDirectory)/\(asset.filename)  \(asset.sizeBytes) bytes  sha256 \(asset.sha256)")
            }
            if signingKey == nil {
                print("unsigned: no --signing-key (SIGNING_KEY=path/name.key with make release) was given")
            }
            print("wrote checksums.txt and sbom.spdx.json in \(builder.releaseDirectory)")
        }
    }
}
