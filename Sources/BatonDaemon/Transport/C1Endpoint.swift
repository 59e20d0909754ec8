import BatonSDK
import Foundation
public import NIOSSL

/// Where and how a daemon reaches ConductorOne: the API host (the client id's, or `BATON_C1_API_HOST`) and TLS 1.2+
/// trusting the system roots plus any CA bundle in `SSL_CERT_FILE` (as Go does, so a private CA works).
/// Certificate verification is never switched off.
public struct C1Endpoint: Sendable {
    /// The host name or address, without a port.
    public let host: String
    /// The port (443 unless the host named one).
    public let port: Int
    /// The TLS settings of every connection to `host`.
    public let tls: TLSConfiguration

    /// - Parameter environment: Reads `BATON_C1_API_HOST` and `SSL_CERT_FILE`.
    /// - Throws: ``BatonError`` `.invalidArgument` for a malformed host or an unreadable `SSL_CERT_FILE`.
    public init(clientID: C1ClientID, environment: [String: String]) throws {
        let override = environment["BATON_C1_API_HOST"].map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let given = override.isEmpty ? clientID.tokenHost : override
        (host, port) = try Self.split(given)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        tls.trustRoots = .default
        if let bundle = environment["SSL_CERT_FILE"], !bundle.isEmpty {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(bundle)
            } catch {
                throw BatonError(
                    .invalidArgument, "SSL_CERT_FILE \(Self.shown(bundle)): not a readable PEM certificate bundle")
            }
            guard !certificates.isEmpty else {
                throw BatonError(.invalidArgument, "SSL_CERT_FILE \(Self.shown(bundle)): holds no certificate")
            }
            tls.additionalTrustRoots = [.certificates(certificates)]
        }
        self.tls = tls
    }

    /// `host[:port]` (IPv6 in brackets) as host and port.
    static func split(_ text: String) throws -> (String, Int) {
        let invalid = BatonError(.invalidArgument, "invalid ConductorOne API host '\(Self.shown(text))'")
        guard !text.isEmpty, !text.contains("/"), !text.contains(" ") else { throw invalid }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return (host, 443) }
            guard rest.first == ":", let port = Int(rest.dropFirst()), (1...65535).contains(port) else { throw invalid }
            return (host, port)
        }
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        switch pieces.count {
        case 1: return (text, 443)
        case 2:
            guard !pieces[0].isEmpty, let port = Int(pieces[1]), (1...65535).contains(port) else { throw invalid }
            return (String(pieces[0]), port)
        default: throw invalid
        }
    }

    /// The user's `text` as an error may echo it: at most 200 characters, control characters (line breaks
    /// included) as `?`, so the error stays one line.
    static func shown(_ text: String) -> String {
        String(
            text.prefix(200).map { character in
                character.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) } ? "?" : character
            })
    }

    /// `host:port` for URLs (brackets around IPv6).
    public var authority: String { (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }
}
