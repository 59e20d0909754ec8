import BatonHTTP
import BatonSDK
import Foundation

/// GitHub App authentication: an RS256 JWT (`iss` = App id, `iat` = now − 60 s, `exp` = now + 10 min)
/// finds the installation on the org (`GET /orgs/{org}/installation`) and mints an installation token
/// (`POST /app/installations/{id}/access_tokens`, 201). The token is reused until a minute before it
/// expires, and minted again after a 401.
actor GitHubAppAuthenticator: Authenticator {
    private let appID: String
    private let key: JWTSigningKey
    private let org: String
    private let restBase: URL
    private let http: BatonHTTPClient
    private var installationID: Int?
    private var current: (token: String, expires: Date)?
    private var minting: Task<String, any Error>?

    init(appID: String, key: JWTSigningKey, org: String, restBase: URL, http: BatonHTTPClient) {
        self.appID = appID
        self.key = key
        self.org = org
        self.restBase = restBase
        self.http = http
    }

    nonisolated func authorize(_ request: inout HTTPRequest) async throws {
        request.headers["Authorization"] = "Bearer \(try await token())"
    }

    func didReceiveUnauthorized(for request: HTTPRequest) async -> Bool {
        current = nil
        return true
    }

    /// A valid installation token, minted when needed (concurrent callers share one mint).
    func token() async throws -> String {
        if let current, current.expires.timeIntervalSinceNow > 60 { return current.token }
        if let minting { return try await minting.value }
        let task = Task { try await self.mint() }
        minting = task
        defer { minting = nil }
        return try await task.value
    }

    private func mint() async throws -> String {
        let jwt = try makeJWT()
        let auth: HTTPHeaderFields = [
            "Authorization": "Bearer \(jwt)", "Accept": "application/vnd.github+json",
        ]
        if installationID == nil {
            let url = URL(string: restBase.absoluteString + "/orgs/\(BatonHTTPClient.pathSegment(org))/installation")
            let response = try await http.send(HTTPRequest(.get, url: url ?? restBase, headers: auth, noCache: true))
            installationID = try response.decodeJSON(GitHubInstallationRecord.self).id
        }
        let id = installationID ?? 0
        let url = URL(string: restBase.absoluteString + "/app/installations/\(id)/access_tokens") ?? restBase
        let response = try await http.send(HTTPRequest(.post, url: url, headers: auth, isIdempotent: true))
        guard response.status == 201 else {
            throw BatonError(.unavailable, "github: installation token request answered \(response.status), not 201")
        }
        let minted = try response.decodeJSON(GitHubAccessToken.self)
        let expires = ISO8601DateFormatter().date(from: minted.expiresAt) ?? Date().addingTimeInterval(3000)
        current = (minted.token, expires)
        return minted.token
    }

    private func makeJWT(now: Date = Date()) throws -> String {
        struct Claims: Encodable {
            var iat: Int64
            var exp: Int64
            var iss: String
        }
        let issued = Int64(now.timeIntervalSince1970) - 60
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let header = try encoder.encode(["alg": "RS256", "typ": "JWT"])
        let claims = try encoder.encode(Claims(iat: issued, exp: issued + 660, iss: appID))
        let input = Self.base64URL(header) + "." + Self.base64URL(claims)
        return input + "." + Self.base64URL(try key.sign(Data(input.utf8)))
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
