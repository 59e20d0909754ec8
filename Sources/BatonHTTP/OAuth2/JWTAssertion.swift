import Foundation

/// Builds the signed JWT of RFC 7523 client authentication (`private_key_jwt`).
enum JWTAssertion {
    /// Lifetime of an assertion.
    static let lifetime: TimeInterval = 300

    /// A compact JWS: header `{alg, typ, kid?}`, claims `iss = sub = clientID`, `aud`, `iat`, `exp` (+5 min) and a
    /// random `jti`.
    static func make(
        clientID: String, audience: String, key: JWTSigningKey, keyID: String?, now: Date = Date()
    ) throws -> String {
        var header: [String: String] = ["alg": key.algorithm.rawValue, "typ": "JWT"]
        if let keyID { header["kid"] = keyID }
        let issuedAt = Int64(now.timeIntervalSince1970)
        let claims = Claims(
            iss: clientID, sub: clientID, aud: audience, iat: issuedAt, exp: issuedAt + Int64(lifetime),
            jti: UUID().uuidString.lowercased())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let signingInput =
            base64URL(try encoder.encode(header)) + "." + base64URL(try encoder.encode(claims))
        let signature = try key.sign(Data(signingInput.utf8))
        return signingInput + "." + base64URL(signature)
    }

    private struct Claims: Encodable {
        var iss: String
        var sub: String
        var aud: String
        var iat: Int64
        var exp: Int64
        var jti: String
    }

    /// Base64url without padding (RFC 7515 §2).
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
