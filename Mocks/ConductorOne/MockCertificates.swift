import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// The mock's TLS identity: a fresh ECDSA P-256 CA and a server leaf it signed for `127.0.0.1`, `::1` and
/// `localhost`. P-256 because every client (Go's crypto/tls, BoringSSL, curl) verifies it by default.
struct MockCertificates: Sendable {
    /// The CA certificate, PEM: what clients trust (`ca.pem`).
    let caPEM: String
    /// The server's certificate chain and key, for the TLS listener.
    let leafDER: [UInt8]
    let leafKeyDER: [UInt8]

    static func generate(now: Date = Date()) throws -> MockCertificates {
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName {
            OrganizationName("baton-mock")
            CommonName("baton-mock conductorone CA")
        }
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(caKey.publicKey))
            },
            issuerPrivateKey: .init(caKey))

        let leafKey = P256.Signing.PrivateKey()
        let leafName = try DistinguishedName {
            OrganizationName("baton-mock")
            CommonName("localhost")
        }
        let leaf = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(leafKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(365 * 86_400),
            issuer: caName, subject: leafName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([
                    .dnsName("localhost"),
                    .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                    .ipAddress(ASN1OctetString(contentBytes: ArraySlice(repeating: 0, count: 15) + [1])),
                ])
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: .init(caKey.publicKey)).keyIdentifier)
            },
            issuerPrivateKey: .init(caKey))

        var serializer = DER.Serializer()
        try serializer.serialize(leaf)
        return MockCertificates(
            caPEM: try ca.serializeAsPEM().pemString, leafDER: serializer.serializedBytes,
            leafKeyDER: Array(leafKey.derRepresentation))
    }

    /// The server side of TLS: TLS 1.2+, the leaf alone (clients trust the CA). ALPN is set by the HTTP/2 channel.
    func serverTLSConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: leafDER, format: .der))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: leafKeyDER, format: .der)))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
