import BatonSDK
public import Crypto
import Foundation

/// The client id a daemon authenticates with: `<client name>@<token host>/<suffix>`.
///
/// The whole string is the JWT issuer and subject and the form's `client_id`; the token host (without a port) is
/// the JWT audience and, unless `BATON_C1_API_HOST` says otherwise, where the token and the tasks come from.
public struct C1ClientID: Sendable, Equatable, CustomStringConvertible {
    /// The id as given.
    public let rawValue: String
    /// The part before `@`: what the user agent names.
    public let clientName: String
    /// The part between `@` and `/`, possibly with a port.
    public let tokenHost: String

    /// - Throws: ``BatonError`` `.invalidArgument` when the id is not `<name>@<host>/<suffix>`.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // As Go parses it: split once at "@", then the right side once at "/"; both must give two parts.
        guard let at = trimmed.firstIndex(of: "@") else {
            throw BatonError(.invalidArgument, "invalid client id: expected <name>@<host>/<suffix>, found no '@'")
        }
        let right = trimmed[trimmed.index(after: at)...]
        guard let slash = right.firstIndex(of: "/") else {
            throw BatonError(.invalidArgument, "invalid client id: expected <name>@<host>/<suffix>, found no '/'")
        }
        let host = String(right[..<slash])
        guard !host.isEmpty else {
            throw BatonError(.invalidArgument, "invalid client id: the host between '@' and '/' is empty")
        }
        rawValue = trimmed
        clientName = String(trimmed[..<at])
        tokenHost = host
    }

    /// The token host without its port: the JWT audience.
    public var audience: String { Self.stripPort(tokenHost) }

    public var description: String { rawValue }

    /// `host` without a trailing `:port` (IPv6 literals in brackets keep their colons).
    static func stripPort(_ host: String) -> String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            return String(host[host.index(after: host.startIndex)..<close])
        }
        guard let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon else { return host }
        return String(host[..<colon])
    }
}

/// The client secret: `secret-token:conductorone.com:v1:<base64url JWK>`, an Ed25519 private key.
///
/// Never printed: `description`, `debugDescription` and mirrors say only what it is.
public struct C1ClientSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let key: Curve25519.Signing.PrivateKey
    /// The JWK's `kid`, when it had one (the JWS header carries it then).
    let keyID: String?

    /// - Throws: ``BatonError`` `.invalidArgument` naming what is malformed, never the secret.
    public init(_ text: String) throws {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            throw BatonError(
                .invalidArgument, "invalid client secret: expected secret-token:conductorone.com:v1:<key>")
        }
        guard parts[2] == "v1" else {
            // The version is not echoed: it is the user's text and may hold anything, line breaks included.
            throw BatonError(.invalidArgument, "invalid client secret: unsupported version (expected v1)")
        }
        guard let json = Data(base64URLEncoded: String(parts[3])) else {
            throw BatonError(.invalidArgument, "invalid client secret: the key is not base64url")
        }
        let jwk: JWK
        do {
            jwk = try JSONDecoder().decode(JWK.self, from: json)
        } catch {
            throw BatonError(.invalidArgument, "invalid client secret: the key is not a JSON Web Key")
        }
        guard jwk.kty == "OKP", jwk.crv == "Ed25519" else {
            throw BatonError(
                .invalidArgument, "invalid client secret: the key is not an Ed25519 (OKP) key")
        }
        guard let d = jwk.d else {
            throw BatonError(.invalidArgument, "invalid client secret: the key is a public key, not a private one")
        }
        guard let seed = Data(base64URLEncoded: d), seed.count == 32,
            let x = jwk.x.flatMap({ Data(base64URLEncoded: $0) }), x.count == 32,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        else {
            throw BatonError(.invalidArgument, "invalid client secret: the Ed25519 key is malformed")
        }
        guard key.publicKey.rawRepresentation == x else {
            throw BatonError(
                .invalidArgument, "invalid client secret: the key's public part does not match its private part")
        }
        self.key = key
        keyID = jwk.kid
    }

    /// A secret for `key`, in the form ConductorOne issues (for mocks and tests).
    public static func encode(_ key: Curve25519.Signing.PrivateKey, keyID: String? = nil) -> String {
        var fields = [
            "crv": "Ed25519", "kty": "OKP", "d": key.rawRepresentation.base64URLEncodedString(),
            "x": key.publicKey.rawRepresentation.base64URLEncodedString(),
        ]
        if let keyID { fields["kid"] = keyID }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(fields)) ?? Data()
        return "secret-token:conductorone.com:v1:" + json.base64URLEncodedString()
    }

    /// The public key, for a verifier.
    public var publicKey: Curve25519.Signing.PublicKey { key.publicKey }

    public var description: String { "C1ClientSecret(Ed25519)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: []) }

    private struct JWK: Decodable {
        var kty: String?
        var crv: String?
        var x: String?
        var d: String?
        var kid: String?
    }
}

extension Data {
    /// Base64url (RFC 4648 §5), with or without padding.
    init?(base64URLEncoded text: String) {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_=".contains($0)) })
        else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 = base64.trimmingCharacters(in: CharacterSet(charactersIn: "="))
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }

    /// Base64url without padding (RFC 7515).
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
