import BatonServer
import Foundation
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore

/// `--health-check`: `/health` (runs the connector's Validate), `/ready` and `/live` on `127.0.0.1:8081` unless
/// told otherwise, answering any method with `{"status", "timestamp", "details"?}` as baton-sdk's server does.
public final class HealthCheckServer: Sendable {
    /// The port actually bound (useful with port 0).
    public var port: Int { server.port }
    private let server: RunningServer

    private init(server: RunningServer) {
        self.server = server
    }

    /// Starts serving.
    ///
    /// - Parameters:
    ///   - validate: The connector's Validate; `/health` is healthy when it returns within 30 s.
    ///   - isReady: Whether the daemon is ready for tasks (said Hello).
    /// - Throws: when the address cannot be bound.
    public static func start(
        host: String, port: Int, logger: Logger, validate: @escaping @Sendable () async throws -> Void,
        isReady: @escaping @Sendable () -> Bool
    ) async throws -> HealthCheckServer {
        let router = Router()
        // Any method, as Go's mux answers.
        for method in [HTTPRequest.Method.get, .post, .put, .head, .delete, .patch, .options] {
            router.on("/health", method: method) { _, _ in await health(validate) }
            router.on("/ready", method: method) { _, _ in
                isReady() ? body(.ok, "ready") : body(.serviceUnavailable, "not_ready")
            }
            router.on("/live", method: method) { _, _ in body(.ok, "alive") }
        }
        do {
            return HealthCheckServer(
                server: try await RunningServer.start(router: router, host: host, port: port, logger: logger))
        } catch {
            throw HealthCheckError(message: "the health-check server could not listen on \(host):\(port): \(error)")
        }
    }

    /// Stops within 5 s (Go's shutdown timeout), then gives up on open requests.
    public func stop() async {
        await server.stop(within: .seconds(5))
    }

    static func health(_ validate: @escaping @Sendable () async throws -> Void) async -> Response {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await validate() }
                group.addTask {
                    try await Task.sleep(for: .seconds(30))
                    throw HealthCheckError(message: "validation timed out after 30s")
                }
                try await group.next()
                group.cancelAll()
            }
            return body(.ok, "healthy")
        } catch {
            let reason = (error as? HealthCheckError)?.message ?? String(describing: error)
            return body(
                .serviceUnavailable, "unhealthy",
                details: [
                    "error": "connector validation failed",
                    "validation_error": reason.split(whereSeparator: \.isNewline).joined(separator: "; "),
                ])
        }
    }

    static func body(_ status: HTTPResponse.Status, _ text: String, details: [String: String]? = nil) -> Response {
        var fields: [String: JSONValue] = [
            "status": .string(text), "timestamp": .string(Self.timestamp(Date())),
        ]
        if let details { fields["details"] = .object(details) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(fields)) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// RFC 3339 in UTC, seconds precision, as Go's `time.RFC3339` writes it.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    enum JSONValue: Encodable {
        case string(String)
        case object([String: String])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): try container.encode(text)
            case .object(let map): try container.encode(map)
            }
        }
    }
}

/// A health-check failure, in one line.
public struct HealthCheckError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
