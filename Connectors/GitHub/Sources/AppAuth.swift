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
    private let http: BatonHTTPClient
    private var installationID: Int?
    private var current: (token: String, expires: Date)?
    private var minting: Task<String, any Error>?

    /// - Parameter http: a client whose ``BatonHTTPClient/Configuration/baseURL`` is the REST API's.
    init(appID: String, key: JWTSigningKey, org: String, http: BatonHTTPClient) {
        self.appID = appID
        self.key = key
        self.org = org
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
        let auth: HTTPHeaderFields = [
            "Authorization": "Bearer \(try makeJWT())", "Accept": "application/vnd.github+json",
        ]
        if installationID == nil {
            installationID = try await http.get(
                GitHubInstallationRecord.self, "/orgs/\(segment: org)/installation", headers: auth, noCache: true
            ).id
        }
        let response = try await http.send(
            .post, "/app/installations/\(installationID ?? 0)/access_tokens", headers: auth, isIdempotent: true)
        guard response.status == 201 else {
            throw BatonError(.unavailable, "github: installation token request answered \(response.status), not 201")
        }
        let minted = try response.decodeJSON(GitHubAccessToken.self)
        let expires = ISO8601DateFormatter().date(from: minted.expiresAt) ?? Date().addingTimeInterval(3000)
        current = (minted.token, expires)
        return minted.token
    }

    /// The App's JWT: issued a minute ago against clock drift, valid ten minutes (GitHub's maximum).
    private func makeJWT(now: Date = Date()) throws -> String {
        struct Claims: Encodable {
            var iat: Int64
            var exp: Int64
            var iss: String
        }
        let issued = Int64(now.timeIntervalSince1970) - 60
        return try JWTAssertion.sign(Claims(iat: issued, exp: issued + 660, iss: appID), key: key)
    }
}
