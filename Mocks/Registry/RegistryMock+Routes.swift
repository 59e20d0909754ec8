import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MockKit
import NIOCore
import Synchronization

extension RegistryMock {
    /// The prefix of every API route.
    static let api = "/api/v1"

    // MARK: Connectors

    func addConnectorRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.post("\(Self.api)/connectors") { request, _ in
            struct Body: Decodable {
                var org: String
                var name: String
            }
            let body = try await self.body(request, as: Body.self)
            try self.requirePublisher(of: body.org, request)
            guard Self.isName(body.org), Self.isName(body.name) else {
                throw RegistryError(.badRequest, "org and name must be lowercase letters, digits and dashes")
            }
            if try self.store.connector(body.org, body.name) != nil {
                throw RegistryError(.conflict, "connector \(body.org)/\(body.name) already exists")
            }
            let record = ConnectorRecord(org: body.org, name: body.name, createdAt: RegistryJSON.now())
            try self.store.save(record)
            return try self.json(["connector": record], status: .created)
        }
        routes.get("\(Self.api)/connectors") { _, _ in
            try self.json(["connectors": try self.store.connectors()])
        }
        routes.get("\(Self.api)/connectors/{org}/{name}") { _, context in
            let connector = try self.connector(context)
            struct Answer: Encodable {
                var connector: ConnectorRecord
                var versions: [VersionRecord]
            }
            return try self.json(
                Answer(
                    connector: connector, versions: try self.store.versions(of: "\(connector.org)/\(connector.name)")))
        }
    }

    // MARK: Versions

    func addVersionRoutes(to routes: RouterGroup<MockRequestContext>) {
        let versions = "\(Self.api)/connectors/{org}/{name}/versions"
        routes.post(RouterPath(versions)) { request, context in
            let connector = try self.connector(context)
            try self.requirePublisher(of: connector.org, request)
            struct Body: Decodable {
                var version: String
                var description: String?
                var repositoryUrl: String?
                var homepageUrl: String?
                var license: String?
                var changelog: String?
                var commitSha: String?
                var platforms: [String]
                var signingKeyId: String?
            }
            let body = try await self.body(request, as: Body.self)
            guard Self.isSemanticVersion(body.version) else {
                throw RegistryError(.badRequest, "invalid version \"\(body.version)\": expected vX.Y.Z")
            }
            guard !body.platforms.isEmpty, body.platforms.allSatisfy(Self.platforms.contains),
                Set(body.platforms).count == body.platforms.count
            else {
                throw RegistryError(
                    .badRequest,
                    "platforms must be distinct names among \(Self.platforms.sorted().joined(separator: ", "))")
            }
            if let keyID = body.signingKeyId {
                guard let key = try self.store.key(id: keyID), key.org == connector.org else {
                    throw RegistryError(.badRequest, "signing key \(keyID) is not registered for org \(connector.org)")
                }
            }
            if try self.store.version(connector.org, connector.name, body.version) != nil {
                throw RegistryError(
                    .conflict, "version \(body.version) of \(connector.org)/\(connector.name) already exists")
            }
            let record = VersionRecord(
                org: connector.org, name: connector.name, version: body.version, state: .pending,
                description: body.description, repositoryUrl: body.repositoryUrl, homepageUrl: body.homepageUrl,
                license: body.license, changelog: body.changelog, commitSha: body.commitSha, platforms: body.platforms,
                signingKeyId: body.signingKeyId, assets: [], createdAt: RegistryJSON.now())
            try self.store.save(record)
            return try self.json(["release": record], status: .created)
        }
        routes.get(RouterPath(versions)) { _, context in
            let connector = try self.connector(context)
            return try self.json(["versions": try self.store.versions(of: "\(connector.org)/\(connector.name)")])
        }
        routes.get(RouterPath(versions + "/{version}")) { _, context in
            try self.json(["release": try self.version(context)])
        }
        routes.post(RouterPath(versions + "/{version}/upload-urls")) { request, context in
            var version = try self.version(context)
            try self.requirePublisher(of: version.org, request)
            guard version.state == .pending || version.state == .uploading else {
                throw RegistryError(
                    .conflict, "version \(version.version) is \(version.state.rawValue): uploads are closed")
            }
            struct Body: Decodable { var platforms: [String]? }
            let platforms = try await self.body(request, as: Body.self).platforms ?? version.platforms
            guard platforms.allSatisfy(version.platforms.contains) else {
                throw RegistryError(
                    .badRequest, "platforms must be among the version's: \(version.platforms.joined(separator: ", "))")
            }
            var urls: [String: String] = [:]
            let expires = Int(Date().timeIntervalSince1970) + Int(self.uploadURLLifetime.components.seconds)
            for platform in platforms {
                for kind in UploadKind.allCases where kind != .signature || version.signingKeyId != nil {
                    urls["\(platform)/\(kind.rawValue)"] = self.uploadURL(version, platform, kind, expires: expires)
                }
            }
            version.failureReason = nil
            try self.store.save(version)
            return try self.json(["uploadUrls": urls])
        }
        routes.post(RouterPath(versions + "/{version}/finalize")) { request, context in
            var version = try self.version(context)
            try self.requirePublisher(of: version.org, request)
            guard version.state == .uploading || version.state == .pending else {
                throw RegistryError(
                    .conflict, "version \(version.version) is \(version.state.rawValue), not awaiting finalize")
            }
            struct Body: Decodable { var assets: [AssetRecord] }
            version.assets = try await self.body(request, as: Body.self).assets
            version.state = .validating
            try self.store.save(version)
            self.validate(version)
            return try self.json(["release": version])
        }
        routes.get(RouterPath(versions + "/{version}/assets/{platform}/{kind}")) { _, context in
            let version = try self.version(context)
            guard version.state == .published || version.state == .yanked else {
                throw RegistryError(
                    .notFound, "version \(version.version) is \(version.state.rawValue): nothing to download")
            }
            guard let kind = UploadKind(rawValue: context.pathParameter("kind")) else {
                throw RegistryError(.notFound, "unknown asset kind")
            }
            let id = RegistryStore.uploadID(version, context.pathParameter("platform"), kind)
            guard let content = try self.store.upload(id: id) else {
                throw RegistryError(.notFound, "no \(kind.rawValue) for \(context.pathParameter("platform"))")
            }
            var headers = HTTPFields()
            headers[.contentType] = kind == .binary ? "application/gzip" : "text/plain"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: content)))
        }
        routes.get("\(Self.api)/releases") { request, _ in
            let caller = try self.caller(request)
            let query = request.queryItems
            var all = try self.store.versions(of: query["connector"])
            if case .publisher(let org) = caller { all.removeAll { $0.org != org } }
            if caller == .anonymous { throw RegistryError(.unauthorized, "authentication required") }
            if let state = query["state"], !state.isEmpty { all.removeAll { $0.state.rawValue != state.uppercased() } }
            return try self.json(["versions": all])
        }
    }

    // MARK: Uploads

    func addUploadRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.put("\(Self.api)/uploads/{org}/{name}/{version}/{platform}/{kind}") { request, context in
            let query = request.queryItems
            let path = request.uri.path
            guard let expires = query["expires"].flatMap(Int.init), let signature = query["signature"],
                signature == self.uploadSignature(path: path, expires: expires)
            else { throw RegistryError(.forbidden, "upload URL signature does not match") }
            guard expires >= Int(Date().timeIntervalSince1970) else {
                throw RegistryError(.forbidden, "upload URL expired")
            }
            var version = try self.version(context)
            guard version.state == .pending || version.state == .uploading else {
                throw RegistryError(
                    .conflict, "version \(version.version) is \(version.state.rawValue): uploads are closed")
            }
            guard let kind = UploadKind(rawValue: context.pathParameter("kind")) else {
                throw RegistryError(.notFound, "unknown upload kind")
            }
            let content = try await request.collectBody(upTo: 512 << 20)
            try self.store.storeUpload(
                Data(content), id: RegistryStore.uploadID(version, context.pathParameter("platform"), kind),
                version: "\(version.org)/\(version.name)@\(version.version)")
            if version.state == .pending {
                version.state = .uploading
                try self.store.save(version)
            }
            return Response(status: .ok)
        }
    }

    /// A presigned URL for one platform and kind: HMAC-SHA256 over the path and expiry.
    func uploadURL(_ version: VersionRecord, _ platform: String, _ kind: UploadKind, expires: Int) -> String {
        let path = "\(Self.api)/uploads/\(version.org)/\(version.name)/\(version.version)/\(platform)/\(kind.rawValue)"
        let base = baseURL.withLock { $0 }
        return "\(base)\(path)?expires=\(expires)&signature=\(uploadSignature(path: path, expires: expires))"
    }

    func uploadSignature(path: String, expires: Int) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("PUT\n\(path)\n\(expires)".utf8), using: SymmetricKey(data: uploadSecret))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Keys

    func addKeyRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.post("\(Self.api)/orgs/{org}/keys") { request, context in
            let org = context.pathParameter("org")
            try self.requirePublisher(of: org, request)
            struct Body: Decodable {
                var name: String
                var type: String
                var publicKey: String
            }
            let body = try await self.body(request, as: Body.self)
            let type = body.type.uppercased()
            guard type == "COSIGN" || type == "GPG" else {
                throw RegistryError(.badRequest, "key type must be COSIGN or GPG")
            }
            guard Self.isName(body.name) else { throw RegistryError(.badRequest, "invalid key name") }
            if type == "COSIGN", (try? P256.Signing.PublicKey(pemRepresentation: body.publicKey)) == nil {
                throw RegistryError(.badRequest, "a COSIGN key must be a PEM ECDSA P-256 public key")
            }
            if type == "GPG", !body.publicKey.contains("BEGIN PGP PUBLIC KEY BLOCK") {
                throw RegistryError(.badRequest, "a GPG key must be an armored public key block")
            }
            let id = "\(org)/\(body.name)"
            if try self.store.key(id: id) != nil { throw RegistryError(.conflict, "key \(id) already exists") }
            let key = KeyRecord(
                id: id, org: org, name: body.name, type: type, publicKey: body.publicKey, createdAt: RegistryJSON.now())
            try self.store.save(key)
            return try self.json(["key": key], status: .created)
        }
        routes.get("\(Self.api)/orgs/{org}/keys") { _, context in
            try self.json(["keys": try self.store.keys(of: context.pathParameter("org"))])
        }
    }

    // MARK: Admin

    func addAdminRoutes(to routes: RouterGroup<MockRequestContext>) {
        struct Reason: Decodable { var reason: String }
        routes.post("\(Self.api)/connectors/{org}/{name}/versions/{version}/yank") { request, context in
            try self.requireAdmin(request)
            var version = try self.version(context)
            let reason = try await self.body(request, as: Reason.self).reason
            guard !reason.isEmpty else { throw RegistryError(.badRequest, "a reason is required") }
            guard version.state == .published || version.state == .yanked else {
                throw RegistryError(
                    .conflict, "only a published version can be yanked (it is \(version.state.rawValue))")
            }
            version.state = .yanked
            version.yankReason = reason
            try self.store.save(version)
            var connector = try self.connector(context)
            if connector.stableVersion == version.version {
                connector.stableVersion = nil
                try self.store.save(connector)
            }
            return try self.json(["release": version])
        }
        routes.post("\(Self.api)/connectors/{org}/{name}/stable") { request, context in
            try self.requireAdmin(request)
            struct Body: Decodable { var version: String }
            let wanted = try await self.body(request, as: Body.self).version
            var connector = try self.connector(context)
            guard let version = try self.store.version(connector.org, connector.name, wanted) else {
                throw RegistryError(.notFound, "version \(wanted) not found")
            }
            guard version.state == .published else {
                throw RegistryError(
                    .conflict, "only a published version can be stable (it is \(version.state.rawValue))")
            }
            connector.stableVersion = wanted
            try self.store.save(connector)
            return try self.json(["connector": connector])
        }
        routes.post("\(Self.api)/connectors/{org}/{name}/deprecate") { request, context in
            try self.requireAdmin(request)
            let reason = try await self.body(request, as: Reason.self).reason
            guard !reason.isEmpty else { throw RegistryError(.badRequest, "a reason is required") }
            var connector = try self.connector(context)
            connector.deprecated = true
            connector.deprecationReason = reason
            try self.store.save(connector)
            return try self.json(["connector": connector])
        }
    }

    // MARK: Lookups

    func connector(_ context: MockRequestContext) throws -> ConnectorRecord {
        let org = context.pathParameter("org")
        let name = context.pathParameter("name")
        guard let connector = try store.connector(org, name) else {
            throw RegistryError(.notFound, "connector \(org)/\(name) not found")
        }
        return connector
    }

    func version(_ context: MockRequestContext) throws -> VersionRecord {
        let connector = try connector(context)
        let wanted = context.pathParameter("version")
        guard let version = try store.version(connector.org, connector.name, wanted) else {
            throw RegistryError(.notFound, "version \(wanted) of \(connector.org)/\(connector.name) not found")
        }
        return version
    }

    /// The publishing guide's platforms.
    static let platforms: Set<String> = ["darwin-amd64", "darwin-arm64", "linux-amd64", "linux-arm64", "windows-amd64"]

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            && text.first != "-"
    }

    static func isSemanticVersion(_ text: String) -> Bool {
        guard text.hasPrefix("v") else { return false }
        let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
