import AsyncHTTPClient
import Foundation
import MockJira
import MockKit
import NIOCore
import NIOHTTP1

/// Talks to a running Jira mock the way a client would: AsyncHTTPClient with Basic auth by default.
struct JiraTestClient {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        func json() throws -> JSONValue { try JSONValue(parsing: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func basic(_ email: String, _ token: String) -> String {
        "Basic " + Data("\(email):\(token)".utf8).base64EncodedString()
    }

    let baseURL: String
    var authorization: String? = basic(JiraMock.defaultEmail, JiraMock.defaultAPIToken)

    func get(_ path: String) async throws -> Reply {
        try await send(.GET, path)
    }

    func send(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : baseURL + path)
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.headers.add(name: "Accept", value: "application/json")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        var buffer = try await response.body.collect(upTo: 256 << 20)
        return Reply(
            status: Int(response.status.code), headers: response.headers,
            body: buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func truth() async throws -> JSONValue {
        try await get("/__mock/truth").json()
    }
}

extension JSONValue {
    /// The strings of an array.
    var strings: [String] { (arrayValue ?? []).compactMap(\.stringValue) }

    /// The values of `key` in an array of objects.
    func values(_ key: String) -> [String] { (arrayValue ?? []).compactMap { $0[key]?.stringValue } }
}

/// Starts a mock of the given size for the body.
func withJiraMock<Result: Sendable>(
    size: TenantSize = .tiny, options: MockOptions = MockOptions(), _ body: (JiraTestClient) async throws -> Result
) async throws -> Result {
    try await MockServer.withRunning(JiraMock(size: size), options: options) { server in
        try await body(JiraTestClient(baseURL: server.baseURL))
    }
}
