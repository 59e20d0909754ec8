import AsyncHTTPClient
import Crypto
import Foundation
import MockKit
import MockOkta
import NIOCore
import NIOHTTP1

/// Talks to a running Okta mock the way a connector would: AsyncHTTPClient, keep-alive, SSWS by default.
struct OktaTestClient {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        func json() throws -> JSONValue { try JSONValue(parsing: body) }

        /// The `Link` header lines, each as sent.
        var links: [String] { headers["Link"] }

        /// The URL of the `rel="next"` link, if any.
        var nextURL: String? {
            links.first { $0.hasSuffix(#"rel="next""#) }.flatMap { line in
                line.split(separator: ">").first.map { String($0.dropFirst()) }
            }
        }
    }

    let baseURL: String
    var authorization: String? = "SSWS \(OktaMock.defaultAPIToken)"

    func get(_ pathOrURL: String) async throws -> Reply {
        try await send(.GET, pathOrURL)
    }

    func send(
        _ method: HTTPMethod, _ pathOrURL: String, json: String? = nil, form: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: pathOrURL.hasPrefix("http") ? pathOrURL : baseURL + pathOrURL)
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        } else if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        var buffer = try await response.body.collect(upTo: 256 << 20)
        return Reply(
            status: Int(response.status.code), headers: response.headers,
            body: buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    /// The mock's ground truth.
    func truth() async throws -> JSONValue {
        try await get("/__mock/truth").json()
    }
}

extension JSONValue {
    /// The `id`s of an array of objects.
    var ids: [String] { (arrayValue ?? []).compactMap { $0["id"]?.stringValue } }

    /// An array of strings.
    var strings: [String] { (arrayValue ?? []).compactMap(\.stringValue) }
}

/// SHA-256 of bytes, hex.
func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}

extension Array where Element == JSONValue {
    /// The `id`s of the objects.
    var ids: [String] { compactMap { $0["id"]?.stringValue } }
}
