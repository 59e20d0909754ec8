import HTTPTypes
public import Hummingbird
public import MockKit
import Synchronization

extension OktaMock {
    /// `SSWS <api token>`, or `Bearer <token>` issued by `/oauth2/v1/token`; the token endpoint itself
    /// is open. Anything else gets Okta's 401 `E0000011`.
    public func authenticate(_ request: Request, context: MockRequestContext) -> Response? {
        if request.uri.path.hasPrefix("/oauth2/") { return nil }
        let header = request.headers[.authorization] ?? ""
        if header.hasPrefix("SSWS ") {
            let token = header.dropFirst(5)
            return session.withLock { token == $0.apiToken } ? nil : OktaAPIError.invalidToken.render()
        }
        if header.hasPrefix("Bearer ") {
            let token = String(header.dropFirst(7))
            let now = Timestamp.now()
            if session.withLock({ $0.issuedTokens[token].map { $0.expires > now } ?? false }) { return nil }
            var error = OktaAPIError.invalidToken
            error.headers[.wwwAuthenticate] =
                #"Bearer realm="IdpMyAccountAPI", error="invalid_token", "#
                + #"error_description="The access token is invalid.""#
            return error.render()
        }
        return OktaAPIError.invalidToken.render()
    }

    func addOAuthRoutes(to routes: RouterGroup<MockRequestContext>) {
        routes.post("/oauth2/v1/token") { request, _ in
            let form = QueryString.parseForm(try await request.collectBody())
            return self.issueToken(form)
        }
    }

    /// The client-credentials grant with a `private_key_jwt` client assertion (RFC 7523).
    func issueToken(_ form: [String: String]) -> Response {
        guard form["grant_type"] == "client_credentials" else {
            return oauthError(.badRequest, "unsupported_grant_type", "The grant_type is not supported.")
        }
        guard form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            let assertion = form["client_assertion"]
        else {
            return oauthError(.unauthorized, "invalid_client", "Client authentication failed.")
        }
        let baseURL = session.withLock { $0.baseURL }
        let now = Timestamp.now()
        let verified: (client: OktaOAuthClient, jti: String)
        switch verifyAssertion(assertion, tokenURL: "\(baseURL)/oauth2/v1/token", now: now, form: form) {
        case .success(let value): verified = value
        case .failure(let failure): return oauthError(.unauthorized, "invalid_client", failure.message)
        }
        let requested = (form["scope"] ?? "").split(separator: " ").map(String.init)
        guard !requested.isEmpty else {
            return oauthError(
                .badRequest, "invalid_scope",
                "The authorization server resource does not have any configured default scopes, "
                    + "'scope' must be provided.")
        }
        let granted = requested.filter(verified.client.grantedScopes.contains)
        guard !granted.isEmpty else {
            return oauthError(.badRequest, "invalid_scope", "One or more scopes are not configured for the client.")
        }
        let result: String? = session.withLock { session in
            guard session.usedAssertionIDs.insert(verified.jti).inserted else { return nil }
            let token = "mock-at-" + session.tokenRandom.alphanumeric(40)
            session.issuedTokens[token] = OktaIssuedToken(
                clientID: verified.client.clientID, scopes: granted, expires: now.adding(seconds: 3600))
            return token
        }
        guard let token = result else {
            return oauthError(.unauthorized, "invalid_client", "The client_assertion token has already been used.")
        }
        var json = JSONWriter()
        json.object { json in
            json.field("token_type", "Bearer")
            json.field("expires_in", 3600)
            json.field("access_token", token)
            json.field("scope", granted.joined(separator: " "))
        }
        return .json(json.bytes, headers: [.cacheControl: "no-store", .pragmaHeader: "no-cache"])
    }

    private struct AssertionFailure: Error {
        var message: String
    }

    private func verifyAssertion(
        _ assertion: String, tokenURL: String, now: Timestamp, form: [String: String]
    ) -> Result<(client: OktaOAuthClient, jti: String), AssertionFailure> {
        // The client is named by the unverified `iss`; its key then has to verify the signature.
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let claimBytes = Base64URL.decode(parts[1]),
            let issuer = (try? JSONValue(parsing: claimBytes))?["iss"]?.stringValue,
            let client = configuration.oauthClients.first(where: { $0.clientID == issuer })
        else {
            return .failure(AssertionFailure(message: "The client_assertion is invalid or names an unknown client."))
        }
        let jwt: VerifiedJWT
        do {
            jwt = try client.publicKey.verify(assertion)
        } catch {
            return .failure(AssertionFailure(message: "The client_assertion signature is invalid."))
        }
        let claims = jwt.claims
        if let keyID = client.keyID, jwt.header["kid"]?.stringValue != keyID {
            return .failure(AssertionFailure(message: "The client_assertion kid does not match a registered key."))
        }
        if let formClient = form["client_id"], formClient != client.clientID {
            return .failure(AssertionFailure(message: "The client_id does not match the client_assertion."))
        }
        guard claims["sub"]?.stringValue == client.clientID else {
            return .failure(AssertionFailure(message: "The client_assertion sub must equal the client_id."))
        }
        let audience = claims["aud"]?.stringValue ?? claims["aud"]?.arrayValue?.first?.stringValue
        guard audience == tokenURL else {
            return .failure(AssertionFailure(message: "The client_assertion aud must be the token endpoint URL."))
        }
        guard let expiry = claims["exp"]?.intValue, Int64(expiry) > now.epochSeconds else {
            return .failure(AssertionFailure(message: "The client_assertion token is expired."))
        }
        if let issuedAt = claims["iat"]?.intValue, Int64(expiry - issuedAt) > 3600 {
            return .failure(AssertionFailure(message: "The client_assertion lifetime exceeds one hour."))
        }
        guard let jti = claims["jti"]?.stringValue, !jti.isEmpty else {
            return .failure(AssertionFailure(message: "The client_assertion must have a jti claim."))
        }
        return .success((client, jti))
    }

    private func oauthError(_ status: HTTPResponse.Status, _ code: String, _ description: String) -> Response {
        var json = JSONWriter()
        json.object { json in
            json.field("error", code)
            json.field("error_description", description)
        }
        return .json(json.bytes, status: status, headers: [.cacheControl: "no-store", .pragmaHeader: "no-cache"])
    }
}
