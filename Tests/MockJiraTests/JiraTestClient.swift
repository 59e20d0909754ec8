import AsyncHTTPClient
import Foundation
import MockJira
import MockKit
import MockTestSupport
import NIOCore
import NIOHTTP1

/// Talks to a running Jira mock the way a client would, with Basic auth by default.
typealias JiraTestClient = MockHTTPClient

extension MockHTTPClient {
    init(baseURL: String) {
        self.init(baseURL: baseURL, authorization: Self.basic(JiraMock.defaultEmail, JiraMock.defaultAPIToken))
    }

    static func basic(_ email: String, _ token: String) -> String {
        "Basic " + Data("\(email):\(token)".utf8).base64EncodedString()
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
