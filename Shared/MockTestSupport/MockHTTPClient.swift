import AsyncHTTPClient
public import MockKit
public import NIOCore
public import NIOHTTP1

/// One answer of a mock, as its tests read it.
public struct MockReply: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// The body parsed as JSON.
    public func json() throws -> JSONValue { try JSONValue(parsing: body) }
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
    /// Every value of a header, one per header line.
    public func header(_ name: String) -> [String] { headers[name] }
}

/// Talks to a running mock the way a client would (AsyncHTTPClient, keep-alive); each service's
/// tests wrap it with their default credentials and their paging helpers.
public struct MockHTTPClient: Sendable {
    public let baseURL: String
    /// The `Authorization` header sent, if any.
    public var authorization: String?
    /// The `Accept` header sent, if any.
    public var accept: String?

    /// A client that sends nothing but what each call gives, to whole URLs (the mock kit's own tests).
    public static let plain = MockHTTPClient(baseURL: "", authorization: nil, accept: nil)

    public init(baseURL: String, authorization: String?, accept: String? = "application/json") {
        self.baseURL = baseURL
        self.authorization = authorization
        self.accept = accept
    }

    /// Sends a request to a path under `baseURL` (or to a whole URL) with an optional JSON, form or raw body.
    public func send(
        _ method: HTTPMethod, _ pathOrURL: String, json: String? = nil, form: String? = nil,
        headers: [String: String] = [:], body: [UInt8]? = nil, timeout: TimeAmount = .seconds(60)
    ) async throws -> MockReply {
        var request = HTTPClientRequest(url: pathOrURL.hasPrefix("http") ? pathOrURL : baseURL + pathOrURL)
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let accept { request.headers.add(name: "Accept", value: accept) }
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        } else if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        } else if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        var buffer = try await response.body.collect(upTo: 256 << 20)
        return MockReply(
            status: Int(response.status.code), headers: response.headers,
            body: buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    /// `GET`.
    public func get(_ pathOrURL: String) async throws -> MockReply {
        try await send(.GET, pathOrURL)
    }

    /// The mock's ground truth (`GET /__mock/truth`).
    public func truth() async throws -> JSONValue {
        try await get("/__mock/truth").json()
    }
}
