import BatonSDK
import Crypto
public import Foundation
import _CryptoExtras

/// A private key that signs JWT client assertions: RSA (RS256) or P-256 (ES256).
///
/// Never printed: `description`, `debugDescription` and mirrors show only the algorithm.
public struct JWTSigningKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// A JWS signature algorithm.
    public enum Algorithm: String, Sendable {
        /// RSASSA-PKCS1-v1_5 with SHA-256.
        case rs256 = "RS256"
        /// ECDSA with P-256 and SHA-256, signature as raw r‖s (64 bytes).
        case es256 = "ES256"
    }

    private enum Backing: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
    }

    private let backing: Backing

    /// The algorithm this key signs with.
    public var algorithm: Algorithm {
        switch backing {
        case .rsa: .rs256
        case .p256: .es256
        }
    }

    /// Parses a PEM private key: `RSA PRIVATE KEY` (PKCS#1), `PRIVATE KEY` (PKCS#8, RSA or P-256) or
    /// `EC PRIVATE KEY` (SEC 1, P-256).
    ///
    /// Literal `\n` sequences (keys pasted into one-line environment variables) are turned into newlines.
    ///
    /// - Throws: `BatonError` `.invalidArgument` naming the problem, never the key.
    public init(pem: String) throws {
        let text = pem.replacingOccurrences(of: "\\n", with: "\n").trimmingCharacters(
            in: .whitespacesAndNewlines)
        guard let label = Self.pemLabel(text) else {
            throw BatonError(.invalidArgument, "private key: not a PEM document (no BEGIN line)")
        }
        switch label {
        case "RSA PRIVATE KEY":
            backing = .rsa(try Self.rsaKey(text))
        case "EC PRIVATE KEY":
            backing = .p256(try Self.p256Key(text))
        case "PRIVATE KEY":
            if let key = try? Self.rsaKey(text) {
                backing = .rsa(key)
            } else if let key = try? P256.Signing.PrivateKey(pemRepresentation: text) {
                backing = .p256(key)
            } else {
                throw BatonError(
                    .invalidArgument,
                    "private key: PKCS#8 key is neither RSA (2048 bits or more) nor EC P-256")
            }
        case "ENCRYPTED PRIVATE KEY":
            throw BatonError(
                .invalidArgument, "private key: encrypted keys are not supported; decrypt it first")
        default:
            throw BatonError(.invalidArgument, "private key: unsupported PEM type \"\(label)\"")
        }
    }

    /// Signs `data` and returns the JWS signature bytes (RS256: PKCS#1 v1.5 over SHA-256; ES256: raw r‖s),
    /// for connectors that build their own JWTs (a GitHub App's token request).
    ///
    /// - Throws: the crypto library's error when signing fails.
    public func sign(_ data: Data) throws -> Data {
        switch backing {
        case .rsa(let key):
            return try key.signature(for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5)
                .rawRepresentation
        case .p256(let key):
            return try key.signature(for: data).rawRepresentation
        }
    }

    /// The matching public key as PEM (SubjectPublicKeyInfo), for registering with the identity provider.
    public var publicKeyPEM: String {
        switch backing {
        case .rsa(let key): key.publicKey.pemRepresentation
        case .p256(let key): key.publicKey.pemRepresentation
        }
    }

    public var description: String { "JWTSigningKey(\(algorithm.rawValue))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["algorithm": algorithm]) }

    private static func pemLabel(_ text: String) -> String? {
        guard let begin = text.range(of: "-----BEGIN ") else { return nil }
        let rest = text[begin.upperBound...]
        guard let end = rest.range(of: "-----") else { return nil }
        return String(rest[..<end.lowerBound])
    }

    private static func rsaKey(_ text: String) throws -> _RSA.Signing.PrivateKey {
        do {
            return try _RSA.Signing.PrivateKey(pemRepresentation: text)
        } catch {
            throw BatonError(
                .invalidArgument, "private key: not a valid RSA private key of 2048 bits or more")
        }
    }

    private static func p256Key(_ text: String) throws -> P256.Signing.PrivateKey {
        do {
            return try P256.Signing.PrivateKey(pemRepresentation: text)
        } catch {
            throw BatonError(.invalidArgument, "private key: not a valid EC P-256 private key")
        }
    }
}
