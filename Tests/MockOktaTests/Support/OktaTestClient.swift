import AsyncHTTPClient
import Crypto
import Foundation
import MockKit
import MockOkta
import MockTestSupport
import NIOCore
import NIOHTTP1

/// Talks to a running Okta mock the way a connector would, SSWS by default.
typealias OktaTestClient = MockHTTPClient

extension MockHTTPClient {
    init(baseURL: String) {
        self.init(baseURL: baseURL, authorization: "SSWS \(OktaMock.defaultAPIToken)")
    }
}

extension MockReply {
    /// The `Link` header lines, each as sent.
    var links: [String] { headers["Link"] }

    /// The URL of the `rel="next"` link, if any.
    var nextURL: String? {
        links.first { $0.hasSuffix(#"rel="next""#) }.flatMap { line in
            line.split(separator: ">").first.map { String($0.dropFirst()) }
        }
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
