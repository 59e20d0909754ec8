public import BatonProto
public import BatonSDK
public import Logging

/// A connector served by another process over the connector-service protocol, presented as an ordinary
/// ``Connector``: the sync engine, its parallel workers, resume and expansion run here, and every page comes from the
/// child. Any executable that speaks the protocol works, including connectors built with the Go SDK.
///
/// ```swift
/// let connector = try await RemoteConnector.start(executable: "baton-okta", arguments: ["--domain", "…"])
/// let runtime = try ConnectorRuntime(connector)   // then sync as with any connector
/// ```
public final class RemoteConnector: Connector {
    public let process: ConnectorProcess
    public let connection: ServiceConnection
    public let resourceSyncers: [any ResourceSyncer]

    init(process: ConnectorProcess, connection: ServiceConnection, resourceTypes: [ResourceType]) {
        self.process = process
        self.connection = connection
        self.resourceSyncers = resourceTypes.map { type in
            type.traits.contains(.user)
                ? RemoteAccountSyncer(resourceType: type, connection: connection)
                : RemoteResourceSyncer(resourceType: type, connection: connection)
        }
    }

    /// Starts `executable` as a service child, connects to it and reads its resource types.
    ///
    /// - Throws: ``ServiceError`` when the child cannot start; a ``BatonError`` naming how the child ended when it
    ///   quits before answering (bad flags, say: its own error is on standard error).
    public static func start(
        executable: String, arguments: [String], environment: [String: String], logger: Logger? = nil
    ) async throws -> RemoteConnector {
        let process = try ConnectorProcess.start(
            executable: executable, arguments: arguments, environment: environment)
        let connection: ServiceConnection
        do {
            connection = try ServiceConnection(port: process.port, identity: process.client) { [process] in
                process.ended.map { "connector service \(process.name) quit unexpectedly (\($0))" }
            }
        } catch {
            await process.stop()
            throw error
        }
        do {
            let types = try await awaitFirstAnswer(process: process) {
                try await connection.call("ListResourceTypes") { options in
                    try await connection.resourceTypes.listResourceTypes(.init(), options: options).list
                }
            }
            logger?.debug(
                "connector service started", metadata: ["executable": "\(process.name)", "types": "\(types.count)"])
            return RemoteConnector(process: process, connection: connection, resourceTypes: types)
        } catch {
            await connection.close()
            await process.stop()
            throw error
        }
    }

    /// Runs the first call while watching the child: a child that exits before serving (a configuration error)
    /// ends the wait with how it ended, instead of a connection error.
    private static func awaitFirstAnswer<T: Sendable>(
        process: ConnectorProcess, _ call: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await call() }
            group.addTask {
                let ended = try await process.waitForExitUnlessCancelled()
                throw BatonError(.aborted, "connector service \(process.name) quit before serving (\(ended))")
            }
            defer { group.cancelAll() }
            guard let result = try await group.next(), let value = result else {
                throw BatonError(.aborted, "connector service \(process.name) did not answer")
            }
            return value
        }
    }

    public func metadata() async throws -> C1_Connector_V2_ConnectorMetadata {
        try await connection.call("GetMetadata") { options in
            try await connection.connector.getMetadata(.init(), options: options).metadata
        }
    }

    public func validate() async throws -> Annotations {
        try await connection.call("Validate") { options in
            try await connection.connector.validate(.init(), options: options).annotations
        }
    }

    /// Tells the child the sync is over (`Cleanup`, whose failure only matters to the child), closes the connection
    /// and stops the child by closing its stdin.
    public func shutdown() async throws {
        if process.ended == nil {
            _ = try? await connection.call("Cleanup") { options in
                try await connection.connector.cleanup(.init(), options: options)
            }
        }
        await connection.close()
        let ended = await process.stop()
        if case .exited(0) = ended { return }
        throw BatonError(.aborted, "connector service \(process.name) quit unexpectedly (\(ended))")
    }
}
