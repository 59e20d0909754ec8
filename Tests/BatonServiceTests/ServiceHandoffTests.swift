import BatonProto
import Foundation
import Testing

@testable import BatonService

@Suite struct ServiceHandoffTests {
    @Test func stdinLineRoundTrips() throws {
        let credentials = try ServiceCredentials.generate()
        var config = C1_ConnectorWrapper_V1_ServerConfig()
        config.credential = credentials.server.credential
        config.listenPort = 40_123
        var line = try ServiceHandoff.encodeConfiguration(config)
        #expect(line.last == UInt8(ascii: "\n"))
        line.removeLast()
        let decoded = try ServiceHandoff.decodeConfiguration(line)
        #expect(decoded == config)
        let identity = try ServiceIdentity(decoded.credential)
        #expect(identity.certificateDER == credentials.server.certificateDER)
        #expect(decoded.credential.key.count == 64)
    }
}
