import BatonProto
import BatonSDK
import Crypto
import Foundation
import Testing

@testable import BatonDaemon

@Suite struct CredentialTests {
    static let key = Curve25519.Signing.PrivateKey()
    static var secret: String { C1ClientSecret.encode(key) }

    @Test func clientIDSplitsAsGoDoes() throws {
        let id = try C1ClientID("my-client@acme.conductor.one/pcc")
        #expect(id.clientName == "my-client")
        #expect(id.tokenHost == "acme.conductor.one")
        #expect(id.audience == "acme.conductor.one")
        #expect(id.rawValue == "my-client@acme.conductor.one/pcc")
        // Only the first '@' and the first '/' after it split; the port is not part of the audience.
        let ported = try C1ClientID("a@b@host:8443/x/y")
        #expect(ported.clientName == "a")
        #expect(ported.tokenHost == "b@host:8443")
        #expect(try C1ClientID("c@127.0.0.1:9443/pcc").audience == "127.0.0.1")
    }

    @Test(arguments: [
        ("no-at-sign/pcc", "invalid client id: expected <name>@<host>/<suffix>, found no '@'"),
        ("name@no-slash", "invalid client id: expected <name>@<host>/<suffix>, found no '/'"),
        ("name@/pcc", "invalid client id: the host between '@' and '/' is empty"),
    ])
    func malformedClientIDs(text: String, message: String) {
        let error = #expect(throws: BatonError.self) { try C1ClientID(text) }
        #expect(error?.message == message)
    }

    @Test func secretRoundTrips() throws {
        let parsed = try C1ClientSecret(Self.secret)
        #expect(parsed.publicKey.rawRepresentation == Self.key.publicKey.rawRepresentation)
        #expect(parsed.keyID == nil)
        // Never printed.
        #expect("\(parsed)" == "C1ClientSecret(Ed25519)")
        #expect(String(reflecting: parsed) == "C1ClientSecret(Ed25519)")
        #expect(!String(describing: Mirror(reflecting: parsed).children.map(\.value)).contains("Curve25519"))
    }

    static func jwk(_ fields: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(fields)) ?? Data()
        return "secret-token:conductorone.com:v1:" + data.base64URLEncodedString()
    }

    static let x = key.publicKey.rawRepresentation.base64URLEncodedString()
    static let d = key.rawRepresentation.base64URLEncodedString()

    /// Malformed secrets by what is wrong with them; built inside the test so no key text reaches the test log.
    static let malformed: [String: (text: String, message: String)] = [
        "three parts": (
            "secret-token:conductorone.com:v1", "invalid client secret: expected secret-token:conductorone.com:v1:<key>"
        ),
        "version 2": (
            "secret-token:conductorone.com:v2:abc", "invalid client secret: unsupported version (expected v1)"
        ),
        "not base64": (
            "secret-token:conductorone.com:v1:not base64!", "invalid client secret: the key is not base64url"
        ),
        "not a JWK": (
            "secret-token:conductorone.com:v1:" + Data("[1,2]".utf8).base64URLEncodedString(),
            "invalid client secret: the key is not a JSON Web Key"
        ),
        "P-256 key": (
            jwk(["kty": "EC", "crv": "P-256", "x": x, "d": d]),
            "invalid client secret: the key is not an Ed25519 (OKP) key"
        ),
        "public key": (
            jwk(["kty": "OKP", "crv": "Ed25519", "x": x]),
            "invalid client secret: the key is a public key, not a private one"
        ),
        "short seed": (
            jwk(["kty": "OKP", "crv": "Ed25519", "x": x, "d": "AAAA"]),
            "invalid client secret: the Ed25519 key is malformed"
        ),
        "foreign public half": (
            jwk([
                "kty": "OKP", "crv": "Ed25519", "d": d,
                "x": Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64URLEncodedString(),
            ]),
            "invalid client secret: the key's public part does not match its private part"
        ),
    ]

    @Test(arguments: malformed.keys.sorted())
    func malformedSecrets(_ name: String) throws {
        let (text, message) = try #require(Self.malformed[name])
        let error = #expect(throws: BatonError.self) { try C1ClientSecret(text) }
        #expect(error?.message == message)
        // The message never carries the key material.
        #expect(error.map { !$0.message.contains(Self.d) } == true)
    }

    @Test func assertionIsTheJWSGoMakes() throws {
        let id = try C1ClientID("my-client@acme.conductor.one:8443/pcc")
        let secret = try C1ClientSecret(Self.secret)
        let now = Date(timeIntervalSince1970: 1_800_000_000.7)
        let jws = try C1ClientAssertion.make(
            clientID: id, secret: secret, now: now, nonce: "0123456789abcdef0123456789abcdef")
        let parts = jws.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let header = String(decoding: Data(base64URLEncoded: parts[0])!, as: UTF8.self)
        let claims = String(decoding: Data(base64URLEncoded: parts[1])!, as: UTF8.self)
        #expect(header == #"{"alg":"EdDSA","nonce":"0123456789abcdef0123456789abcdef"}"#)
        #expect(
            claims
                == #"{"iss":"my-client@acme.conductor.one:8443/pcc","sub":"my-client@acme.conductor.one:8443/pcc","#
                + #""aud":"acme.conductor.one","exp":1800000120,"nbf":1799999880,"iat":1800000000}"#)
        let signature = Data(base64URLEncoded: parts[2])!
        #expect(Self.key.publicKey.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8)))
    }

    @Test func noncesAreFreshHex() throws {
        let a = C1ClientAssertion.randomNonce()
        let b = C1ClientAssertion.randomNonce()
        #expect(a.count == 32 && b.count == 32 && a != b)
        #expect(a.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test func endpointHonoursTheOverride() throws {
        let id = try C1ClientID("c@acme.conductor.one/pcc")
        let plain = try C1Endpoint(clientID: id, environment: [:])
        #expect(plain.host == "acme.conductor.one" && plain.port == 443)
        let redirected = try C1Endpoint(clientID: id, environment: ["BATON_C1_API_HOST": "127.0.0.1:9443"])
        #expect(redirected.host == "127.0.0.1" && redirected.port == 9443)
        #expect(redirected.authority == "127.0.0.1:9443")
        // The audience stays the client id's host.
        #expect(id.audience == "acme.conductor.one")
        let bad = #expect(throws: BatonError.self) {
            try C1Endpoint(clientID: id, environment: ["BATON_C1_API_HOST": "host:99999"])
        }
        #expect(bad?.message == "invalid ConductorOne API host 'host:99999'")
        let missing = #expect(throws: BatonError.self) {
            try C1Endpoint(clientID: id, environment: ["SSL_CERT_FILE": "/nonexistent/ca.pem"])
        }
        #expect(missing?.message == "SSL_CERT_FILE /nonexistent/ca.pem: not a readable PEM certificate bundle")
    }

    @Test func heartbeatIntervalsAreClamped() {
        func interval(_ seconds: Int64) -> Duration {
            var response = BatonProto.C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse()
            response.nextHeartbeat.seconds = seconds
            return TaskDaemon.heartbeatInterval(response)
        }
        #expect(interval(0) == .seconds(30))
        #expect(interval(-5) == .seconds(30))
        var subsecond = BatonProto.C1_Connectorapi_Baton_V1_BatonServiceHeartbeatResponse()
        subsecond.nextHeartbeat.nanos = 1000
        #expect(TaskDaemon.heartbeatInterval(subsecond) == .seconds(1))
        #expect(interval(7) == .seconds(7))
        #expect(interval(3600) == .seconds(300))
    }
}
