import HTTPTypes
public import Hummingbird
public import MockKit
import Synchronization

extension GitHubMock {
    /// `Bearer` or `token` with the PAT or an unexpired installation token. The App endpoints take the
    /// App's RS256 JWT instead. Anything else gets GitHub's 401 `Bad credentials`.
    public func authenticate(_ request: Request, context: MockRequestContext) -> Response? {
        guard let credential = Self.credential(request.headers[.authorization]) else {
            return GitHubAPIError(status: .unauthorized, message: "Requires authentication").render()
        }
        let path = Self.restPath(request.uri.path)
        if Self.isAppPath(path, method: request.method) {
            switch verifyAppJWT(credential) {
            case .success: return nil
            case .failure(let error): return error.render()
            }
        }
        let now = Timestamp.now()
        let valid = session.withLock { session in
            credential == session.token || session.installationTokens[credential].map { $0.expires > now } ?? false
        }
        return valid ? nil : GitHubAPIError.badCredentials.render()
    }

    /// The credential of `Bearer x` or `token x`.
    static func credential(_ header: String?) -> String? {
        guard let header else { return nil }
        for scheme in ["bearer ", "token "] where header.lowercased().hasPrefix(scheme) {
            let value = String(header.dropFirst(scheme.count).drop { $0 == " " })
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The REST path without the GHES `/api/v3` prefix.
    static func restPath(_ path: String) -> Substring {
        path.hasPrefix("/api/v3/") ? path.dropFirst("/api/v3".count) : Substring(path)
    }

    /// The endpoints that authenticate as the App (JWT) rather than as a user or installation.
    static func isAppPath(_ path: Substring, method: HTTPRequest.Method) -> Bool {
        if path == "/app" || path.hasPrefix("/app/installations") { return true }
        let parts = path.split(separator: "/")
        return method == .get && parts.count == 3 && parts[0] == "orgs" && parts[2] == "installation"
    }

    private func verifyAppJWT(_ token: String) -> Result<Void, GitHubAPIError> {
        let undecodable = GitHubAPIError(
            status: .unauthorized, message: "A JSON web token could not be decoded")
        guard let app = configuration.app else { return .failure(undecodable) }
        guard let jwt = try? app.publicKey.verify(token) else { return .failure(undecodable) }
        let claims = jwt.claims
        let issuer = claims["iss"]?.stringValue ?? claims["iss"]?.intValue.map(String.init)
        guard issuer == app.appID else {
            return .failure(GitHubAPIError(status: .unauthorized, message: "Integration not found"))
        }
        let now = Timestamp.now().epochSeconds
        guard let expiry = claims["exp"]?.intValue, let issuedAt = claims["iat"]?.intValue else {
            return .failure(GitHubAPIError(status: .unauthorized, message: "Missing 'iat' or 'exp' claim"))
        }
        guard Int64(expiry) > now else {
            return .failure(
                GitHubAPIError(
                    status: .unauthorized,
                    message: "'Expiration time' claim ('exp') must be a numeric value representing the future time"))
        }
        guard Int64(issuedAt) <= now + 60, expiry - issuedAt <= 660 else {
            return .failure(
                GitHubAPIError(
                    status: .unauthorized, message: "'Expiration time' claim ('exp') is too far in the future"))
        }
        return .success(())
    }

    func addAppRoutes(to routes: RouterGroup<MockRequestContext>) {
        route(routes, .get, "/orgs/{org}/installation") { request, context in
            let urls = self.urls(request)
            return .json(
                try self.tenant.withLock { tenant throws(GitHubAPIError) in
                    guard let org = tenant.org(login: context.pathParameter("org")),
                        let installation = tenant.installations.first(where: { $0.org == org })
                    else { throw GitHubAPIError.notFound }
                    let login = tenant.orgs[Int(org)].login
                    var json = JSONWriter()
                    json.object { json in
                        json.field("id", installation.id)
                        json.key("account")
                        tenant.writeOrgSummary(org, into: &json, urls: urls)
                        json.field("repository_selection", "all")
                        json.field(
                            "access_tokens_url", "\(urls.api)/app/installations/\(installation.id)/access_tokens")
                        json.field(
                            "html_url", "\(urls.web)/organizations/\(login)/settings/installations/\(installation.id)")
                        json.field("app_id", Int(self.configuration.app?.appID ?? "") ?? 0)
                        json.field("app_slug", "baton-connector")
                        json.field("target_id", tenant.orgs[Int(org)].id)
                        json.field("target_type", "Organization")
                    }
                    return json.bytes
                })
        }
        route(routes, .post, "/app/installations/{id}/access_tokens") { _, context in
            let id = Int(context.pathParameter("id")) ?? -1
            guard self.tenant.withLock({ $0.installations.contains { $0.id == id } }) else {
                throw GitHubAPIError.notFound
            }
            let lifetime = Int64(self.configuration.installationTokenLifetime)
            let expires = Timestamp.now().adding(seconds: lifetime)
            let token = self.session.withLock { session in
                let token = "ghs_" + session.tokenRandom.alphanumeric(36)
                session.installationTokens[token] = GitHubInstallationToken(installation: id, expires: expires)
                return token
            }
            var json = JSONWriter()
            json.object { json in
                json.field("token", token)
                json.field("expires_at", expires.iso8601)
                json.key("permissions")
                json.object { json in
                    json.field("members", "write")
                    json.field("administration", "write")
                    json.field("organization_administration", "read")
                    json.field("metadata", "read")
                }
                json.field("repository_selection", "all")
            }
            return .json(json.bytes, status: .created)
        }
    }
}
