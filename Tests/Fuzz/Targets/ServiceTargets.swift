import BatonProto
import BatonService
import Foundation

extension FuzzTarget {
    /// The service-mode stdin line: base64 of a `ServerConfig`, whose credential the child turns into its TLS
    /// identity (DER certificates and a Go Ed25519 key, parsed by BoringSSL).
    static let serverConfig = FuzzTarget(
        "server-config", "The _connector-service stdin line: base64 ServerConfig and its TLS credential"
    ) { data throws(FuzzViolation) in
        let line = [UInt8](data.prefix(while: { $0 != UInt8(ascii: "\n") }))
        try FuzzViolation.expecting(ServiceError.self, from: "ServiceHandoff") {
            let config = try ServiceHandoff.decodeConfiguration(line)
            var encoded = try ServiceHandoff.encodeConfiguration(config)
            encoded.removeLast()
            try FuzzViolation.check(
                try ServiceHandoff.decodeConfiguration(encoded) == config, "a decoded ServerConfig does not round-trip")
            _ = try ServiceHandoff.serverIdentity(config)
        } check: { error throws(FuzzViolation) in
            try FuzzViolation.check(error.code == .badConfiguration, "stdin line error code \(error.code)")
            try FuzzViolation.check(!error.message.contains("\n"), "a multi-line error: \(error.message)")
        }
    }
}
