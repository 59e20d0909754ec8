import BatonRelease
import Foundation
import HTTPTypes

extension RegistryMock {
    /// Validates a finalized version in the background, as the real registry does: it answers
    /// VALIDATING at once and moves to PUBLISHED or FAILED (with the reason) when done.
    func validate(_ version: VersionRecord) {
        Task {
            try? await Task.sleep(for: .milliseconds(50))
            guard var record = try? store.version(version.org, version.name, version.version),
                record.state == .validating
            else { return }
            if let reason = failure(of: record) {
                record.state = .failed
                record.failureReason = reason
            } else {
                record.state = .published
            }
            try? store.save(record)
        }
    }

    /// Why `version` cannot be published, or nil when every check passes.
    func failure(of version: VersionRecord) -> String? {
        do {
            try check(version)
            return nil
        } catch let error as RegistryError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    private func check(_ version: VersionRecord) throws {
        for asset in version.assets where !version.platforms.contains(asset.platform) {
            throw RegistryError(.badRequest, "asset for \(asset.platform), which the version does not declare")
        }
        let key = try version.signingKeyId.map { id in
            guard let key = try store.key(id: id) else { throw RegistryError(.badRequest, "signing key \(id) is gone") }
            return key
        }
        for platform in version.platforms {
            let declared = version.assets.filter { $0.platform == platform }
            guard declared.count == 1, let asset = declared.first else {
                throw RegistryError(.badRequest, "\(platform): expected one asset, got \(declared.count)")
            }
            let expectedName = "\(version.name)-\(version.version)-\(platform).tar.gz"
            guard asset.filename == expectedName else {
                throw RegistryError(
                    .badRequest, "\(platform): asset is named \(asset.filename), expected \(expectedName)")
            }
            guard asset.mediaType == "application/gzip" else {
                throw RegistryError(
                    .badRequest, "\(platform): media type \(asset.mediaType), expected application/gzip")
            }
            guard let binary = try store.upload(id: RegistryStore.uploadID(version, platform, .binary)) else {
                throw RegistryError(.badRequest, "\(platform): the archive was not uploaded")
            }
            let sha256 = ReleaseSigning.sha256Hex(binary)
            guard binary.count == asset.sizeBytes else {
                throw RegistryError(
                    .badRequest, "\(platform): uploaded \(binary.count) bytes, declared \(asset.sizeBytes)")
            }
            guard sha256 == asset.sha256.lowercased() else {
                throw RegistryError(
                    .badRequest, "\(platform): the archive's sha256 is \(sha256), declared \(asset.sha256)")
            }
            guard let checksum = try store.upload(id: RegistryStore.uploadID(version, platform, .checksum)) else {
                throw RegistryError(.badRequest, "\(platform): the checksum file was not uploaded")
            }
            let line = String(decoding: checksum, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard line == "\(sha256)  \(asset.filename)" else {
                throw RegistryError(.badRequest, "\(platform): the checksum file does not match the archive")
            }
            try checkArchive(binary, platform: platform, name: version.name)
            if let key {
                guard let signature = try store.upload(id: RegistryStore.uploadID(version, platform, .signature)) else {
                    throw RegistryError(.badRequest, "\(platform): the signature was not uploaded")
                }
                try checkSignature(signature, of: binary, key: key, platform: platform)
            }
        }
    }

    private func checkArchive(_ bytes: Data, platform: String, name: String) throws {
        let archive: TarArchive
        do {
            archive = try TarArchive(decoding: Gzip.decompress(bytes, limit: 1 << 30))
        } catch {
            throw RegistryError(.badRequest, "\(platform): the archive is not a valid tar.gz (\(error))")
        }
        let names = Set(archive.entries.map(\.name))
        let binary = "baton-\(name)" + (platform.hasPrefix("windows") ? ".exe" : "")
        for required in [binary, "baton_capabilities.json"] where !names.contains(required) {
            throw RegistryError(.badRequest, "\(platform): the archive holds no \(required)")
        }
    }

    private func checkSignature(_ signature: Data, of archive: Data, key: KeyRecord, platform: String) throws {
        let text = String(decoding: signature, as: UTF8.self)
        switch key.type {
        case "COSIGN":
            let publicKey = try ReleaseSigning.publicKey(pem: key.publicKey, source: "key \(key.id)")
            guard ReleaseSigning.verify(text, of: archive, with: publicKey) else {
                throw RegistryError(.badRequest, "\(platform): the signature does not verify with key \(key.id)")
            }
        default:
            guard (try? GnuPG.verify(signature: signature, of: archive, publicKey: key.publicKey)) == true else {
                throw RegistryError(.badRequest, "\(platform): the GPG signature does not verify with key \(key.id)")
            }
        }
    }
}
