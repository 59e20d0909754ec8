import BatonSDK
import Foundation

extension OAuth2ClientCredentials {
    /// Builds and sends the token request, and turns the answer into a token or a clear error without secrets.
    struct TokenRequest: Sendable {
        let configuration: Configuration

        func fetch(using client: BatonHTTPClient, now: Date = Date()) async throws -> OAuth2Token {
            let request = try makeRequest(now: now)
            let response: HTTPResponse
            do {
                response = try await client.send(request)
            } catch let error as BatonError {
                // The client's messages start with "POST host/path: ", which the prefix already says.
                let redundant = "\(request.method) \(request.target): "
                let detail =
                    error.message.hasPrefix(redundant)
                    ? String(error.message.dropFirst(redundant.count)) : error.message
                throw BatonError(
                    error.code, scrub("\(prefix) failed: \(detail)"), httpStatus: error.httpStatus,
                    rateLimit: error.rateLimit)
            }
            guard response.isSuccess else { throw endpointError(response) }
            let body: TokenResponse
            do {
                body = try response.decodeJSON(TokenResponse.self, requireJSONContentType: false)
            } catch {
                throw BatonError(
                    .unknown, "\(prefix): the response is not a token JSON object", httpStatus: 200)
            }
            guard let accessToken = body.accessToken, !accessToken.isEmpty else {
                throw BatonError(
                    .unknown, "\(prefix): the response has no access_token", httpStatus: response.status)
            }
            return OAuth2Token(
                accessToken: accessToken, tokenType: body.tokenType ?? "Bearer", expiresIn: body.expiresIn,
                scope: body.scope, skew: configuration.refreshSkew, now: now)
        }

        func makeRequest(now: Date) throws -> HTTPRequest {
            var form: [(String, String)] = [("grant_type", "client_credentials")]
            if !configuration.scopes.isEmpty {
                form.append(("scope", configuration.scopes.joined(separator: " ")))
            }
            if let audience = configuration.audience {
                form.append(("audience", audience))
            }
            var headers: HTTPHeaderFields = ["Accept": "application/json"]
            switch configuration.authentication {
            case .clientSecretBasic(let secret):
                // RFC 6749 §2.3.1: both parts form-encoded before Base64.
                let pair =
                    FormEncoding.escape(configuration.clientID, spaceAsPlus: true) + ":"
                    + FormEncoding.escape(secret, spaceAsPlus: true)
                headers["Authorization"] = "Basic " + Data(pair.utf8).base64EncodedString()
            case .clientSecretPost(let secret):
                form.append(("client_id", configuration.clientID))
                form.append(("client_secret", secret))
            case .privateKeyJWT(let key, let keyID):
                let assertion = try JWTAssertion.make(
                    clientID: configuration.clientID,
                    audience: configuration.assertionAudience ?? configuration.tokenURL.absoluteString,
                    key: key, keyID: keyID, now: now)
                form.append(("client_id", configuration.clientID))
                form.append(
                    ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
                form.append(("client_assertion", assertion))
            }
            form += configuration.extraParameters
            // Repeating a client-credentials grant only mints another token, so retries are safe.
            return HTTPRequest(
                .post, url: configuration.tokenURL, headers: headers, body: .form(form), isIdempotent: true,
                noCache: true, acceptedStatuses: Self.answeredStatuses)
        }

        /// Client errors carry an RFC 6749 error body to read; 408, 429 and 5xx go through the client's retries.
        static let answeredStatuses = Set(400..<500).subtracting([408, 429])

        private var prefix: String {
            "OAuth2 token request to \(HTTPRequest(.post, url: configuration.tokenURL).target)"
        }

        /// The error for a non-2xx token response, from its RFC 6749 §5.2 body when there is one.
        func endpointError(_ response: HTTPResponse) -> BatonError {
            let body = try? JSONDecoder().decode(TokenErrorResponse.self, from: response.body)
            guard let body, let code = body.error, !code.isEmpty else {
                let excerpt = BodyExcerpt.make(from: response.body)
                let message =
                    "\(prefix) failed: HTTP \(response.status) \(response.reason)"
                    + (excerpt.isEmpty ? "" : ": \(excerpt)")
                return BatonError(
                    HTTPStatusMapping.code(for: response.status), scrub(message), httpStatus: response.status,
                    rateLimit: response.rateLimit)
            }
            var message = "\(prefix) failed: \(code)"
            if let description = body.errorDescription, !description.isEmpty {
                message += ": " + BodyExcerpt.make(from: Array(description.utf8))
            }
            if let hint = Self.hints[code] {
                message += " (\(hint))"
            }
            return BatonError(
                Self.codes[code] ?? HTTPStatusMapping.code(for: response.status), scrub(message),
                httpStatus: response.status, rateLimit: response.rateLimit)
        }

        private static let codes: [String: BatonError.Code] = [
            "invalid_client": .unauthenticated,
            "unauthorized_client": .permissionDenied,
            "invalid_grant": .unauthenticated,
            "access_denied": .permissionDenied,
            "invalid_scope": .invalidArgument,
            "invalid_request": .invalidArgument,
            "unsupported_grant_type": .invalidArgument,
            "temporarily_unavailable": .unavailable,
            "server_error": .unavailable,
        ]

        private static let hints: [String: String] = [
            "invalid_client": "check the client ID and the client secret or private key",
            "unauthorized_client": "the client may not use the client-credentials grant",
            "invalid_scope": "check the requested scopes",
            "unsupported_grant_type": "the server does not offer the client-credentials grant",
        ]

        /// Removes every spelling of the client secret a server might echo.
        func scrub(_ text: String) -> String {
            guard let secret = configuration.authentication.secret, !secret.isEmpty else { return text }
            var text = text
            for spelling in Set([
                secret, FormEncoding.escape(secret, spaceAsPlus: true),
                FormEncoding.escape(secret, spaceAsPlus: false),
            ]) {
                text = text.replacingOccurrences(of: spelling, with: Redaction.placeholder)
            }
            return text
        }
    }

    struct TokenResponse: Decodable {
        var accessToken: String?
        var tokenType: String?
        var expiresIn: TimeInterval?
        var scope: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case tokenType = "token_type"
            case expiresIn = "expires_in"
            case scope
        }

        init(from decoder: any Swift.Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            accessToken = try container.decodeIfPresent(String.self, forKey: .accessToken)
            tokenType = try container.decodeIfPresent(String.self, forKey: .tokenType)
            scope = try? container.decodeIfPresent(String.self, forKey: .scope)
            // Some servers send expires_in as a string.
            if let seconds = try? container.decodeIfPresent(Double.self, forKey: .expiresIn) {
                expiresIn = seconds
            } else if let text = try? container.decodeIfPresent(String.self, forKey: .expiresIn) {
                expiresIn = TimeInterval(text)
            }
        }
    }

    struct TokenErrorResponse: Decodable {
        var error: String?
        var errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }
}
