public import BatonSDK
import GRPCCore
public import Logging

/// A connector as the child serves it: its runtime, whether provisioning is on, and how errors leave the process.
public struct ServedConnector: Sendable {
    /// The version `Validate` reports as `sdk_version`.
    public static let sdkVersion = "0.1.0"

    public let runtime: ConnectorRuntime
    /// `-p/--provisioning`: without it, grant, revoke, account and resource changes answer FailedPrecondition.
    public let provisioning: Bool
    public let logger: Logger
    /// Masks secrets in messages that leave the process (errors that did not come from a ``BatonError``).
    public let redact: @Sendable (String) -> String
    /// Runs after `Cleanup` (the end of a sync): empties per-sync caches, as the in-process command does.
    public let cleanup: @Sendable () async -> Void

    public init(
        runtime: ConnectorRuntime, provisioning: Bool, logger: Logger,
        redact: @escaping @Sendable (String) -> String = { $0 }, cleanup: @escaping @Sendable () async -> Void = {}
    ) {
        self.runtime = runtime
        self.provisioning = provisioning
        self.logger = logger
        self.redact = redact
        self.cleanup = cleanup
    }

    /// Runs one call, turning its failure into the gRPC status the Go SDK would send: a ``BatonError`` keeps its
    /// code, anything else is Unknown; the message is one line with secrets masked.
    func answer<T: Sendable>(_ method: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RPCError {
            logger.debug("\(method) failed", metadata: ["error": "\(error.message)"])
            throw error
        } catch let error as BatonError {
            let code = Status.Code(rawValue: error.code.rawValue).flatMap(RPCError.Code.init) ?? .unknown
            let message = redact(error.message)
            logger.warning("\(method) failed", metadata: ["code": "\(error.code)", "error": "\(message)"])
            throw RPCError(code: code, message: message)
        } catch is CancellationError {
            throw RPCError(code: .cancelled, message: "\(method) was cancelled")
        } catch {
            let message = redact(String(describing: error))
            logger.warning("\(method) failed", metadata: ["error": "\(message)"])
            throw RPCError(code: .unknown, message: message)
        }
    }

    /// Throws FailedPrecondition unless provisioning is on, with the Go SDK's message.
    func requireProvisioning() throws {
        guard provisioning else { throw RPCError(code: .failedPrecondition, message: "provisioning is not enabled") }
    }
}
