import BatonProto
import Crypto
public import Foundation

/// The JWT a daemon signs to get a token: compact JWS, header `{alg: EdDSA, nonce}` (plus `kid` when the key has
/// one), claims `iss`, `sub`, `aud`, `exp`, `nbf`, `iat` as baton-sdk's go-jose writes them. A fresh one (new nonce,
/// new times) for every token request.
public enum C1ClientAssertion {
    /// How far `nbf` and `exp` lie from `iat`.
    static let skew: Int64 = 120

    /// - Parameters:
    ///   - now: The issue time (whole seconds are used).
    ///   - nonce: 32 lowercase hex characters; random when `nil`.
    public static func make(
        clientID: C1ClientID, secret: C1ClientSecret, now: Date = Date(), nonce: String? = nil
    ) throws -> String {
        let issuedAt = Int64(now.timeIntervalSince1970.rounded(.down))
        // Field order as go-jose writes them; Foundation's encoder does not keep declaration order on Linux.
        var header: [(String, Scalar)] = [("alg", .string("EdDSA"))]
        if let keyID = secret.keyID { header.append(("kid", .string(keyID))) }
        header.append(("nonce", .string(nonce ?? randomNonce())))
        let claims: [(String, Scalar)] = [
            ("iss", .string(clientID.rawValue)), ("sub", .string(clientID.rawValue)),
            ("aud", .string(clientID.audience)), ("exp", .integer(issuedAt + skew)),
            ("nbf", .integer(issuedAt - skew)), ("iat", .integer(issuedAt)),
        ]
        let input =
            Data(object(header).utf8).base64URLEncodedString() + "."
            + Data(object(claims).utf8).base64URLEncodedString()
        let signature = try secret.key.signature(for: Data(input.utf8))
        return input + "." + Data(signature).base64URLEncodedString()
    }

    /// 16 random bytes as lowercase hex, as baton-sdk's nonce source makes them.
    static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    enum Scalar {
        case string(String)
        case integer(Int64)
    }

    /// A flat JSON object with its keys in the given order, strings escaped as Go escapes them.
    static func object(_ fields: [(String, Scalar)]) -> String {
        "{"
            + fields.map { key, value in
                let text: String
                switch value {
                case .string(let string): text = GoJSON.quote(string)
                case .integer(let number): text = String(number)
                }
                return GoJSON.quote(key) + ":" + text
            }.joined(separator: ",") + "}"
    }
}
