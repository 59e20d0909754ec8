import Crypto

@testable import BatonDaemon

/// Client secrets for tests.
enum C1ClientSecretFactory {
    /// A well-formed secret for a key no mock knows.
    static func stranger() -> String { C1ClientSecret.encode(Curve25519.Signing.PrivateKey()) }
}
