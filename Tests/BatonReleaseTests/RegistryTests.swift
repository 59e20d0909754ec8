import BatonRelease
import BatonTestSupport
import Foundation
import MockKit
import MockRegistry
import Testing

/// The publish flow end to end, in-process: a signed release published to the registry mock, downloaded and
/// verified, and every way it can go wrong reaching the check it is about.
@Suite struct RegistryTests {
    static let publisherToken = "acme-publisher-token"
    static let otherToken = "globex-publisher-token"
    static let adminToken = "registry-admin-token"

    /// A running registry mock on a data folder that outlives it.
    struct Registry {
        let data: TemporaryDirectory
        var server: MockServer

        init(data: TemporaryDirectory? = nil, uploadURLLifetime: Duration = .seconds(900)) async throws {
            self.data = try data ?? TemporaryDirectory(prefix: "registry")
            let mock = try RegistryMock(
                dataDirectory: self.data.path("state"),
                access: RegistryAccess(
                    publishers: ["acme": RegistryTests.publisherToken, "globex": RegistryTests.otherToken],
                    adminToken: RegistryTests.adminToken),
                uploadURLLifetime: uploadURLLifetime)
            server = try await MockServer.start(mock)
        }

        func client(_ token: String?) -> RegistryClient {
            RegistryClient(baseURL: URL(string: server.baseURL)!, token: token, timeout: .seconds(20))
        }
    }

    /// A signed release of okta and github for two platforms, and the key registered for acme.
    static func signedRelease(_ registry: Registry) async throws -> ReleaseFixture {
        let fixture = try ReleaseFixture()
        let keys = try ReleaseSigning.writeKeyPair(name: "acme", directory: fixture.root)
        try ReleaseBuilder(configuration: fixture.configuration(signingKey: keys.privateKey)).build()
        let publicKey = try String(contentsOfFile: keys.publicKey, encoding: .utf8)
        let key = try await registry.client(publisherToken).addKey(
            org: "acme", name: "release", type: "cosign", publicKey: publicKey)
        #expect(key.id == "acme/release")
        return fixture
    }

    static func publisher(_ registry: Registry, _ fixture: ReleaseFixture, token: String = publisherToken)
        -> RegistryPublisher
    {
        RegistryPublisher(
            client: registry.client(token), org: "acme", name: "okta", version: "v1.2.3",
            releaseDirectory: fixture.dist + "/release", keyName: "release")
    }

    @Test func publishDownloadVerifyYankAndRestart() async throws {
        var registry = try await Registry()
        let fixture = try await Self.signedRelease(registry)
        let published = try await Self.publisher(registry, fixture).publish(details: .init(description: "first"))
        #expect(published.state == "PUBLISHED", "\(published.failureReason ?? "")")
        #expect(published.signingKeyId == "acme/release")
        #expect(Set(published.assets?.map(\.platform) ?? []) == ["linux-amd64", "linux-arm64"])

        let downloads = fixture.directory.path("downloads")
        let result = try await RegistryDownloader(client: registry.client(nil)).download(
            org: "acme", name: "okta", version: nil, platform: "linux-arm64", outputDirectory: downloads,
            skipVerify: false)
        #expect(result.version == "v1.2.3")
        #expect(result.signature == "verified with acme/release (COSIGN)")
        let local = try Data(contentsOf: URL(fileURLWithPath: fixture.dist + "/release/okta-v1.2.3-linux-arm64.tar.gz"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: result.path)) == local)

        // Another org's publisher may not publish here; a publisher may not yank.
        await #expect(throws: ReleaseError.self) {
            try await registry.client(Self.otherToken).createVersion(
                org: "acme", name: "okta", version: "v9.9.9", platforms: ["linux-amd64"], details: .init())
        }
        do {
            _ = try await registry.client(Self.otherToken).createVersion(
                org: "acme", name: "okta", version: "v9.9.9", platforms: ["linux-amd64"], details: .init())
        } catch let error as ReleaseError {
            #expect(error.description.contains(": 403 this token may not publish for org acme"))
        }
        await #expect(throws: ReleaseError.self) {
            try await registry.client(Self.publisherToken).yank(
                org: "acme", name: "okta", version: "v1.2.3", reason: "x")
        }

        let admin = registry.client(Self.adminToken)
        _ = try await admin.setStable(org: "acme", name: "okta", version: "v1.2.3")
        let yanked = try await admin.yank(org: "acme", name: "okta", version: "v1.2.3", reason: "bad build")
        #expect(yanked.state == "YANKED" && yanked.yankReason == "bad build")
        #expect(try await registry.client(nil).connector(org: "acme", name: "okta").stableVersion == nil)

        // A restarted registry keeps connectors, versions, keys and files.
        try await registry.server.stop()
        registry = try await Registry(data: registry.data)
        let after = try await registry.client(nil).release(org: "acme", name: "okta", version: "v1.2.3")
        #expect(after.state == "YANKED")
        #expect(try await registry.client(nil).keys(org: "acme").map(\.id) == ["acme/release"])
        let again = try await RegistryDownloader(client: registry.client(nil)).download(
            org: "acme", name: "okta", version: "v1.2.3", platform: "linux-amd64", outputDirectory: downloads,
            skipVerify: false)
        #expect(again.state == "YANKED")
        try await registry.server.stop()
    }

    @Test func aWrongChecksumFailsValidationWithTheReason() async throws {
        let registry = try await Registry()
        let fixture = try await Self.signedRelease(registry)
        let client = registry.client(Self.publisherToken)
        let plan = try Self.publisher(registry, fixture).plan(signatureExtension: ".sig")
        try await client.ensureConnector(org: "acme", name: "okta")
        _ = try await client.createVersion(
            org: "acme", name: "okta", version: "v1.2.3", platforms: plan.map(\.platform),
            details: .init(signingKeyId: "acme/release"))
        let urls = try await client.uploadURLs(
            org: "acme", name: "okta", version: "v1.2.3", platforms: plan.map(\.platform))
        for asset in plan {
            try await client.upload(
                Data(contentsOf: URL(fileURLWithPath: asset.path)), to: urls["\(asset.platform)/binary"]!,
                contentType: "application/octet-stream")
            // The checksum line names another digest than the archive's.
            try await client.upload(
                Data("\(String(repeating: "0", count: 64))  \(asset.filename)\n".utf8),
                to: urls["\(asset.platform)/checksum"]!, contentType: "text/plain")
            try await client.upload(
                Data(contentsOf: URL(fileURLWithPath: asset.signaturePath!)), to: urls["\(asset.platform)/signature"]!,
                contentType: "text/plain")
        }
        _ = try await client.finalize(
            org: "acme", name: "okta", version: "v1.2.3",
            assets: plan.map {
                .init(
                    platform: $0.platform, filename: $0.filename, sha256: $0.sha256, sizeBytes: $0.sizeBytes,
                    mediaType: "application/gzip")
            })
        let final = try await Self.waitForVerdict(client)
        #expect(final.state == "FAILED")
        #expect(final.failureReason == "linux-amd64: the checksum file does not match the archive")
        await #expect(throws: ReleaseError.self) {
            try await RegistryDownloader(client: registry.client(nil)).download(
                org: "acme", name: "okta", version: "v1.2.3", platform: "linux-amd64",
                outputDirectory: fixture.directory.path("downloads"), skipVerify: false)
        }
        try await registry.server.stop()
    }

    @Test func aTamperedArchiveIsRefusedAndNothingIsWritten() async throws {
        let registry = try await Registry()
        let fixture = try await Self.signedRelease(registry)
        // Signed, then altered, with its checksum recomputed: only the signature can tell.
        let archive = fixture.dist + "/release/okta-v1.2.3-linux-amd64.tar.gz"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        let tarGz = try Gzip.compress(
            TarArchive(
                entries: TarArchive(decoding: Gzip.decompress(bytes, limit: 1 << 20)).entries.map {
                    $0.name == "baton-okta" ? .init(name: $0.name, mode: $0.mode, contents: Data("evil".utf8)) : $0
                }
            ).encoded(modificationTime: 0))
        bytes = tarGz
        try bytes.write(to: URL(fileURLWithPath: archive))
        var checksums = try String(contentsOfFile: fixture.dist + "/release/checksums.txt", encoding: .utf8)
        let line = checksums.split(separator: "\n").first { $0.hasSuffix("okta-v1.2.3-linux-amd64.tar.gz") }!
        checksums = checksums.replacingOccurrences(
            of: String(line), with: "\(ReleaseSigning.sha256Hex(bytes))  okta-v1.2.3-linux-amd64.tar.gz")
        try checksums.write(toFile: fixture.dist + "/release/checksums.txt", atomically: true, encoding: .utf8)

        let release = try await Self.publisher(registry, fixture).publish(details: .init())
        #expect(release.state == "FAILED")
        #expect(release.failureReason == "linux-amd64: the signature does not verify with key acme/release")
        try await registry.server.stop()
    }

    @Test func uploadURLsAreSignedExpiringAndOnePlatformAndKindEach() async throws {
        let registry = try await Registry()
        let client = registry.client(Self.publisherToken)
        try await client.ensureConnector(org: "acme", name: "okta")
        try await client.ensureConnector(org: "acme", name: "okta")  // 409 is fine
        _ = try await client.createVersion(
            org: "acme", name: "okta", version: "v1.0.0", platforms: ["linux-amd64"], details: .init())
        let urls = try await client.uploadURLs(org: "acme", name: "okta", version: "v1.0.0", platforms: ["linux-amd64"])
        #expect(Set(urls.keys) == ["linux-amd64/binary", "linux-amd64/checksum"])
        let binary = try #require(urls["linux-amd64/binary"])
        // Pointing a checksum URL's signature at the binary path is an altered URL.
        let altered = binary.replacingOccurrences(of: "/binary?", with: "/checksum?")
        let alteredError = await #expect(throws: ReleaseError.self) {
            try await client.upload(Data("x".utf8), to: altered, contentType: "text/plain")
        }
        #expect(alteredError?.description.hasSuffix("403 upload URL signature does not match") == true)
        let later = binary.replacingOccurrences(of: "expires=", with: "expires=1")
        await #expect(throws: ReleaseError.self) {
            try await client.upload(Data("x".utf8), to: later, contentType: "text/plain")
        }
        try await client.upload(Data("x".utf8), to: binary, contentType: "application/octet-stream")
        #expect(try await client.release(org: "acme", name: "okta", version: "v1.0.0").state == "UPLOADING")
        await #expect(throws: ReleaseError.self) {
            try await client.createVersion(
                org: "acme", name: "okta", version: "1.0", platforms: ["linux-amd64"], details: .init())
        }
        await #expect(throws: ReleaseError.self) {
            try await registry.client(nil).status(connector: nil, state: nil)
        }
        try await registry.server.stop()

        // A URL signed correctly but past its time.
        let stale = try await Registry(uploadURLLifetime: .seconds(-10))
        let staleClient = stale.client(Self.publisherToken)
        try await staleClient.ensureConnector(org: "acme", name: "okta")
        _ = try await staleClient.createVersion(
            org: "acme", name: "okta", version: "v1.0.0", platforms: ["linux-amd64"], details: .init())
        let staleURLs = try await staleClient.uploadURLs(
            org: "acme", name: "okta", version: "v1.0.0", platforms: ["linux-amd64"])
        let expiredError = await #expect(throws: ReleaseError.self) {
            try await staleClient.upload(
                Data("x".utf8), to: staleURLs["linux-amd64/binary"]!, contentType: "text/plain")
        }
        #expect(expiredError?.description.hasSuffix("403 upload URL expired") == true)
        try await stale.server.stop()
    }

    static func waitForVerdict(_ client: RegistryClient) async throws -> RegistryClient.Release {
        for _ in 0..<200 {
            let release = try await client.release(org: "acme", name: "okta", version: "v1.2.3")
            if release.state != "VALIDATING" { return release }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ReleaseError("still validating")
    }
}
