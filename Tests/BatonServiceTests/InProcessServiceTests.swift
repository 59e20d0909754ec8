import BatonProto
import BatonSDK
import DemoConnector
import Foundation
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
        await connection.close()
        close(ends[1])
        try await server.value
    }
}
