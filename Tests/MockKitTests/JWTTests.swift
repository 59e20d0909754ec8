import Crypto
import Foundation
import MockKit
import Testing
import _CryptoExtras

@Suite("JWT verification")
struct JWTTests {
    static func token(header: String, claims: String, sign: ([UInt8]) throws -> [UInt8]) rethrows -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        return input + "." + Base64URL.encode(try sign(Array(input.utf8)))
    }

    @Test("RS256 tokens verify against the RSA public key; tampering and other keys fail")
    func rs256() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let verifier = try JWTPublicKey(pem: key.publicKey.pemRepresentation)
        #expect(verifier.algorithm == "RS256")
        let token = try Self.token(header: #"{"alg":"RS256","kid":"k1"}"#, claims: #"{"iss":"me","exp":99}"#) {
            Array(try key.signature(for: $0, padding: .insecurePKCS1v1_5).rawRepresentation)
        }
        let verified = try verifier.verify(token)
        #expect(verified.header["kid"]?.stringValue == "k1")
        #expect(verified.claims["iss"]?.stringValue == "me")

        var parts = token.split(separator: ".").map(String.init)
        parts[1] = Base64URL.encode(Array(#"{"iss":"you","exp":99}"#.utf8))
        #expect(throws: JWTError.self) { try verifier.verify(parts.joined(separator: ".")) }
        let otherKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        #expect(throws: JWTError.self) { try JWTPublicKey(pem: otherKey.publicKey.pemRepresentation).verify(token) }
        #expect(throws: JWTError.self) { try verifier.verify("not.a-token") }
    }

    @Test("ES256 tokens verify against the P-256 public key; an RS256 header is refused")
    func es256() throws {
        let key = P256.Signing.PrivateKey()
        let verifier = try JWTPublicKey(pem: key.publicKey.pemRepresentation)
        #expect(verifier.algorithm == "ES256")
        let token = try Self.token(header: #"{"alg":"ES256"}"#, claims: #"{"sub":"x"}"#) {
            Array(try key.signature(for: $0).rawRepresentation)
        }
        #expect(try verifier.verify(token).claims["sub"]?.stringValue == "x")
        let mislabelled = try Self.token(header: #"{"alg":"RS256"}"#, claims: #"{"sub":"x"}"#) {
            Array(try key.signature(for: $0).rawRepresentation)
        }
        #expect(throws: JWTError.self) { try verifier.verify(mislabelled) }
        #expect(throws: JWTError.self) {
            try JWTPublicKey(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")
        }
    }
}
