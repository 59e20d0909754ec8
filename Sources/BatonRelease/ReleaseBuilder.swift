import Foundation

/// Turns the binaries under `dist/<os>_<arch>/` into a release under `dist/release/`: one reproducible
/// `{name}-{version}-{platform}.tar.gz` per connector and platform (binary, README, LICENSE,
/// `baton_capabilities.json`), `checksums.txt`, cosign-compatible `.sig` and GPG `.asc` signatures,
/// and an SPDX SBOM.
public struct ReleaseBuilder: Sendable {
    /// What to build the release from.
    public struct Configuration: Sendable {
        /// `vX.Y.Z`.
        public var version: String
        /// The folder holding `<os>_<arch>/baton-<name>` binaries.
        public var distDirectory: String
        /// The repository root: `LICENSE` and `Connectors/<Name>/{README.md,baton_capabilities.json}`.
        public var repositoryRoot: String
        /// A PEM P-256 key for `.sig` files; nil leaves the archives unsigned.
        public var signingKeyPath: String?
        /// A GnuPG key id for `.asc` files, made by the `gpg` on the PATH.
        public var gpgKeyID: String?
        /// The GnuPG home to use instead of `GNUPGHOME` / `~/.gnupg`.
        public var gpgHome: String?
        /// `swift package show-dependencies --format json` output, for the SBOM.
        public var dependencies: SwiftDependency?
        /// The one modification time of every archive entry (`SOURCE_DATE_EPOCH`).
        public var sourceDateEpoch: Int

        public init(
            version: String, distDirectory: String, repositoryRoot: String, signingKeyPath: String? = nil,
            gpgKeyID: String? = nil, gpgHome: String? = nil, dependencies: SwiftDependency? = nil,
            sourceDateEpoch: Int = 0
        ) {
            self.gpgHome = gpgHome
            self.version = version
            self.distDirectory = distDirectory
            self.repositoryRoot = repositoryRoot
            self.signingKeyPath = signingKeyPath
            self.gpgKeyID = gpgKeyID
            self.dependencies = dependencies
            self.sourceDateEpoch = sourceDateEpoch
        }
    }

    /// One archive of the release.
    public struct Asset: Sendable, Equatable, Codable {
        /// The registry name of the connector (`okta` for `baton-okta`).
        public var connector: String
        /// `linux-amd64`.
        public var platform: String
        public var filename: String
        public var sha256: String
        public var sizeBytes: Int
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// The output folder, `dist/release`.
    public var releaseDirectory: String { configuration.distDirectory + "/release" }

    /// Whether `version` is `vMAJOR.MINOR.PATCH` (digits only, no leading zeros but a lone 0).
    public static func isValidVersion(_ version: String) -> Bool {
        guard version.hasPrefix("v") else { return false }
        let parts = version.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3
            && parts.allSatisfy { part in
                !part.isEmpty && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                    && (part == "0" || part.first != "0")
            }
    }

    /// Builds the release and returns its archives.
    ///
    /// - Throws: ``ReleaseError`` for a bad version, no binaries, a connector without its README or
    ///   capabilities, an unreadable key or a failing `gpg`.
    @discardableResult
    public func build() throws -> [Asset] {
        guard Self.isValidVersion(configuration.version) else {
            throw ReleaseError("invalid version \"\(configuration.version)\": expected vX.Y.Z, such as v1.2.3")
        }
        let binaries = try DistBinary.find(in: configuration.distDirectory)
        guard !binaries.isEmpty else {
            throw ReleaseError("no binaries under \(configuration.distDirectory)/<os>_<arch>/: run make build first")
        }
        let signingKey = try configuration.signingKeyPath.map(ReleaseSigning.privateKey(atPath:))
        try FileManager.default.createDirectory(atPath: releaseDirectory, withIntermediateDirectories: true)
        let license = try ReleaseFiles.data(atPath: configuration.repositoryRoot + "/LICENSE", what: "licence")

        var assets: [Asset] = []
        for binary in binaries {
            let connectorDirectory = try connectorDirectory(for: binary.registryName)
            let archive = TarArchive(entries: [
                .init(
                    name: binary.fileName, mode: 0o755,
                    contents: try ReleaseFiles.data(atPath: binary.path, what: "binary")),
                .init(
                    name: "README.md", mode: 0o644,
                    contents: try ReleaseFiles.data(atPath: connectorDirectory + "/README.md", what: "README")),
                .init(name: "LICENSE", mode: 0o644, contents: license),
                .init(
                    name: "baton_capabilities.json", mode: 0o644,
                    contents: try ReleaseFiles.data(
                        atPath: connectorDirectory + "/baton_capabilities.json", what: "capabilities file")),
            ])
            let bytes = try Gzip.compress(try archive.encoded(modificationTime: configuration.sourceDateEpoch))
            let filename = "\(binary.registryName)-\(configuration.version)-\(binary.platform).tar.gz"
            let path = releaseDirectory + "/" + filename
            try ReleaseFiles.writeAtomically(bytes, to: path)
            if let signingKey {
                try ReleaseFiles.writeAtomically(
                    Data((try ReleaseSigning.sign(bytes, with: signingKey) + "\n").utf8), to: path + ".sig")
            }
            if let gpgKeyID = configuration.gpgKeyID {
                try GnuPG.detachSign(path, keyID: gpgKeyID, home: configuration.gpgHome)
            }
            assets.append(
                Asset(
                    connector: binary.registryName, platform: binary.platform, filename: filename,
                    sha256: ReleaseSigning.sha256Hex(bytes), sizeBytes: bytes.count))
        }
        assets.sort { $0.filename < $1.filename }
        let checksums = assets.map { "\($0.sha256)  \($0.filename)\n" }.joined()
        try ReleaseFiles.writeAtomically(Data(checksums.utf8), to: releaseDirectory + "/checksums.txt")
        let sbom = SBOM(
            version: configuration.version, created: configuration.sourceDateEpoch,
            dependencies: configuration.dependencies, systemLibraries: SBOM.SystemLibrary.linked(),
            checksums: checksums)
        try ReleaseFiles.writeAtomically(try sbom.json(), to: releaseDirectory + "/sbom.spdx.json")
        return assets
    }

    /// `Connectors/<Name>` whose lowercased name is `registryName` (`Connectors/GitHub` for `github`).
    private func connectorDirectory(for registryName: String) throws -> String {
        let root = configuration.repositoryRoot + "/Connectors"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        guard let match = names.first(where: { $0.lowercased() == registryName }) else {
            throw ReleaseError("no Connectors/<Name> folder for baton-\(registryName)")
        }
        return root + "/" + match
    }
}

/// A connector binary in a goreleaser-style `dist/<os>_<arch>/` folder.
public struct DistBinary: Sendable, Equatable {
    /// The file's path.
    public var path: String
    /// `baton-okta` (or `baton-okta.exe` on Windows).
    public var fileName: String
    /// `okta`.
    public var registryName: String
    /// `linux-amd64`: the registry's spelling of the folder name.
    public var platform: String

    /// Every `baton-*` binary in `<dist>/<os>_<arch>/`, sorted; `release/` and other folders without
    /// an underscore are not platforms.
    public static func find(in dist: String) throws -> [DistBinary] {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: dist)) ?? []
        var found: [DistBinary] = []
        for folder in folders.sorted() where folder.contains("_") && folder != "release" {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dist + "/" + folder)) ?? []
            for file in files.sorted() where file.hasPrefix("baton-") && !file.hasSuffix(".tmp") {
                var name = String(file.dropFirst("baton-".count))
                if name.hasSuffix(".exe") { name.removeLast(4) }
                found.append(
                    DistBinary(
                        path: dist + "/" + folder + "/" + file, fileName: file, registryName: name,
                        platform: folder.replacingOccurrences(of: "_", with: "-")))
            }
        }
        return found
    }
}
