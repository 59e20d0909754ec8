import Foundation

/// The publish flow of `cone registry publish`: ensure the connector, create the version, get upload
/// URLs, PUT each archive, its checksum line and its signature, finalize, and wait for validation.
public struct RegistryPublisher: Sendable {
    /// One platform's files, found in `dist/release`.
    public struct PlannedAsset: Sendable, Equatable, Codable {
        public var platform: String
        public var path: String
        public var filename: String
        public var sha256: String
        public var sizeBytes: Int
        /// The `.sig` or `.asc` beside the archive, when the release is signed with `keyName`.
        public var signaturePath: String?
    }

    public let client: RegistryClient
    public let org: String
    public let name: String
    public let version: String
    public let releaseDirectory: String
    /// The registered key (`keys add --name`) whose signatures go with the archives, if any.
    public let keyName: String?

    public init(
        client: RegistryClient, org: String, name: String, version: String, releaseDirectory: String,
        keyName: String?
    ) {
        self.client = client
        self.org = org
        self.name = name
        self.version = version
        self.releaseDirectory = releaseDirectory
        self.keyName = keyName
    }

    /// The archives `{name}-{version}-{platform}.tar.gz` in the release folder, checked against
    /// `checksums.txt`, with their signatures (`.sig`, or `.asc` for `gpg: true`).
    public func plan(signatureExtension: String?) throws -> [PlannedAsset] {
        guard ReleaseBuilder.isValidVersion(version) else {
            throw ReleaseError("invalid version \"\(version)\": expected vX.Y.Z, such as v1.2.3")
        }
        let prefix = "\(name)-\(version)-"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: releaseDirectory)) ?? []
        let archives = files.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".tar.gz") }.sorted()
        guard !archives.isEmpty else {
            throw ReleaseError(
                "no \(prefix)<platform>.tar.gz in \(releaseDirectory): run make release VERSION=\(version)")
        }
        let checksums = try ReleaseFiles.text(atPath: releaseDirectory + "/checksums.txt", what: "checksum file")
        var listed: [String: String] = [:]
        for line in checksums.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 2 { listed[String(parts[1])] = String(parts[0]) }
        }
        return try archives.map { filename in
            let path = releaseDirectory + "/" + filename
            let data = try ReleaseFiles.data(atPath: path, what: "archive")
            let sha256 = ReleaseSigning.sha256Hex(data)
            guard listed[filename] == sha256 else {
                throw ReleaseError("\(filename) does not match checksums.txt: rebuild the release")
            }
            var signature: String?
            if let signatureExtension {
                signature = path + signatureExtension
                guard FileManager.default.fileExists(atPath: path + signatureExtension) else {
                    throw ReleaseError("\(filename)\(signatureExtension) is missing: sign the release with that key")
                }
            }
            let platform = String(filename.dropFirst(prefix.count).dropLast(".tar.gz".count))
            return PlannedAsset(
                platform: platform, path: path, filename: filename, sha256: sha256, sizeBytes: data.count,
                signaturePath: signature)
        }
    }

    /// Publishes the planned assets and returns the version in its final state (PUBLISHED or FAILED).
    ///
    /// - Parameter progress: called with one line per step.
    public func publish(
        details: RegistryClient.VersionDetails, progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> RegistryClient.Release {
        var details = details
        var signatureExtension: String?
        if let keyName {
            let key = try await client.keys(org: org).first { $0.name == keyName }
            guard let key else {
                throw ReleaseError("org \(org) has no registered key named \(keyName): run keys add first")
            }
            details.signingKeyId = key.id
            signatureExtension = key.type == "GPG" ? ".asc" : ".sig"
        }
        let assets = try plan(signatureExtension: signatureExtension)
        try await client.ensureConnector(org: org, name: name)
        let created = try await client.createVersion(
            org: org, name: name, version: version, platforms: assets.map(\.platform), details: details)
        progress("created \(org)/\(name) \(version): \(created.state)")
        let urls = try await client.uploadURLs(
            org: org, name: name, version: version, platforms: assets.map(\.platform))
        for asset in assets {
            func url(_ kind: String) throws -> String {
                guard let url = urls["\(asset.platform)/\(kind)"] else {
                    throw ReleaseError("the registry gave no \(kind) upload URL for \(asset.platform)")
                }
                return url
            }
            try await client.upload(
                try ReleaseFiles.data(atPath: asset.path, what: "archive"), to: try url("binary"),
                contentType: "application/octet-stream")
            try await client.upload(
                Data("\(asset.sha256)  \(asset.filename)\n".utf8), to: try url("checksum"), contentType: "text/plain")
            if let signature = asset.signaturePath {
                try await client.upload(
                    try ReleaseFiles.data(atPath: signature, what: "signature"), to: try url("signature"),
                    contentType: "text/plain")
            }
            progress("uploaded \(asset.filename) (\(asset.sizeBytes) bytes)")
        }
        var release = try await client.finalize(
            org: org, name: name, version: version,
            assets: assets.map {
                .init(
                    platform: $0.platform, filename: $0.filename, sha256: $0.sha256, sizeBytes: $0.sizeBytes,
                    mediaType: "application/gzip")
            })
        progress("finalized: \(release.state)")
        // Validation runs on the registry's side; its verdict comes within seconds.
        let deadline = ContinuousClock.now + .seconds(120)
        while release.state == "VALIDATING" || release.state == "UPLOADING" {
            guard ContinuousClock.now < deadline else {
                throw ReleaseError("the registry is still validating \(version) after 120 s; check `status` later")
            }
            try await Task.sleep(for: .milliseconds(200))
            release = try await client.release(org: org, name: name, version: version)
        }
        return release
    }
}

/// `download`: fetches one platform's archive and writes it only after its sha256, checksum line and
/// signature (with the org's registered key) all check out.
public struct RegistryDownloader: Sendable {
    public let client: RegistryClient

    public init(client: RegistryClient) {
        self.client = client
    }

    /// What was downloaded.
    public struct Result: Sendable, Codable {
        public var path: String
        public var version: String
        public var platform: String
        public var sha256: String
        public var signature: String
        public var state: String
    }

    /// - Parameters:
    ///   - version: nil for the stable version, else the newest published one.
    ///   - skipVerify: write the file without checking the checksum line and signature (the sha256 the
    ///     registry declared is still checked: a corrupt download is never written).
    public func download(
        org: String, name: String, version: String?, platform: String, outputDirectory: String, skipVerify: Bool
    ) async throws -> Result {
        let chosen = try await resolveVersion(org: org, name: name, version: version)
        let release = try await client.release(org: org, name: name, version: chosen)
        guard release.state == "PUBLISHED" || release.state == "YANKED" else {
            throw ReleaseError("\(org)/\(name) \(chosen) is \(release.state): nothing to download")
        }
        guard let asset = release.assets?.first(where: { $0.platform == platform }) else {
            let platforms = (release.assets ?? []).map(\.platform).joined(separator: ", ")
            throw ReleaseError("\(org)/\(name) \(chosen) has no \(platform) archive (it has: \(platforms))")
        }
        guard
            let archive = try await client.download(
                org: org, name: name, version: chosen, platform: platform, kind: "binary")
        else { throw ReleaseError("the registry has no archive for \(platform)") }
        let sha256 = ReleaseSigning.sha256Hex(archive)
        guard sha256 == asset.sha256, archive.count == asset.sizeBytes else {
            throw ReleaseError(
                "\(asset.filename): sha256 \(sha256) does not match the registry's \(asset.sha256); nothing written")
        }
        var signatureState = "not checked (--skip-verify)"
        if !skipVerify {
            let checksum = try await client.download(
                org: org, name: name, version: chosen, platform: platform, kind: "checksum")
            let line = checksum.map {
                String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard line == "\(sha256)  \(asset.filename)" else {
                throw ReleaseError("\(asset.filename): the checksum file does not match the archive; nothing written")
            }
            signatureState = try await verifySignature(release: release, archive: archive, asset: asset)
        }
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let path = outputDirectory + "/" + asset.filename
        try ReleaseFiles.writeAtomically(archive, to: path)
        return Result(
            path: path, version: chosen, platform: platform, sha256: sha256, signature: signatureState,
            state: release.state)
    }

    private func resolveVersion(org: String, name: String, version: String?) async throws -> String {
        if let version { return version }
        let connector = try await client.connector(org: org, name: name)
        if let stable = connector.stableVersion { return stable }
        let published = try await client.versions(org: org, name: name).filter { $0.state == "PUBLISHED" }
        guard let newest = published.last else { throw ReleaseError("\(org)/\(name) has no published version") }
        return newest.version
    }

    private func verifySignature(
        release: RegistryClient.Release, archive: Data, asset: RegistryClient.Asset
    ) async throws -> String {
        guard let keyID = release.signingKeyId else { return "unsigned: the version names no signing key" }
        let org = release.org
        guard let key = try await client.keys(org: org).first(where: { $0.id == keyID }) else {
            throw ReleaseError("signing key \(keyID) is not registered for \(org); nothing written")
        }
        guard
            let signature = try await client.download(
                org: org, name: release.name, version: release.version, platform: asset.platform, kind: "signature")
        else { throw ReleaseError("\(asset.filename) has no signature although \(keyID) signs it; nothing written") }
        let verified: Bool
        if key.type == "GPG" {
            verified = (try? GnuPG.verify(signature: signature, of: archive, publicKey: key.publicKey)) == true
        } else {
            let publicKey = try ReleaseSigning.publicKey(pem: key.publicKey, source: "key \(keyID)")
            verified = ReleaseSigning.verify(String(decoding: signature, as: UTF8.self), of: archive, with: publicKey)
        }
        guard verified else {
            throw ReleaseError("\(asset.filename): the signature does not verify with \(keyID); nothing written")
        }
        return "verified with \(keyID) (\(key.type))"
    }
}
