public import BatonProto
import BatonSDK
import BatonService
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import NIOCore
import NIOSSL

/// ConductorOne's task service (`c1.connectorapi.baton.v1.BatonService`) over TLS, every call carrying a token
/// from ``C1TokenSource``. Failures come back as ``BatonError`` with the gRPC code, so callers can tell the
/// retryable from the fatal. One connection, re-established by the transport when it drops.
public final class C1ServiceClient: Sendable {
    typealias Transport = HTTP2ClientTransport.Posix
    typealias Service = C1_Connectorapi_Baton_V1_BatonService

    private let client: GRPCClient<Transport>
    private let service: Service.Client<Transport>
    private let connections: Task<Void, Never>
    private let tokens: C1TokenSource
    private let userAgent: String

    /// Every call's options: no waiting for a connection that is down (the caller's backoff decides), answers up
    /// to 16 MiB, and a deadline so a silent server cannot hold a task forever.
    private let options: CallOptions = {
        var options = CallOptions.defaults
        options.waitForReady = false
        options.maxResponseMessageBytes = 16 << 20
        options.timeout = .seconds(60)
        return options
    }()

    /// - Parameter userAgent: Sent as `user-agent` (`<client name> baton-swift/<version>`).
    /// - Throws: ``BatonError`` `.invalidArgument` when the TLS settings are unusable.
    public init(endpoint: C1Endpoint, tokens: C1TokenSource, userAgent: String) throws {
        var tls = endpoint.tls
        tls.applicationProtocols = ["h2"]
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw BatonError(.invalidArgument, "TLS settings for ConductorOne are unusable: \(error)")
        }
        // SNI and name checks need a host name; an address is checked against the certificate's IP SANs.
        let isIPv6 = endpoint.host.contains(":")
        let isIPv4 =
            endpoint.host.split(separator: ".").count == 4
            && endpoint.host.allSatisfy { $0.isNumber || $0 == "." }
        let serverName = isIPv4 || isIPv6 ? nil : endpoint.host
        var config = Transport.Config.defaults
        config.channelDebuggingCallbacks.onCreateTCPConnection = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
            }
        }
        let target: any ResolvableTarget =
            if isIPv6 {
                .ipv6(address: endpoint.host, port: endpoint.port)
            } else if isIPv4 {
                .ipv4(address: endpoint.host, port: endpoint.port)
            } else {
                .dns(host: endpoint.host, port: endpoint.port)
            }
        let transport = try Transport(target: target, transportSecurity: .customSecure, config: config)
        let client = GRPCClient(transport: transport)
        self.client = client
        service = Service.Client(wrapping: client)
        connections = Task { try? await client.runConnections() }
        self.tokens = tokens
        self.userAgent = userAgent
    }

    public func hello(_ request: C1_Connectorapi_Baton_V1_BatonServiceHelloRequest) async throws
        -> C1_Connectorapi_Baton_V1_BatonServiceHelloResponse
    {
        try await call("Hello") { metadata, options in
            try await self.service.hello(request, metadata: metadata, options: options)
        }
    }

    public func getTask(hostID: String) async throws -> C1_Connectorapi_Baton_V1_BatonServiceGetTaskResponse {
        var message = C1_Connectorapi_Baton_V1_BatonServiceGetTaskRequest()
        message.hostID = hostID
        let request = message
        return try await call("GetTask") { metadata, options in
            try await self.service.getTask(request, metadata: metadata, options: options)
        }
    }

    public func heartbeat(hostID: String, taskID: String) async throws
        -> C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse
    {
        var message = C1_Connectorapi_Baton_V1_BatonServiceHeartbeatRequest()
        message.hostID = hostID
        message.taskID = taskID
        let request = message
        return try await call("Heartbeat") { metadata, options in
            try await self.service.heartbeat(request, metadata: metadata, options: options)
        }
    }

    public func finishTask(_ request: C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest) async throws {
        _ = try await call("FinishTask") { metadata, options in
            try await self.service.finishTask(request, metadata: metadata, options: options)
        }
    }

    /// Streams `messages` (metadata, data chunks, eof) as one UploadAsset call.
    func uploadAsset(
        _ produce:
            @escaping @Sendable (RPCWriter<C1_Connectorapi_Baton_V1_BatonServiceUploadAssetRequest>)
            async throws -> Void
    ) async throws {
        var options = self.options
        // A large c1z over a slow link: the deadline scales with nothing we know, so it is generous.
        options.timeout = .seconds(3600)
        _ = try await call("UploadAsset", options: options) { metadata, options in
            try await self.service.uploadAsset(metadata: metadata, options: options, requestProducer: produce)
        }
    }

    /// Runs one call with fresh credentials; an Unauthenticated answer drops the cached token and tries once more.
    private func call<T: Sendable>(
        _ method: String, options: CallOptions? = nil,
        _ body: @Sendable (Metadata, CallOptions) async throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let token = try await tokens.token()
            var metadata: Metadata = [:]
            metadata.addString(token.header, forKey: "authorization")
            metadata.addString(userAgent, forKey: "user-agent")
            do {
                return try await body(metadata, options ?? self.options)
            } catch let error as RPCError {
                if error.code == .unauthenticated && attempt == 1 {
                    await tokens.invalidate()
                    continue
                }
                let code = BatonError.Code(rawValue: Status.Code(error.code).rawValue)
                throw BatonError(code, "\(method): \(error.message.isEmpty ? "\(error.code)" : error.message)")
            }
        }
    }

    /// Closes the connection once calls in flight end.
    public func close() async {
        client.beginGracefulShutdown()
        await connections.value
        await tokens.shutdown()
    }
}
