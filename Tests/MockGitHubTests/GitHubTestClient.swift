import AsyncHTTPClient
import Foundation
import MockGitHub
import MockKit
import MockTestSupport
import NIOCore
import NIOHTTP1

/// Talks to a running GitHub mock the way a REST client would, Bearer PAT by default.
typealias GitHubTestClient = MockHTTPClient

extension MockHTTPClient {
    init(baseURL: String) {
        self.init(
            baseURL: baseURL, authorization: "Bearer \(GitHubMock.defaultToken)",
            accept: "application/vnd.github+json")
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
}

extension MockReply {
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

struct MockTestError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension Array where Element == JSONValue {
    /// The integer `id`s of the objects.
    var ids: [Int] { compactMap { $0["id"]?.intValue } }
}
