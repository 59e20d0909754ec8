import AsyncHTTPClient
import BatonSDK
public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Access tokens for ConductorOne: a client-credentials exchange at `https://<host>/auth/v1/token` with a signed
/// client assertion, cached and renewed 10 s before expiry (as Go's oauth2 reuse does). Concurrent callers share
/// one exchange. Neither the token nor the key ever reaches a log or an error message.
public actor C1TokenSource {
    /// A bearer token and when it stops being usable.
    public struct Token: Sendable {
        public let type: String
        public let value: String
        public let expiry: Date

        /// The `authorization` header value (`Bearer` when the server named no type or `bearer`).
        public var header: String {
            let kind = type.isEmpty || type.lowercased() == "bearer" ? "Bearer" : type
            return "\(kind) \(value)"
        }
    }

    private let clientID: C1ClientID
    private let secret: C1ClientSecret
    private let endpoint: C1Endpoint
    private let http: HTTPClient
    private let now: @Sendable () -> Date
    private var cached: Token?
    private var pending: Task<Token, any Error>?
    /// Exchanges made, for tests and the health view.
    public private(set) var exchanges = 0

    static let renewBefore: TimeInterval = 10
    static let requestTimeout: TimeAmount = .seconds(30)

    public init(
        clientID: C1ClientID, secret: C1ClientSecret, endpoint: C1Endpoint,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.clientID = clientID
        self.secret = secret
        self.endpoint = endpoint
        self.now = now
        var configuration = HTTPClient.Configuration(tlsConfiguration: endpoint.tls)
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(30), read: .seconds(30))
        http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    /// A token valid for at least 10 more seconds.
    ///
    /// - Throws: ``BatonError`` `.unauthenticated` when ConductorOne refuses the client, `.unavailable` when it
    ///   cannot be reached.
    public func token() async throws -> Token {
        if let cached, cached.expiry.timeIntervalSince(now()) > Self.renewBefore { return cached }
        if let pending { return try await pending.value }
        let exchange = Task { try await self.exchange() }
        pending = exchange
        defer { pending = nil }
        let token = try await exchange.value
        cached = token
        return token
    }

    /// Forgets the cached token (after ConductorOne said Unauthenticated to it).
    public func invalidate() { cached = nil }

    /// Closes the HTTP client.
    public func shutdown() async { try? await http.shutdown() }

    private func exchange() async throws -> Token {
        exchanges += 1
        let assertion = try C1ClientAssertion.make(clientID: clientID, secret: secret, now: now())
        var request = HTTPClientRequest(url: "https://\(endpoint.authority)/auth/v1/token")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "accept", value: "application/json")
        request.headers.add(name: "user-agent", value: "baton-c1-credential-provider")
        let form = [
            ("client_id", clientID.rawValue), ("grant_type", "client_credentials"),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", assertion),
        ].map { "\($0)=\(Self.formEncode($1))" }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: form))

        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: Self.requestTimeout)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw BatonError(
                .unavailable, "failed to get token: cannot reach \(endpoint.authority): \(Self.describe(error))")
        }
        guard response.status == .ok else {
            throw BatonError(
                .unauthenticated, "failed to get token: \(response.status.code) \(response.status.reasonPhrase)")
        }
        struct Answer: Decodable {
            var access_token: String?
            var token_type: String?
            var expires_in: Int64?
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(body.readableBytesView)) else {
            throw BatonError(.unauthenticated, "failed to get token: the answer is not a token response")
        }
        guard let value = answer.access_token, !value.isEmpty else {
            throw BatonError(.unauthenticated, "failed to get token: the answer has no access_token")
        }
        // No expires_in means no expiry in oauth2; an hour keeps us asking now and then anyway.
        let lifetime = TimeInterval(max(0, answer.expires_in ?? 3600))
        return Token(type: answer.token_type ?? "", value: value, expiry: now().addingTimeInterval(lifetime))
    }

    /// `application/x-www-form-urlencoded` value encoding.
    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(
            of: "%20", with: "+")
    }

    /// A transport error in one line.
    static func describe(_ error: any Error) -> String {
        String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
