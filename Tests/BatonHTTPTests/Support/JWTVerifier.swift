import Crypto
import Foundation
import _CryptoExtras

/// Checks compact JWS tokens independently of the code under test: splits, decodes and verifies the signature
/// with the public key through swift-crypto.
enum JWTVerifier {
    struct Decoded {
        var header: [String: Any]
        var claims: [String: Any]
    }

    enum Failure: Error { case malformed, badSignature }

    static func verifyRS256(_ token: String, publicKey: _RSA.Signing.PublicKey) throws -> Decoded {
        let (input, signature, decoded) = try split(token)
        let valid = publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: input),
            padding: .insecurePKCS1v1_5)
        guard valid else { throw Failure.badSignature }
        return decoded
    }

    static func verifyES256(_ token: String, publicKey: P256.Signing.PublicKey) throws -> Decoded {
        let (input, signature, decoded) = try split(token)
        guard signature.count == 64 else { throw Failure.malformed }
        let valid = publicKey.isValidSignature(
            try P256.Signing.ECDSASignature(rawRepresentation: signature), for: input)
        guard valid else { throw Failure.badSignature }
        return decoded
    }

    private static func split(_ token: String) throws -> (Data, Data, Decoded) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let header = base64URLDecode(parts[0]),
            let claims = base64URLDecode(parts[1]),
            let signature = base64URLDecode(parts[2]),
            let headerObject = try JSONSerialization.jsonObject(with: header) as? [String: Any],
            let claimsObject = try JSONSerialization.jsonObject(with: claims) as? [String: Any]
        else { throw Failure.malformed }
        return (
            Data("\(parts[0]).\(parts[1])".utf8), signature,
            Decoded(header: headerObject, claims: claimsObject)
        )
    }

    static func base64URLDecode(_ text: String) -> Data? {
        guard !text.contains("="), !text.contains("+"), !text.contains("/") else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(
            of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}

/// Test keys made fresh for each run, in every PEM flavour the token source accepts.
enum TestKeys {
    static func rsa() throws -> _RSA.Signing.PrivateKey {
        try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    /// SEC 1 `EC PRIVATE KEY` PEM for a P-256 key (swift-crypto only writes PKCS#8), built from its fixed-size DER.
    static func sec1PEM(_ key: P256.Signing.PrivateKey) -> String {
        var der: [UInt8] = [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20]
        der += key.rawRepresentation
        der += [0xA0, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        der += [0xA1, 0x44, 0x03, 0x42, 0x00]
        der += key.publicKey.x963Representation
        let body = Data(der).base64EncodedString(options: [
            .lineLength64Characters, .endLineWithLineFeed,
        ])
        return "-----BEGIN EC PRIVATE KEY-----\n\(body)\n-----END EC PRIVATE KEY-----\n"
    }
}
