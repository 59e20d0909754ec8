public import BatonProto
public import Crypto
public import Foundation
import SwiftASN1
import X509

/// The TLS identities of one parent/child pair, made fresh for every spawn as the Go SDK makes them: a self-signed
/// Ed25519 CA and two Ed25519 leaves it signed, one the child serves with and one the parent presents.
///
/// Nothing is written to disk. Only ``server`` travels to the child (in the stdin line); the client identity and
/// the CA's key stay in the parent's memory and die with it.
public struct ServiceCredentials: Sendable {
    /// The child's identity: leaf certificate, key and the CA that verifies client certificates.
    public var server: ServiceIdentity
    /// The parent's identity: leaf certificate, key and the CA that verifies the server.
    public var client: ServiceIdentity

    /// Makes a CA (20 years) and two leaves (1 year) valid for 127.0.0.1 and ::1, with the names, key usages and
    /// extended key usages the Go SDK gives them.
    public static func generate(now: Date = Date()) throws -> ServiceCredentials {
        let caKey = Curve25519.Signing.PrivateKey()
        let caName = try DistinguishedName {
            OrganizationName("ConductorOne")
            OrganizationalUnitName("connector sdk")
            CommonName("c1-connector-ca")
        }
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(bytes: randomSerial()),
            publicKey: .init(caKey.publicKey), notValidBefore: now.addingTimeInterval(-60),
            notValidAfter: now.addingTimeInterval(20 * 365 * 86_400), issuer: caName, subject: caName,
            signatureAlgorithm: .ed25519,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
            },
            issuerPrivateKey: .init(caKey))
        let caDER = try der(ca)

        func leaf(_ commonName: String) throws -> ServiceIdentity {
            let key = Curve25519.Signing.PrivateKey()
            let subject = try DistinguishedName {
                OrganizationName("ConductorOne")
                OrganizationalUnitName("connector sdk")
                CommonName(commonName)
            }
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: randomSerial()),
                publicKey: .init(key.publicKey), notValidBefore: now.addingTimeInterval(-60),
                notValidAfter: now.addingTimeInterval(365 * 86_400), issuer: caName, subject: subject,
                signatureAlgorithm: .ed25519,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.clientAuth, .serverAuth])
                    SubjectAlternativeNames([
                        .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                        .ipAddress(ASN1OctetString(contentBytes: ArraySlice(repeating: 0, count: 15) + [1])),
                    ])
                },
                issuerPrivateKey: .init(caKey))
            return ServiceIdentity(certificateDER: try der(certificate), privateKey: key, caCertificateDER: caDER)
        }
        return ServiceCredentials(server: try leaf("c1-connector-server"), client: try leaf("c1-connector-client"))
    }

    /// A random positive 128-bit serial number.
    private static func randomSerial() -> [UInt8] {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[0] &= 0x7F
        bytes[0] |= 0x01
        return bytes
    }

    private static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}

/// One side's TLS identity: its leaf certificate and Ed25519 key, and the CA certificate it trusts.
public struct ServiceIdentity: Sendable {
    /// The leaf certificate, DER.
    public var certificateDER: [UInt8]
    public var privateKey: Curve25519.Signing.PrivateKey
    /// The per-spawn CA certificate, DER: the only root this side trusts.
    public var caCertificateDER: [UInt8]

    public init(certificateDER: [UInt8], privateKey: Curve25519.Signing.PrivateKey, caCertificateDER: [UInt8]) {
        self.certificateDER = certificateDER
        self.privateKey = privateKey
        self.caCertificateDER = caCertificateDER
    }

    /// The identity as the Go SDK hands it over: DER certificates and Go's 64-byte Ed25519 private key (seed then
    /// public key).
    public var credential: C1_Utls_V1_Credential {
        var credential = C1_Utls_V1_Credential()
        credential.caCert = Data(caCertificateDER)
        credential.cert = Data(certificateDER)
        credential.key = privateKey.rawRepresentation + privateKey.publicKey.rawRepresentation
        return credential
    }

    /// Reads a credential received from a parent.
    ///
    /// - Throws: ``ServiceError`` `badConfiguration` when a part is missing or the key is not a Go Ed25519 key whose
    ///   public half matches its seed.
    public init(_ credential: C1_Utls_V1_Credential) throws(ServiceError) {
        guard !credential.cert.isEmpty, !credential.caCert.isEmpty else {
            throw .badConfiguration("the server credential has no certificate")
        }
        // Go's ed25519.PrivateKey is seed || public key; a bare 32-byte seed is accepted too.
        guard credential.key.count == 64 || credential.key.count == 32 else {
            throw .badConfiguration("the server key is not an Ed25519 key (\(credential.key.count) bytes)")
        }
        let key: Curve25519.Signing.PrivateKey
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: credential.key.prefix(32))
        } catch {
            throw .badConfiguration("the server key is not an Ed25519 key")
        }
        if credential.key.count == 64, key.publicKey.rawRepresentation != credential.key.suffix(32) {
            throw .badConfiguration("the server key's public half does not match its seed")
        }
        self.init(
            certificateDER: Array(credential.cert), privateKey: key, caCertificateDER: Array(credential.caCert))
    }

    /// The private key as unencrypted PKCS#8 DER, the form the TLS library reads.
    var privateKeyPKCS8: [UInt8] {
        // RFC 8410: SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING seed } }
        [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
            + Array(privateKey.rawRepresentation)
    }
}
