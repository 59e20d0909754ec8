public import Crypto
public import Foundation

/// Cosign-compatible release signatures: ECDSA P-256 over the SHA-256 of a file, stored as the
/// base64 of the ASN.1 DER signature (what `cosign sign-blob --key` writes), so `openssl dgst -sha256
/// -verify key.pub -signature <decoded> file` checks it without our code.
public enum ReleaseSigning {

    /// A new key pair as PEM: PKCS#8 private key and SubjectPublicKeyInfo public key.
    public static func generateKeyPair() -> (privateKeyPEM: String, publicKeyPEM: String) {
        let key = P256.Signing.PrivateKey()
        return (key.pemRepresentation, key.publicKey.pemRepresentation)
    }

    /// Writes `<name>.key` (mode 0600) and `<name>.pub` (0644) into `directory`, refusing to replace
    /// an existing key: a lost private key cannot be recovered, a replaced one silently breaks every
    /// registered verification.
    ///
    /// - Returns: the two paths.
    @discardableResult
    public static func writeKeyPair(name: String, directory: String) throws -> (privateKey: String, publicKey: String) {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            throw ReleaseError("invalid key name \"\(name)\": use a plain file name such as my-org")
        }
        let privatePath = directory + "/" + name + ".key"
        let publicPath = directory + "/" + name + ".pub"
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw ReleaseError("\(path) already exists; remove it first or choose another name")
        }
        let pair = generateKeyPair()
        try ReleaseFiles.writeAtomically(Data(pair.privateKeyPEM.utf8), to: privatePath, mode: 0o600)
        try ReleaseFiles.writeAtomically(Data(pair.publicKeyPEM.utf8), to: publicPath, mode: 0o644)
        return (privatePath, publicPath)
    }

    /// Reads a PEM private key (PKCS#8 or SEC1 `EC PRIVATE KEY`).
    public static func privateKey(atPath path: String) throws -> P256.Signing.PrivateKey {
        let pem = try ReleaseFiles.text(atPath: path, what: "signing key")
        do {
            return try P256.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw ReleaseError("\(path) is not a PEM ECDSA P-256 private key")
        }
    }

    /// Reads a PEM public key.
    public static func publicKey(pem: String, source: String) throws -> P256.Signing.PublicKey {
        do {
            return try P256.Signing.PublicKey(pemRepresentation: pem)
        } catch {
            throw ReleaseError("\(source) is not a PEM ECDSA P-256 public key")
        }
    }

    /// The base64 DER signature of `data`, as written to `<file>.sig`.
    public static func sign(_ data: Data, with key: P256.Signing.PrivateKey) throws -> String {
        try key.signature(for: SHA256.hash(data: data)).derRepresentation.base64EncodedString()
    }

    /// Whether `signature` (base64 DER, surrounding whitespace allowed) signs `data` under `key`.
    public static func verify(_ signature: String, of data: Data, with key: P256.Signing.PublicKey) -> Bool {
        let text = signature.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let der = Data(base64Encoded: text),
            let decoded = try? P256.Signing.ECDSASignature(derRepresentation: der)
        else { return false }
        return key.isValidSignature(decoded, for: SHA256.hash(data: data))
    }

    /// The lowercase hex SHA-256 of `data`.
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
