import Crypto
import Foundation
import MockKit

/// The daemon's credential: a client id `<name>@<token host>/pcc` and a client secret wrapping a fresh Ed25519
/// private JWK, in the exact formats baton-sdk parses (`pkg/crypto/client_secret.go`).
struct ClientCredential: Sendable {
    let clientID: String
    let clientSecret: String
    let publicKey: Curve25519.Signing.PublicKey
    /// The JWT audience the SDK derives: the client id's host with any port stripped.
    let audience: String

    static func generate(name: String, tokenHost: String) -> ClientCredential {
        let key = Curve25519.Signing.PrivateKey()
        let jwk =
            #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(key.publicKey.rawRepresentation))","#
            + #""d":"\#(Base64URL.encode(key.rawRepresentation))"}"#
        let host = tokenHost.split(separator: ":", maxSplits: 1).first.map(String.init) ?? tokenHost
        return ClientCredential(
            clientID: "\(name)@\(tokenHost)/pcc",
            clientSecret: "secret-token:conductorone.com:v1:\(Base64URL.encode(Array(jwk.utf8)))",
            publicKey: key.publicKey, audience: host)
    }
}

/// Why a token request was refused: the OAuth error code, the HTTP status and a description that never quotes the
/// assertion or the secret.
struct TokenRefusal: Error, Sendable {
    let status: Int
    let error: String
    let description: String

    static func request(_ description: String) -> TokenRefusal {
        TokenRefusal(status: 400, error: "invalid_request", description: description)
    }

    static func client(_ description: String) -> TokenRefusal {
        TokenRefusal(status: 401, error: "invalid_client", description: description)
    }
}

/// Checks a `private_key_jwt` client assertion as baton-sdk makes it (spec §2): a compact JWS with header
/// `{"alg":"EdDSA","nonce":<32 lowercase hex>}` (no `typ`, no `jwk`), claims `iss` = `sub` = client id, `aud` = the
/// client id's host as a plain string, integer `exp`/`nbf`/`iat` around now, signed by the client's Ed25519 key.
struct AssertionVerifier: Sendable {
    let credential: ClientCredential
    /// Clock skew tolerated on `exp`, `nbf` and `iat`.
    var skew: Double = 60
    /// The longest assertion lifetime accepted (`exp − iat`); the SDK uses 2 minutes.
    var maxLifetime: Double = 600

    /// The assertion's nonce when every check passes (the caller rejects a nonce seen before).
    func verify(form: [String: String], now: Date) throws(TokenRefusal) -> (nonce: String, expires: Double) {
        guard form["grant_type"] == "client_credentials" else {
            throw TokenRefusal(
                status: 400, error: "unsupported_grant_type", description: "grant_type must be client_credentials")
        }
        guard form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" else {
            throw .request("client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        }
        guard let clientID = form["client_id"], !clientID.isEmpty else { throw .request("client_id is missing") }
        guard let assertion = form["client_assertion"], !assertion.isEmpty else {
            throw .request("client_assertion is missing")
        }
        guard clientID == credential.clientID else { throw .client("unknown client_id") }

        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]),
            let claimBytes = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2]),
            let header = try? JSONValue(parsing: headerBytes), let claims = try? JSONValue(parsing: claimBytes),
            header.objectValue != nil, claims.objectValue != nil
        else { throw .client("the client assertion is not a compact JWS") }

        guard header["alg"]?.stringValue == "EdDSA" else { throw .client("the assertion's alg must be EdDSA") }
        guard header["typ"] == nil else { throw .client("the assertion's header must not carry typ") }
        guard header["jwk"] == nil else { throw .client("the assertion's header must not embed a jwk") }
        guard let nonce = header["nonce"]?.stringValue else { throw .client("the assertion's header has no nonce") }
        guard nonce.utf8.count == 32,
            nonce.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { throw .client("the assertion's nonce is not 32 lowercase hex characters") }

        let signed = Array(assertion.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard credential.publicKey.isValidSignature(signature, for: signed) else {
            throw .client("the assertion's signature does not verify")
        }

        guard claims["iss"]?.stringValue == clientID else { throw .client("the assertion's iss is not the client id") }
        guard claims["sub"]?.stringValue == clientID else { throw .client("the assertion's sub is not the client id") }
        guard let audience = claims["aud"]?.stringValue else {
            throw .client("the assertion's aud must be a plain string")
        }
        guard audience == credential.audience else {
            throw .client("the assertion's aud must be \(credential.audience)")
        }
        guard let exp = integer(claims["exp"]), let nbf = integer(claims["nbf"]), let iat = integer(claims["iat"])
        else {
            throw .client("the assertion's exp, nbf and iat must be integers")
        }
        let time = now.timeIntervalSince1970
        guard exp > time - skew else { throw .client("the assertion has expired") }
        guard nbf <= time + skew else { throw .client("the assertion is not valid yet (nbf)") }
        guard iat <= time + skew, iat >= time - maxLifetime - skew else {
            throw .client("the assertion's iat is too far from now")
        }
        guard nbf <= exp, exp - iat <= maxLifetime else { throw .client("the assertion's lifetime is too long") }
        return (nonce, exp)
    }

    private func integer(_ value: JSONValue?) -> Double? {
        guard case .number(let number)? = value, number == number.rounded(), abs(number) < 1e12 else { return nil }
        return number
    }
}
