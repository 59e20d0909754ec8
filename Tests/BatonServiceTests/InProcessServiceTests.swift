import BatonProto
import BatonSDK
import DemoConnector
import Foundation
import GRPCCore
import GRPCProtobuf
import Logging
import Testing

@testable import BatonService

#if canImport(Glibc)
    import Glibc
#endif

/// The child's server and the parent's connection in one process: a pipe stands in for stdin and the listener is
/// passed through the environment variable, as a spawned child would see them.
@Suite struct InProcessServiceTests {
    @Test func demoConnectorAnswersOverMutualTLS() async throws {
        let served = ServedConnector(
            runtime: try ConnectorRuntime(DemoConnector()), provisioning: false, logger: Logger(label: "test"))
        let (listener, port) = try ConnectorProcess.makeListener()
        let credentials = try ServiceCredentials.generate()
        var config = C1_ConnectorWrapper_V1_ServerConfig()
        config.credential = credentials.server.credential
        config.listenPort = UInt32(port)
        var ends: [CInt] = [0, 0]
        #expect(pipe(&ends) == 0)
        let line = try ServiceHandoff.encodeConfiguration(config)
        _ = line.withUnsafeBytes { write(ends[1], $0.baseAddress!, $0.count) }

        let input = ends[0]
        let server = Task {
            try await ConnectorServiceChild.run(
                served, environment: [ServiceHandoff.listenerVariable: "\(listener)"], standardInput: input)
        }
        let connection = try ServiceConnection(port: port, identity: credentials.client)
        let types = try await connection.call("ListResourceTypes") { options in
            try await connection.resourceTypes.listResourceTypes(.init(), options: options).list
        }
        #expect(types.map(\.id) == served.runtime.resourceTypes.map(\.id))
        let validate = try await connection.call("Validate") { options in
            try await connection.connector.validate(.init(), options: options)
        }
        #expect(validate.sdkVersion == ServedConnector.sdkVersion)

        // The rate limiter never says UNSPECIFIED (a Go parent would skip the real call).
        var ask = C1_Ratelimit_V1_DoRequest()
        ask.requestToken = "token-1"
        let limit = try await C1_Ratelimit_V1_RateLimiterService.Client(wrapping: connection.client).do(ask)
        #expect(limit.requestToken == "token-1")
        #expect(limit.description_p.status == .empty)

        // Without -p, changes are refused as the Go SDK refuses them.
        var revoke = C1_Connector_V2_GrantManagerServiceRevokeRequest()
        revoke.grant = Grant()
        let refused = await #expect(throws: BatonError.self) {
            try await connection.call("Revoke") { options in
                try await connection.grantManager.revoke(revoke, options: options)
            }
        }
        #expect(refused?.code == .failedPrecondition)
        #expect(refused?.message == "Revoke: provisioning is not enabled")

        // Features the connector lacks are named, not reported as a missing method.
        let unsupported = await #expect(throws: RPCError.self) {
            try await connection.client.unary(
                request: ClientRequest(message: Google_Protobuf_Empty()),
                descriptor: MethodDescriptor(
                    fullyQualifiedService: "c1.connector.v2.TicketsService", method: "GetTicket"),
                serializer: ProtobufSerializer<Google_Protobuf_Empty>(),
                deserializer: ProtobufDeserializer<Google_Protobuf_Empty>(), options: .defaults
            ) { try $0.message }
        }
        #expect(unsupported?.code == .unimplemented)
        #expect(
            unsupported?.message
                == "ticketing is not supported by this connector (c1.connector.v2.TicketsService/GetTicket)")
        await connection.close()
        close(ends[1])
        try await server.value
    }
}
