import BatonRelease
import BatonTestSupport
import Foundation
import Testing

/// Runs a program from the PATH and returns its exit status and combined output.
func runTool(_ arguments: [String], environment: [String: String]? = nil) async throws -> (
    status: Int32, output: String
) {
    try await onOwnThread { try runToolBlocking(arguments, environment: environment) }
}

private func runToolBlocking(_ arguments: [String], environment: [String: String]?) throws -> (
    status: Int32, output: String
) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// A repository and dist folder with two tiny "binaries", enough for a release.
struct ReleaseFixture {
    let directory: TemporaryDirectory
    var root: String { directory.path }
    var dist: String { directory.path("dist") }

    init() throws {
        directory = try TemporaryDirectory(prefix: "baton-release")
        let manager = FileManager.default
        try Data("Apache License\n".utf8).write(to: URL(fileURLWithPath: directory.path("LICENSE")))
        for (folder, name) in [("Okta", "okta"), ("GitHub", "github")] {
            let connector = directory.path("Connectors/\(folder)")
            try manager.createDirectory(atPath: connector, withIntermediateDirectories: true)
            try Data("# baton-\(name)\n".utf8).write(to: URL(fileURLWithPath: connector + "/README.md"))
            try Data("{\"resourceTypeCapabilities\":[]}\n".utf8)
                .write(to: URL(fileURLWithPath: connector + "/baton_capabilities.json"))
            for platform in ["linux_amd64", "linux_arm64"] {
                try manager.createDirectory(atPath: dist + "/" + platform, withIntermediateDirectories: true)
                try Data("#!/bin/sh\necho baton-\(name) \(platform)\n".utf8)
                    .write(to: URL(fileURLWithPath: dist + "/\(platform)/baton-\(name)"))
            }
        }
    }

    func configuration(
        version: String = "v1.2.3", signingKey: String? = nil, gpgKey: String? = nil, gpgHome: String? = nil
    ) -> ReleaseBuilder.Configuration {
        .init(
            version: version, distDirectory: dist, repositoryRoot: root, signingKeyPath: signingKey, gpgKeyID: gpgKey,
            gpgHome: gpgHome,
            dependencies: SwiftDependency(
                name: "baton-swift", url: "", version: "unspecified",
                dependencies: [
                    SwiftDependency(
                        name: "swift-nio", url: "https://github.com/apple/swift-nio.git", version: "2.101.2",
                        dependencies: [])
                ]),
            sourceDateEpoch: 1_700_000_000)
    }
}

@Suite struct ReleaseTests {
    @Test func versionMustBeVMajorMinorPatch() {
        for good in ["v1.2.3", "v0.0.1", "v10.20.30"] { #expect(ReleaseBuilder.isValidVersion(good), "\(good)") }
        for bad in ["1.2.3", "v1.2", "v1.2.3-rc1", "v01.2.3", "v1..3", "", "v", "v1.2.3.4", "v١.2.3"] {
            #expect(!ReleaseBuilder.isValidVersion(bad), "\(bad)")
        }
        let fixture = try? ReleaseFixture()
        #expect(throws: ReleaseError.self) {
            try ReleaseBuilder(configuration: fixture!.configuration(version: "1.2.3")).build()
        }
    }

    @Test func archivesHoldTheBinaryReadmeLicenceAndCapabilities() async throws {
        let fixture = try ReleaseFixture()
        let assets = try ReleaseBuilder(configuration: fixture.configuration()).build()
        #expect(
            assets.map(\.filename) == [
                "github-v1.2.3-linux-amd64.tar.gz", "github-v1.2.3-linux-arm64.tar.gz",
                "okta-v1.2.3-linux-amd64.tar.gz", "okta-v1.2.3-linux-arm64.tar.gz",
            ])
        let release = fixture.dist + "/release/"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: release + "okta-v1.2.3-linux-arm64.tar.gz"))
        let archive = try TarArchive(decoding: Gzip.decompress(bytes, limit: 1 << 20))
        #expect(archive.entries.map(\.name) == ["baton-okta", "README.md", "LICENSE", "baton_capabilities.json"])
        #expect(archive.entries[0].mode == 0o755)
        #expect(String(decoding: archive.entries[0].contents, as: UTF8.self).contains("linux_arm64"))
        // GNU tar reads what we wrote: names, modes and owners.
        let listing = try await runTool(["tar", "-tvzf", release + "okta-v1.2.3-linux-arm64.tar.gz"])
        #expect(listing.status == 0, "\(listing.output)")
        #expect(listing.output.contains("-rwxr-xr-x root/root"))
        #expect(listing.output.contains("baton_capabilities.json"))

        let checksums = try String(contentsOfFile: release + "checksums.txt", encoding: .utf8)
        #expect(checksums.split(separator: "\n").count == 4)
        #expect(checksums.contains("\(ReleaseSigning.sha256Hex(bytes))  okta-v1.2.3-linux-arm64.tar.gz\n"))
        let check = try await runTool(["sh", "-c", "cd '\(release)' && sha256sum -c checksums.txt"])
        #expect(check.status == 0, "\(check.output)")
        #expect(!FileManager.default.fileExists(atPath: release + "okta-v1.2.3-linux-arm64.tar.gz.sig"))
    }

    @Test func twoReleasesOfTheSameBinariesAreByteIdentical() throws {
        let fixture = try ReleaseFixture()
        let builder = ReleaseBuilder(configuration: fixture.configuration())
        try builder.build()
        let release = fixture.dist + "/release"
        let first = try FileManager.default.contentsOfDirectory(atPath: release).sorted().map {
            ($0, try Data(contentsOf: URL(fileURLWithPath: release + "/" + $0)))
        }
        try FileManager.default.removeItem(atPath: release)
        // Different file times on disk must not leak into the archives.
        try FileManager.default.setAttributes(
            [.modificationDate: Date()], ofItemAtPath: fixture.dist + "/linux_amd64/baton-okta")
        try builder.build()
        let second = try FileManager.default.contentsOfDirectory(atPath: release).sorted().map {
            ($0, try Data(contentsOf: URL(fileURLWithPath: release + "/" + $0)))
        }
        #expect(first.map(\.0) == second.map(\.0))
        for (a, b) in zip(first, second) { #expect(a.1 == b.1, "\(a.0) differs between two releases") }
    }

    @Test func cosignSignaturesVerifyWithOpenSSLAlone() async throws {
        let fixture = try ReleaseFixture()
        let keys = try ReleaseSigning.writeKeyPair(name: "acme", directory: fixture.root)
        let privateMode = try FileManager.default.attributesOfItem(atPath: keys.privateKey)[.posixPermissions] as? Int
        #expect(privateMode == 0o600)
        #expect(throws: ReleaseError.self) { try ReleaseSigning.writeKeyPair(name: "acme", directory: fixture.root) }

        try ReleaseBuilder(configuration: fixture.configuration(signingKey: keys.privateKey)).build()
        let archive = fixture.dist + "/release/okta-v1.2.3-linux-amd64.tar.gz"
        let signature = try String(contentsOfFile: archive + ".sig", encoding: .utf8)
        let der = try #require(Data(base64Encoded: signature.trimmingCharacters(in: .whitespacesAndNewlines)))
        try der.write(to: URL(fileURLWithPath: fixture.root + "/sig.der"))
        let verify = ["openssl", "dgst", "-sha256", "-verify", keys.publicKey, "-signature", fixture.root + "/sig.der"]
        let good = try await runTool(verify + [archive])
        #expect(good.status == 0 && good.output.contains("Verified OK"), "\(good.output)")

        // The same signature does not cover a changed archive.
        var tampered = try Data(contentsOf: URL(fileURLWithPath: archive))
        tampered[tampered.count / 2] ^= 0xFF
        try tampered.write(to: URL(fileURLWithPath: fixture.root + "/tampered.tar.gz"))
        let bad = try await runTool(verify + [fixture.root + "/tampered.tar.gz"])
        #expect(bad.status != 0 && bad.output.contains("Verification failure"), "\(bad.output)")
    }

    @Test func gpgSignaturesAreMadeAndCheckedByGnuPG() async throws {
        let fixture = try ReleaseFixture()
        let home = fixture.directory.path("gnupg")
        try FileManager.default.createDirectory(
            atPath: home, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let made = try await runTool([
            "gpg", "--homedir", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
            "--quick-gen-key", "Release Test <release@example.invalid>", "ed25519", "sign", "never",
        ])
        #expect(made.status == 0, "\(made.output)")
        try ReleaseBuilder(
            configuration: fixture.configuration(gpgKey: "release@example.invalid", gpgHome: home)
        ).build()
        let archive = fixture.dist + "/release/github-v1.2.3-linux-amd64.tar.gz"
        let armored = try String(contentsOfFile: archive + ".asc", encoding: .utf8)
        #expect(armored.hasPrefix("-----BEGIN PGP SIGNATURE-----"))
        let verified = try await runTool(["gpg", "--homedir", home, "--batch", "--verify", archive + ".asc", archive])
        #expect(verified.status == 0 && verified.output.contains("Good signature"), "\(verified.output)")

        let missing = ReleaseBuilder(
            configuration: fixture.configuration(gpgKey: "nobody@example.invalid", gpgHome: home))
        #expect(throws: ReleaseError.self) { try missing.build() }
    }

    @Test func sbomIsSPDX23WithEveryPackageAndTheLinkedLibraries() throws {
        let fixture = try ReleaseFixture()
        try ReleaseBuilder(configuration: fixture.configuration()).build()
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture.dist + "/release/sbom.spdx.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["spdxVersion"] as? String == "SPDX-2.3")
        #expect(document["dataLicense"] as? String == "CC0-1.0")
        let packages = try #require(document["packages"] as? [[String: Any]])
        let names = packages.compactMap { $0["name"] as? String }
        #expect(names.contains("swift-nio"))
        #expect(names.contains("zstd") && names.contains("sqlite3") && names.contains("glibc"))
        let nio = try #require(packages.first { $0["name"] as? String == "swift-nio" })
        #expect(nio["versionInfo"] as? String == "2.101.2")
        let relationships = try #require(document["relationships"] as? [[String: Any]])
        #expect(relationships.contains { $0["relationshipType"] as? String == "STATIC_LINK" })
    }
}

@Suite struct ArchiveFormatTests {
    @Test func tarAndGzipRoundTripAndRefuseDamage() throws {
        let archive = TarArchive(entries: [
            .init(name: "a", mode: 0o644, contents: Data()),
            .init(name: "b", mode: 0o755, contents: Data(repeating: 7, count: 1025)),
        ])
        let bytes = try Gzip.compress(archive.encoded(modificationTime: 0))
        #expect(try TarArchive(decoding: Gzip.decompress(bytes, limit: 1 << 20)) == archive)
        #expect(throws: ReleaseError.self) { try Gzip.decompress(bytes, limit: 1000) }
        #expect(throws: ReleaseError.self) { try Gzip.decompress(bytes.prefix(bytes.count / 2), limit: 1 << 20) }
        #expect(throws: ReleaseError.self) { try Gzip.decompress(Data("not gzip".utf8), limit: 1 << 20) }
        var tar = try archive.encoded(modificationTime: 0)
        tar[100] ^= 1  // a mode byte: the header checksum no longer matches
        #expect(throws: ReleaseError.self) { try TarArchive(decoding: tar) }
        #expect(throws: ReleaseError.self) { try TarArchive(decoding: Data(count: 100)) }
        #expect(throws: ReleaseError.self) {
            try TarArchive(entries: [.init(name: String(repeating: "x", count: 101), mode: 0, contents: Data())])
                .encoded(modificationTime: 0)
        }
    }
}
