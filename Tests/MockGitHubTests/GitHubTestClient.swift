import AsyncHTTPClient
import Foundation
import MockGitHub
import MockKit
import NIOCore
import NIOHTTP1

/// Talks to a running GitHub mock the way a REST client would: AsyncHTTPClient, Bearer PAT by default.
struct GitHubTestClient {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        func json() throws -> JSONValue { try JSONValue(parsing: body) }

        /// The `Link` header's URLs by relation.
        var links: [String: String] {
            var links: [String: String] = [:]
            for part in (headers.first(name: "Link") ?? "").split(separator: ",") {
                let pieces = part.split(separator: ";")
                guard pieces.count == 2, let rel = pieces[1].split(separator: "\"").dropFirst().first else { continue }
                links[String(rel)] = String(pieces[0].trimmingCharacters(in: .whitespaces).dropFirst().dropLast())
            }
            return links
        }
    }

    let baseURL: String
    var authorization: String? = "Bearer \(GitHubMock.defaultToken)"

    func get(_ pathOrURL: String) async throws -> Reply {
        try await send(.GET, pathOrURL)
    }

    func send(_ method: HTTPMethod, _ pathOrURL: String, json: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: pathOrURL.hasPrefix("http") ? pathOrURL : baseURL + pathOrURL)
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.headers.add(name: "Accept", value: "application/vnd.github+json")
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

    /// Every element of a paged list, following `rel="next"`.
    func all(_ path: String) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        var next: String? = path
        while let url = next {
            let reply = try await get(url)
            guard reply.status == 200 else { throw MockTestError(message: "\(url): HTTP \(reply.status)") }
            items += try reply.json().arrayValue ?? []
            next = reply.links["next"]
        }
        return items
    }

    func truth() async throws -> JSONValue {
        try await get("/__mock/truth").json()
    }
}

struct MockTestError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension Array where Element == JSONValue {
    /// The integer `id`s of the objects.
    var ids: [Int] { compactMap { $0["id"]?.intValue } }
}
