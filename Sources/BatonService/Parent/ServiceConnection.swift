import BatonProto
import BatonSDK
public import GRPCCore
public import GRPCNIOTransportHTTP2Posix
import NIOCore
import NIOSSL

/// A gRPC connection to a connector service on 127.0.0.1, over mutual TLS with the parent's identity, and the
/// client stubs a sync uses. Every call's failure comes back as a ``BatonError`` with the same status code, so the
/// sync engine's retry rules apply unchanged.
public final class ServiceConnection: Sendable {
    public typealias Transport = HTTP2ClientTransport.Posix

    let client: GRPCClient<Transport>
    private let connections: Task<Void, Never>
    /// Called when a call fails, to say more than the transport can (the child quit, and how).
    private let explain: @Sendable () -> String?

    public let connector: C1_Connector_V2_ConnectorService.Client<Transport>
    public let resourceTypes: C1_Connector_V2_ResourceTypesService.Client<Transport>
    public let resources: C1_Connector_V2_ResourcesService.Client<Transport>
    public let resourceGetter: C1_Connector_V2_ResourceGetterService.Client<Transport>
    public let entitlements: C1_Connector_V2_EntitlementsService.Client<Transport>
    public let grants: C1_Connector_V2_GrantsService.Client<Transport>
    public let grantManager: C1_Connector_V2_GrantManagerService.Client<Transport>
    public let resourceDeleter: C1_Connector_V2_ResourceDeleterService.Client<Transport>
    public let resourceManager: C1_Connector_V2_ResourceManagerService.Client<Transport>
    public let accountManager: C1_Connector_V2_AccountManagerService.Client<Transport>

    /// Options of every call: fail at once rather than wait while the connection is down (a dead child does not
    /// come back), and accept pages up to 64 MiB.
    let options: CallOptions = {
        var options = CallOptions.defaults
        options.waitForReady = false
        options.maxResponseMessageBytes = 64 << 20
        return options
    }()

    /// Connects to `127.0.0.1:port`, presenting `identity` and checking the server against `identity`'s CA and the
    /// address dialled.
    ///
    /// - Parameter explain: What to add to a failed call's message (e.g. how the child ended), if anything.
    public convenience init(
        port: Int, identity: ServiceIdentity, explain: @escaping @Sendable () -> String? = { nil }
    ) throws {
        let tls: NIOSSLContext
        do {
            tls = try ServiceTLS.clientContext(identity)
        } catch {
            throw ServiceError.connection("the client credential is unusable: \(error)")
        }
        try self.init(port: port, tls: tls, explain: explain)
    }

    /// Connects with a TLS context of the caller's (tests present no certificate, or a stranger's).
    init(port: Int, tls: NIOSSLContext, explain: @escaping @Sendable () -> String? = { nil }) throws {
        var config = HTTP2ClientTransport.Posix.Config.defaults
        config.channelDebuggingCallbacks.onCreateTCPConnection = { channel in
            channel.eventLoop.makeCompletedFuture {
                // No SNI (it cannot carry an IP address); the certificate is checked against the peer's IP instead.
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: tls, serverHostname: nil), position: .first)
            }
        }
        let transport = try HTTP2ClientTransport.Posix(
            target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .customSecure, config: config)
        let client = GRPCClient(transport: transport)
        self.client = client
        self.explain = explain
        self.connections = Task { try? await client.runConnections() }
        connector = .init(wrapping: client)
        resourceTypes = .init(wrapping: client)
        resources = .init(wrapping: client)
        resourceGetter = .init(wrapping: client)
        entitlements = .init(wrapping: client)
        grants = .init(wrapping: client)
        grantManager = .init(wrapping: client)
        resourceDeleter = .init(wrapping: client)
        resourceManager = .init(wrapping: client)
        accountManager = .init(wrapping: client)
    }

    /// Runs one call; an ``RPCError`` becomes a ``BatonError`` with its code and message (plus the explanation).
    public func call<T: Sendable>(_ method: String, _ body: (CallOptions) async throws -> T) async throws -> T {
        do {
            return try await body(options)
        } catch let error as RPCError {
            if let reason = explain() {
                // The child is gone: no retry can help, so the code is not a retryable one.
                throw BatonError(.aborted, "\(method): \(reason)")
            }
            let code = BatonError.Code(rawValue: Status.Code(error.code).rawValue)
            throw BatonError(code, "\(method): \(error.message.isEmpty ? "\(error.code)" : error.message)")
        }
    }

    /// Closes the connection once the calls in flight end.
    public func close() async {
        client.beginGracefulShutdown()
        await connections.value
    }
}
