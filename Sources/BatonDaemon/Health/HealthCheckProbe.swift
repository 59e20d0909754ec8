import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// `<connector> health-check`: asks a running daemon's health endpoint, for container probes.
public enum HealthCheckProbe {
    /// The outcome: whether the endpoint answered 200, and one line saying what it said.
    public struct Outcome: Sendable {
        public let healthy: Bool
        public let line: String
    }

    /// The URL to ask: `endpoint` as given when it is a URL, else `http://host:port/<endpoint>` (`health`,
    /// `ready`, `live`, with or without a leading slash).
    public static func url(endpoint: String, host: String, port: Int) -> String {
        if endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") { return endpoint }
        let path = endpoint.isEmpty ? "health" : endpoint.trimmingPrefix("/")
        let address = host.contains(":") ? "[\(host)]" : host
        return "http://\(address):\(port)/\(path)"
    }

    /// GETs `url` within `timeout`.
    public static func check(url: String, timeout: Duration) async -> Outcome {
        do {
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: url), timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
            let body = try await response.body.collect(upTo: 64 * 1024)
            let text = String(buffer: body).trimmingCharacters(in: .whitespacesAndNewlines)
            struct Answer: Decodable { var status: String? }
            let status = (try? JSONDecoder().decode(Answer.self, from: Data(text.utf8)))?.status
            let summary = status ?? String(text.prefix(200))
            return Outcome(
                healthy: response.status == .ok, line: "\(url): \(response.status.code) \(summary)")
        } catch {
            return Outcome(healthy: false, line: "\(url): no answer (\(error))")
        }
    }
}
