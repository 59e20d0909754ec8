import Crypto
import Foundation
import _CryptoExtras

/// A public key that JWTs (client assertions, GitHub App tokens) are verified against.
/// RSA keys verify `RS256`; P-256 keys verify `ES256`.
public struct JWTPublicKey: Sendable {
    private enum Key: Sendable {
        case rsa(_RSA.Signing.PublicKey)
        case p256(P256.Signing.PublicKey)
    }

    private let key: Key

    /// Loads a PEM public key (`PUBLIC KEY` for RSA or P-256, or `RSA PUBLIC KEY`).
    ///
    /// - Throws: `JWTError` when the PEM holds neither an RSA nor a P-256 public key.
    public init(pem: String) throws(JWTError) {
        if let rsa = try? _RSA.Signing.PublicKey(pemRepresentation: pem) {
            key = .rsa(rsa)
        } else if let p256 = try? P256.Signing.PublicKey(pemRepresentation: pem) {
            key = .p256(p256)
        } else {
            throw JWTError(.invalidKey, "the public key is neither RSA nor P-256 PEM")
        }
    }

    /// The JWS algorithm this key verifies: `RS256` or `ES256`.
    public var algorithm: String {
        switch key {
        case .rsa: "RS256"
        case .p256: "ES256"
        }
    }

    /// Verifies a compact JWS and returns its header and claims; checks no claims.
    ///
    /// - Throws: `JWTError` when the token is malformed, uses another algorithm, or the signature fails.
    public func verify(_ token: String) throws(JWTError) -> VerifiedJWT {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerBytes = Base64URL.decode(parts[0]),
            let claimBytes = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2]),
            let header = try? JSONValue(parsing: headerBytes),
            let claims = try? JSONValue(parsing: claimBytes)
        else {
            throw JWTError(.malformed, "the token is not a compact JWS")
        }
        guard header["alg"]?.stringValue == algorithm else {
            throw JWTError(.wrongAlgorithm, "the token's alg is not \(algorithm)")
        }
        let signedBytes = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        let valid: Bool
        switch key {
        case .rsa(let rsa):
            valid = rsa.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: signedBytes,
                padding: .insecurePKCS1v1_5)
        case .p256(let p256):
            if let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature) {
                valid = p256.isValidSignature(ecdsa, for: signedBytes)
            } else {
                valid = false
            }
        }
        guard valid else { throw JWTError(.badSignature, "the token's signature does not verify") }
        return VerifiedJWT(header: header, claims: claims)
    }
}

/// A JWT whose signature verified.
public struct VerifiedJWT: Sendable {
    /// The JOSE header (`alg`, `kid`, `typ`).
    public var header: JSONValue
    /// The claims (`iss`, `sub`, `aud`, `exp`, …), unchecked.
    public var claims: JSONValue
}

/// Why a JWT was rejected.
public struct JWTError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        case invalidKey
        case malformed
        case wrongAlgorithm
        case badSignature
    }

    /// The kind of failure.
    public var code: Code
    /// One line, safe to show (never contains the token).
    public var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// Base64url without padding (RFC 7515 §2).
public enum Base64URL {
    /// Decodes base64url text, with or without padding.
    public static func decode(_ text: Substring) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64.append("=") }
        return Data(base64Encoded: base64).map { Array($0) }
    }

    /// Encodes bytes as base64url without padding.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
