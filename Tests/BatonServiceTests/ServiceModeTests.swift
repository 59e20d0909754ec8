import BatonProto
import BatonSDK
import BatonSync
import BatonTestSupport
import Crypto
import Foundation
import MockKit
import MockOkta
import NIOSSL
import OktaConnector
import SwiftASN1
import Synchronization
import Testing
import X509

@testable import BatonService

#if canImport(Glibc)
    import Glibc
#endif

/// The protocol with real executables: this test process plays the Go parent (fresh Ed25519 CA and leaves, a
/// 127.0.0.1 listener passed as fd 3, the base64 stdin line, the client certificate) against `baton-okta` and
/// `baton-demo` started with `_connector-service`.
@Suite("service mode")
struct ServiceModeTests {
    static let environment = ProcessInfo.processInfo.environment

    static func oktaArguments(_ server: MockServer, _ extra: [String] = []) -> [String] {
        ["--domain", server.baseURL, "--api-token", OktaMock.defaultAPIToken, "--log-level", "error"] + extra
    }

    static func oktaConnector(_ server: MockServer) throws -> OktaConnector {
        try OktaConnector(
            settings: OktaSettings(domain: server.baseURL, authentication: .apiToken(OktaMock.defaultAPIToken)),
            http: ConnectorHarness.http(userAgent: "baton-tests"))
    }

    // MARK: The parent's identities

    @Test func credentialsAreShapedAsTheGoSDKMakesThem() throws {
        let credentials = try ServiceCredentials.generate()
        let ca = try Certificate(derEncoded: credentials.server.caCertificateDER)
        let server = try Certificate(derEncoded: credentials.server.certificateDER)
        let client = try Certificate(derEncoded: credentials.client.certificateDER)
        #expect(credentials.client.caCertificateDER == credentials.server.caCertificateDER)
        #expect(ca.subject.description.contains("CN=c1-connector-ca"))
        #expect(ca.issuer == ca.subject)
        #expect(try ca.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: nil))
        #expect(server.subject.description.contains("CN=c1-connector-server"))
        #expect(client.subject.description.contains("CN=c1-connector-client"))
        for leaf in [server, client] {
            #expect(leaf.issuer == ca.subject)
            #expect(leaf.signatureAlgorithm == .ed25519)
            #expect(ca.publicKey.isValidSignature(leaf.signature, for: leaf))
            let usages = try #require(try leaf.extensions.extendedKeyUsage)
            #expect(usages.contains(.clientAuth) && usages.contains(.serverAuth))
            let names = try #require(try leaf.extensions.subjectAlternativeNames)
            #expect(
                Array(names) == [
                    .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                    .ipAddress(ASN1OctetString(contentBytes: ArraySlice(repeating: 0, count: 15) + [1])),
                ])
        }
        // Go's ed25519.PrivateKey: the seed, then the public key the certificate carries.
        let key = credentials.server.credential.key
        #expect(key.count == 64)
        #expect(Array(key.suffix(32)) == Array(credentials.server.privateKey.publicKey.rawRepresentation))
    }

    // MARK: A full sync through the protocol

    @Test func oktaSyncedThroughTheProtocolEqualsTheInProcessSync() async throws {
        let executable = try BuiltProducts.executable("baton-okta")
        try await MockServer.withRunning(OktaMock(configuration: OktaMockConfiguration(size: .small))) { server in
            let inProcess = try await ConnectorHarness.sync(try Self.oktaConnector(server))
            let remote = try await RemoteConnector.start(
                executable: executable, arguments: Self.oktaArguments(server), environment: Self.environment)
            let metadata = try await remote.metadata()
            #expect(!metadata.displayName.isEmpty)
            let throughProtocol = try await ConnectorHarness.sync(remote)
            try await remote.shutdown()
            #expect(remote.process.ended == .exited(0))
            #expect(throughProtocol == inProcess, "\(throughProtocol.differences(from: inProcess).prefix(5))")
            #expect(!inProcess.resources.isEmpty)
        }
    }

    @Test func provisioningAnswersFailedPreconditionWithoutDashP() async throws {
        let executable = try BuiltProducts.executable("baton-okta")
        try await MockServer.withRunning(OktaMock(configuration: OktaMockConfiguration(size: .tiny))) { server in
            let remote = try await RemoteConnector.start(
                executable: executable, arguments: Self.oktaArguments(server), environment: Self.environment)
            let runtime = try ConnectorRuntime(remote)
            var group = Resource()
            group.id = ResourceID("group", "00g-none")
            var user = Resource()
            user.id = ResourceID("user", "00u-none")
            let error = await #expect(throws: BatonError.self) {
                try await runtime.grant(try Entitlement.assignment(resource: group, name: "member"), to: user)
            }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.message == "Grant: provisioning is not enabled")
            try await remote.shutdown()
        }
    }

    // MARK: Failing closed

    /// Starts `baton-demo` as a service child whose stdin line `handoff` makes, waits for it to end, and returns how
    /// it ended and what it wrote on standard error.
    static func runDemoChild(
        closeStdin: Bool = false, handoff: @escaping (C1_ConnectorWrapper_V1_ServerConfig) throws -> [UInt8]
    ) async throws -> (ConnectorProcess.Termination, String) {
        let directory = try TemporaryDirectory(prefix: "service-child")
        let errorPath = directory.path("stderr")
        let errorFile = open(errorPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        #expect(errorFile >= 0)
        let process = try ConnectorProcess.start(
            executable: try BuiltProducts.executable("baton-demo"), arguments: [], environment: environment,
            credentials: nil, handoff: handoff, standardError: errorFile)
        close(errorFile)
        let ended = closeStdin ? await process.stop(grace: .seconds(20)) : await process.waitForExit()
        return (ended, try String(contentsOfFile: errorPath, encoding: .utf8))
    }

    @Test func aGarbageStdinLineFailsWithOneLine() async throws {
        let (ended, stderr) = try await Self.runDemoChild { _ in Array("not base64!\n".utf8) }
        #expect(ended == .exited(1))
        #expect(stderr == "baton-demo: the service configuration on stdin is not base64\n")
    }

    @Test func aLineThatIsNotAServerConfigFailsWithOneLine() async throws {
        let (ended, stderr) = try await Self.runDemoChild { _ in Array("/////w==\n".utf8) }
        #expect(ended == .exited(1))
        #expect(stderr == "baton-demo: the service configuration on stdin is not a ServerConfig message\n")
    }

    @Test func aClosedStdinFailsWithOneLine() async throws {
        let (ended, stderr) = try await Self.runDemoChild(closeStdin: true) { _ in [] }
        #expect(ended == .exited(1))
        #expect(
            stderr == "baton-demo: no service configuration on stdin (expected one base64 ServerConfig line)\n")
    }

    @Test func aPortOtherThanTheInheritedSocketsFailsWithOneLine() async throws {
        let (ended, stderr) = try await Self.runDemoChild { config in
            var wrong = config
            wrong.listenPort = config.listenPort == 65_535 ? 1 : config.listenPort + 1
            return try ServiceHandoff.encodeConfiguration(wrong)
        }
        #expect(ended == .exited(1))
        #expect(stderr.hasPrefix("baton-demo: listen port mismatch: the socket is on port "))
        #expect(stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func aKeyThatDoesNotMatchItsSeedFailsWithOneLine() async throws {
        let (ended, stderr) = try await Self.runDemoChild { config in
            var wrong = config
            wrong.credential.key = config.credential.key.prefix(32) + Data(repeating: 7, count: 32)
            return try ServiceHandoff.encodeConfiguration(wrong)
        }
        #expect(ended == .exited(1))
        #expect(stderr == "baton-demo: the server key's public half does not match its seed\n")
    }

    @Test func clientsWithoutTheParentsCertificateAreRefusedAndTheParentStillServed() async throws {
        let process = try ConnectorProcess.start(
            executable: try BuiltProducts.executable("baton-demo"), arguments: ["--log-level", "error"],
            environment: Self.environment)
        let stranger = try ServiceCredentials.generate().client
        // Another CA's client certificate, and no certificate at all (trusting the right CA, so only the client
        // side is wrong).
        var anonymous = TLSConfiguration.makeClientConfiguration()
        anonymous.trustRoots = .certificates([
            try NIOSSLCertificate(bytes: process.client.caCertificateDER, format: .der)
        ])
        anonymous.applicationProtocols = ["h2"]
        anonymous.verifySignatureAlgorithms = ServiceTLS.signatureAlgorithms
        let contexts = [
            try ServiceTLS.clientContext(
                ServiceIdentity(
                    certificateDER: stranger.certificateDER, privateKey: stranger.privateKey,
                    caCertificateDER: process.client.caCertificateDER)),
            try NIOSSLContext(configuration: anonymous),
        ]
        for context in contexts {
            let connection = try ServiceConnection(port: process.port, tls: context)
            await #expect(throws: BatonError.self) {
                try await connection.call("Validate") { options in
                    try await connection.connector.validate(.init(), options: options)
                }
            }
            await connection.close()
        }
        // A server that trusts nobody else's CA is refused by the parent too.
        let impostor = try ServiceCredentials.generate().client
        let connection = try ServiceConnection(port: process.port, identity: impostor)
        await #expect(throws: BatonError.self) {
            try await connection.call("Validate") { options in
                try await connection.connector.validate(.init(), options: options)
            }
        }
        await connection.close()

        let parent = try ServiceConnection(port: process.port, identity: process.client)
        let answer = try await parent.call("Validate") { options in
            try await parent.connector.validate(.init(), options: options)
        }
        #expect(answer.sdkVersion == ServedConnector.sdkVersion)
        let listening = try Self.listeningAddresses(of: process.processID)
        #expect(listening == ["127.0.0.1:\(process.port)"], "the child listens on \(listening)")
        await parent.close()
        #expect(await process.stop() == .exited(0))
    }

    /// The TCP sockets process `pid` has open in the LISTEN state, as `address:port`, read from /proc.
    static func listeningAddresses(of pid: Int32) throws -> [String] {
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")
        let inodes = Set(
            descriptors.compactMap { name -> String? in
                let target =
                    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(name)")) ?? ""
                guard target.hasPrefix("socket:[") else { return nil }
                return String(target.dropFirst(8).dropLast())
            })
        var listening: [String] = []
        for table in ["tcp", "tcp6"] {
            // Read to the end: /proc files report size 0, and a sized read stops after the first page, which
            // misses the socket when the suite has hundreds open.
            guard let handle = FileHandle(forReadingAtPath: "/proc/\(pid)/net/\(table)") else { continue }
            let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
            try handle.close()
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                // local_address is fields[1] (hex address:port), st is fields[3] (0A = LISTEN), inode is fields[9].
                guard fields.count > 9, fields[3] == "0A", inodes.contains(String(fields[9])) else { continue }
                let parts = fields[1].split(separator: ":")
                let port = Int(parts[1], radix: 16) ?? -1
                let address = parts[0] == "0100007F" ? "127.0.0.1" : String(parts[0])
                listening.append("\(address):\(port)")
            }
        }
        return listening
    }

    // MARK: Killed children resume

    @Test func aChildKilledMidSyncResumesOnTheNextRun() async throws {
        let executable = try BuiltProducts.executable("baton-okta")
        let options = MockOptions(latency: .milliseconds(4), pageCap: 10)
        let mock = OktaMock(configuration: OktaMockConfiguration(size: .small))
        try await MockServer.withRunning(mock, options: options) { server in
            let clean = try await ConnectorHarness.sync(try Self.oktaConnector(server))
            let directory = try TemporaryDirectory(prefix: "service-kill")
            let path = directory.path("sync.c1z")
            var syncOptions = SyncOptions()
            syncOptions.retry.initialBackoff = .milliseconds(5)

            let first = try await RemoteConnector.start(
                executable: executable, arguments: Self.oktaArguments(server), environment: Self.environment)
            // Killed once the sync has stored work (a loaded machine may take seconds to get there), long before
            // it could finish: the resources phase is still running.
            var killing = syncOptions
            let killed = Mutex(false)
            killing.progress = { progress in
                guard progress.resources >= 30, !killed.withLock({ $0 }) else { return }
                killed.withLock { $0 = true }
                first.process.send(SIGKILL)
            }
            let error = await #expect(throws: BatonError.self) {
                _ = try await Syncer(runtime: try ConnectorRuntime(first), outputPath: path, options: killing).run()
            }
            #expect(killed.withLock { $0 })
            #expect(
                error?.message.contains("quit unexpectedly (killed by signal 9)") == true,
                "\(String(describing: error))")
            #expect(FileManager.default.fileExists(atPath: path + ".partial"))
            try? await first.shutdown()

            let second = try await RemoteConnector.start(
                executable: executable, arguments: Self.oktaArguments(server), environment: Self.environment)
            let summary = try await Syncer(
                runtime: try ConnectorRuntime(second), outputPath: path, options: syncOptions
            )
            .run()
            try await second.shutdown()
            #expect(summary.resumed)
            let resumed = try C1ZSnapshot.load(path)
            #expect(resumed == clean, "\(resumed.differences(from: clean).prefix(5))")
        }
    }
}
