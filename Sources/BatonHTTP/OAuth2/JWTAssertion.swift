import Foundation

/// Signed JWTs (compact JWS): the RFC 7523 client assertion of `private_key_jwt`, and any other claims a service
/// asks for (a GitHub App's `iss`/`iat`/`exp`).
public enum JWTAssertion {
    /// Lifetime of a client assertion.
    static let lifetime: TimeInterval = 300

    /// A compact JWS of `claims`: header `{alg, typ: JWT, kid?}`, keys sorted, signed with `key`.
    ///
    /// ```swift
    /// struct Claims: Encodable { var iat: Int64; var exp: Int64; var iss: String }
    /// let jwt = try JWTAssertion.sign(Claims(iat: now - 60, exp: now + 600, iss: appID), key: key)
    /// ```
    public static func sign(_ claims: some Encodable, key: JWTSigningKey, keyID: String? = nil) throws -> String {
        var header: [String: String] = ["alg": key.algorithm.rawValue, "typ": "JWT"]
        if let keyID { header["kid"] = keyID }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let signingInput =
            base64URL(try encoder.encode(header)) + "." + base64URL(try encoder.encode(claims))
        let signature = try key.sign(Data(signingInput.utf8))
        return signingInput + "." + base64URL(signature)
    }

    /// The client assertion: claims `iss = sub = clientID`, `aud`, `iat`, `exp` (+5 min) and a random `jti`.
    static func make(
        clientID: String, audience: String, key: JWTSigningKey, keyID: String?, now: Date = Date()
    ) throws -> String {
        let issuedAt = Int64(now.timeIntervalSince1970)
        let claims = Claims(
            iss: clientID, sub: clientID, aud: audience, iat: issuedAt, exp: issuedAt + Int64(lifetime),
            jti: UUID().uuidString.lowercased())
        return try sign(claims, key: key, keyID: keyID)
    }

    private struct Claims: Encodable {
        var iss: String
        var sub: String
        var aud: String
        var iat: Int64
        var exp: Int64
        var jti: String
    }

    /// Base64url without padding (RFC 7515).
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
