import NIOSSL

/// The TLS settings of both ends, as the Go SDK sets them: TLS 1.2 or later, ALPN `h2`, only the per-spawn CA as a
/// root, and a client certificate required and verified.
enum ServiceTLS {
    /// Ed25519 first: both identities are Ed25519, and BoringSSL leaves it out of its default verification list.
    /// The others keep a peer with another key type (a private CA) from failing the handshake for nothing.
    static let signatureAlgorithms: [SignatureAlgorithm] = [
        .ed25519, .ecdsaSecp256R1Sha256, .ecdsaSecp384R1Sha384, .rsaPssRsaeSha256, .rsaPssRsaeSha384,
        .rsaPssRsaeSha512, .rsaPkcs1Sha256, .rsaPkcs1Sha384, .rsaPkcs1Sha512,
    ]

    /// The child's server context: it presents `identity` and accepts only clients whose certificate `identity`'s
    /// CA signed.
    static func serverContext(_ identity: ServiceIdentity) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: identity.certificateDER, format: .der))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: identity.privateKeyPKCS8, format: .der)))
        configuration.minimumTLSVersion = .tlsv12
        // Chain verification without a host name: a client certificate names no host. NIOSSL requires a client
        // certificate whenever verification is on.
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: identity.caCertificateDER, format: .der)]
        )
        configuration.applicationProtocols = ["h2"]
        configuration.verifySignatureAlgorithms = signatureAlgorithms
        return try NIOSSLContext(configuration: configuration)
    }

    /// The parent's client context: it presents `identity` and trusts only `identity`'s CA. The server's
    /// certificate is checked against the IP address dialled (127.0.0.1), as Go checks it against its server name.
    static func clientContext(_ identity: ServiceIdentity) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateChain = [
            .certificate(try NIOSSLCertificate(bytes: identity.certificateDER, format: .der))
        ]
        configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: identity.privateKeyPKCS8, format: .der))
        configuration.certificateVerification = .fullVerification
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: identity.caCertificateDER, format: .der)]
        )
        configuration.applicationProtocols = ["h2"]
        configuration.verifySignatureAlgorithms = signatureAlgorithms
        return try NIOSSLContext(configuration: configuration)
    }
}
