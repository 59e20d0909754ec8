import AsyncHTTPClient
import BatonProto
import BatonService
import Crypto
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import MockConductorOne
import MockKit
import NIOCore
import NIOHTTP1
import NIOSSL

/// A started mock, a gRPC client and an HTTPS client that trust its CA, and the client's signing key read back from
/// the secret (so reading it is tested too).
struct ConductorOneHarness {
    let mock: ConductorOneMock
    let directory: String
    let key: Curve25519.Signing.PrivateKey
    let http: HTTPClient
    let grpc: GRPCClient<HTTP2ClientTransport.Posix>
    let service: C1_Connectorapi_Baton_V1_BatonService.Client<HTTP2ClientTransport.Posix>

    typealias Service = C1_Connectorapi_Baton_V1_BatonService.Client<HTTP2ClientTransport.Posix>

    /// Runs `body` against a fresh mock and tears everything down afterwards.
    static func with<T: Sendable>(
        _ options: ConductorOneMockOptions = ConductorOneMockOptions(),
        httpVersion: HTTPClient.Configuration.HTTPVersion = .automatic,
        _ body: (ConductorOneHarness) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("c1mock-\(UUID().uuidString)").path
        let mock = try await ConductorOneMock.start(options, stateDirectory: directory)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(mock.caPEM.utf8)))
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.httpVersion = httpVersion
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let transport = try HTTP2ClientTransport.Posix(
            target: .ipv4(address: "127.0.0.1", port: mock.port),
            transportSecurity: .tls { $0.trustRoots = .certificates([.bytes(Array(mock.caPEM.utf8), format: .pem)]) })
        let grpc = GRPCClient(transport: transport)
        let connections = Task { try await grpc.runConnections() }
        let harness = ConductorOneHarness(
            mock: mock, directory: directory, key: try secretKey(mock.clientSecret), http: http, grpc: grpc,
            service: Service(wrapping: grpc))
        func tearDown() async {
            grpc.beginGracefulShutdown()
            _ = await connections.result
            try? await http.shutdown()
            try? await mock.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
        do {
            let result = try await body(harness)
            await tearDown()
            return result
        } catch {
            await tearDown()
            throw error
        }
    }

    /// The Ed25519 key inside `secret-token:conductorone.com:v1:<base64url JWK>`, parsed as baton-sdk parses it.
    static func secretKey(_ secret: String) throws -> Curve25519.Signing.PrivateKey {
        let parts = secret.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[2] == "v1", !parts[3].contains("="), let jwkBytes = Base64URL.decode(parts[3]),
            let jwk = try? JSONValue(parsing: jwkBytes), jwk["kty"]?.stringValue == "OKP",
            jwk["crv"]?.stringValue == "Ed25519", let d = jwk["d"]?.stringValue.flatMap({ Base64URL.decode($0[...]) }),
            let x = jwk["x"]?.stringValue.flatMap({ Base64URL.decode($0[...]) })
        else { throw HarnessError("the client secret is not a v1 secret token with an OKP Ed25519 JWK") }
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: d)
        guard Array(key.publicKey.rawRepresentation) == x else { throw HarnessError("the JWK's x does not match d") }
        return key
    }

    // MARK: Tokens

    /// A client assertion as baton-sdk mints it; every part can be spoiled.
    struct Assertion {
        var alg: String? = "EdDSA"
        var nonce: String? = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        var typ: String?
        var iss: String
        var sub: String
        var aud: String
        var exp = Int(Date().timeIntervalSince1970) + 120
        var nbf = Int(Date().timeIntervalSince1970) - 120
        var iat = Int(Date().timeIntervalSince1970)
        var signingKey: Curve25519.Signing.PrivateKey

        func encoded() throws -> String {
            var header: [String] = []
            if let alg { header.append(#""alg":"\#(alg)""#) }
            if let nonce { header.append(#""nonce":"\#(nonce)""#) }
            if let typ { header.append(#""typ":"\#(typ)""#) }
            let claims =
                #"{"iss":"\#(iss)","sub":"\#(sub)","aud":"\#(aud)","exp":\#(exp),"nbf":\#(nbf),"iat":\#(iat)}"#
            let signingInput =
                Base64URL.encode(Array("{\(header.joined(separator: ","))}".utf8)) + "."
                + Base64URL.encode(Array(claims.utf8))
            let signature = try signingKey.signature(for: Array(signingInput.utf8))
            return signingInput + "." + Base64URL.encode(signature)
        }
    }

    func assertion() -> Assertion {
        Assertion(iss: mock.clientID, sub: mock.clientID, aud: "conductorone.mock", signingKey: key)
    }

    /// `POST /auth/v1/token` with a form; returns the status and the JSON body.
    func requestToken(_ assertion: String, clientID: String? = nil) async throws -> (status: Int, json: JSONValue) {
        let form = [
            ("client_id", clientID ?? mock.clientID), ("grant_type", "client_credentials"),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", assertion),
        ].map { "\($0.0)=\(QueryString.encode($0.1))" }.joined(separator: "&")
        var request = HTTPClientRequest(url: mock.baseURL + "/auth/v1/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "User-Agent", value: "baton-c1-credential-provider")
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await http.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), try JSONValue(parsing: Array(body.readableBytesView)))
    }

    /// A fresh valid token.
    func token() async throws -> String {
        let (status, json) = try await requestToken(try assertion().encoded())
        guard status == 200, let token = json["access_token"]?.stringValue else {
            throw HarnessError("the token request failed with \(status)")
        }
        return token
    }

    func metadata(_ token: String) -> Metadata {
        var metadata = Metadata()
        metadata.addString("Bearer \(token)", forKey: "authorization")
        return metadata
    }

    /// `GET` a `/__mock/*` document.
    func mockJSON(_ path: String) async throws -> JSONValue {
        let response = try await http.execute(HTTPClientRequest(url: mock.baseURL + path), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        return try JSONValue(parsing: Array(body.readableBytesView))
    }

    // MARK: Messages

    static func hello(hostID: String = "host-1") -> C1_Connectorapi_Baton_V1_BatonServiceHelloRequest {
        var hello = C1_Connectorapi_Baton_V1_BatonServiceHelloRequest()
        hello.hostID = hostID
        hello.buildInfo.langVersion = "swift6.3"
        hello.buildInfo.package = "baton-demo"
        hello.buildInfo.packageVersion = "0.0.0"
        hello.osInfo.hostname = "host-1"
        hello.osInfo.os = "linux"
        hello.osInfo.platform = "debian"
        hello.osInfo.platformVersion = "12"
        hello.osInfo.platformFamily = "debian"
        hello.osInfo.kernelVersion = "6.1"
        hello.osInfo.kernelArch = "x86_64"
        hello.osInfo.virtualizationSystem = "none"
        hello.connectorMetadata.displayName = "Demo"
        return hello
    }

    func getTask(_ token: String) async throws -> C1_Connectorapi_Baton_V1_BatonServiceGetTaskResponse {
        var request = C1_Connectorapi_Baton_V1_BatonServiceGetTaskRequest()
        request.hostID = "host-1"
        return try await service.getTask(request, metadata: metadata(token))
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` and returns the gRPC status code it failed with (nil when it succeeded).
func rpcCode(_ body: () async throws -> Void) async -> RPCError.Code? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error.code
    } catch {
        return .unknown
    }
}

/// `rpcCode` plus the status message.
func rpcFailure(_ body: () async throws -> Void) async -> (code: RPCError.Code, message: String)? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return (error.code, error.message)
    } catch {
        return (.unknown, "\(error)")
    }
}
