import Foundation
public import Logging
import NIOSSL

/// What to export and where: the reference's six `--otel-*` flags, plus what the command line knows (the service
/// name, the log level, how secrets are masked).
public struct TelemetryOptions: Sendable {
    /// `--otel-collector-endpoint`: a gRPC target, `host:port` (or `dns:///host:port`), no scheme. Empty: no export.
    public var endpoint: String
    /// `--otel-collector-endpoint-tls-cert-path`: a PEM CA file; the collector's certificate must chain to it.
    public var certificatePath: String
    /// `--otel-collector-endpoint-tls-cert`: the same PEM as base64 RawURL (URL alphabet, no padding).
    public var certificate: String
    /// `--otel-collector-endpoint-tls-insecure`: plaintext gRPC.
    public var insecure: Bool
    /// `--otel-tracing-disabled`.
    public var tracingDisabled: Bool
    /// `--otel-logging-disabled`.
    public var loggingDisabled: Bool
    /// `service.name` on the resource, `<connector-name>-server` in the reference.
    public var serviceName: String
    /// Records below this level are not exported (`--log-level`).
    public var logLevel: Logger.Level
    /// Masks secrets in exported log records (the command's log redactor).
    public var redact: @Sendable (String) -> String

    public init(
        endpoint: String = "", certificatePath: String = "", certificate: String = "", insecure: Bool = false,
        tracingDisabled: Bool = false, loggingDisabled: Bool = false, serviceName: String,
        logLevel: Logger.Level = .info, redact: @escaping @Sendable (String) -> String = { $0 }
    ) {
        self.endpoint = endpoint
        self.certificatePath = certificatePath
        self.certificate = certificate
        self.insecure = insecure
        self.tracingDisabled = tracingDisabled
        self.loggingDisabled = loggingDisabled
        self.serviceName = serviceName
        self.logLevel = logLevel
        self.redact = redact
    }

    /// Whether anything is exported: an endpoint and at least one signal. Unlike the reference, which consults the two
    /// disable flags only together, each one turns its own signal off.
    public var isEnabled: Bool { !endpoint.isEmpty && !(tracingDisabled && loggingDisabled) }

    /// How the exporters reach the collector.
    public enum Security: Sendable, Equatable {
        /// Plaintext gRPC (`--otel-collector-endpoint-tls-insecure`).
        case plaintext
        /// TLS 1.2 or later, verified against the system's roots.
        case systemRoots
        /// TLS 1.2 or later, verified against this CA only (PEM text) and nothing else.
        case certificateAuthority(pem: String)
    }

    /// The collector's address and how to reach it, checked.
    public struct Collector: Sendable, Equatable {
        /// `host`, or `[v6-address]`.
        public var host: String
        public var port: Int
        public var security: Security

        /// Whether ``host`` is an IPv4 or IPv6 address rather than a name.
        public var hostIsAddress: Bool {
            host.hasPrefix("[") || (!host.isEmpty && host.allSatisfy { $0 == "." || ($0.isASCII && $0.isNumber) })
        }

        /// The endpoint URL swift-otel's gRPC exporter takes (the scheme only says plaintext or TLS).
        public var url: String {
            (security == .plaintext ? "http://" : "https://") + host + ":" + String(port)
        }
    }

    /// Checks the endpoint and the TLS options.
    ///
    /// - Throws: ``TelemetryError`` (usage) for both certificate options at once or an endpoint that is not
    ///   `host:port`; (failure) for a certificate that cannot be read or holds no PEM certificate.
    public func collector() throws(TelemetryError) -> Collector {
        var target = endpoint.trimmingCharacters(in: .whitespaces)
        if target.hasPrefix("dns:///") { target.removeFirst("dns:///".count) }
        if target.contains("://") || target.hasPrefix("dns:") {
            throw .usage(
                "invalid --otel-collector-endpoint \"\(endpoint)\": expected a gRPC target host:port, without a scheme")
        }
        guard let components = URLComponents(string: "http://" + target), let host = components.host, !host.isEmpty,
            let port = components.port, components.path.isEmpty, (1...65535).contains(port)
        else {
            throw .usage("invalid --otel-collector-endpoint \"\(endpoint)\": expected host:port (the port is required)")
        }
        let urlHost = host.contains(":") && !host.hasPrefix("[") ? "[" + host + "]" : host
        return Collector(host: urlHost, port: port, security: try security())
    }

    private func security() throws(TelemetryError) -> Security {
        if !certificatePath.isEmpty && !certificate.isEmpty {
            throw .usage(
                "--otel-collector-endpoint-tls-cert-path and --otel-collector-endpoint-tls-cert cannot both be set")
        }
        if insecure { return .plaintext }
        if !certificatePath.isEmpty {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: certificatePath))
            } catch {
                let reason = (error as NSError).localizedFailureReason ?? "cannot be read"
                throw .failure("cannot read --otel-collector-endpoint-tls-cert-path \(certificatePath): \(reason)")
            }
            return .certificateAuthority(
                pem: try Self.checkedPEM(data, source: "--otel-collector-endpoint-tls-cert-path \(certificatePath)"))
        }
        if !certificate.isEmpty {
            guard let data = Self.decodeBase64RawURL(certificate) else {
                throw .failure("--otel-collector-endpoint-tls-cert is not base64 (URL alphabet, no padding)")
            }
            return .certificateAuthority(pem: try Self.checkedPEM(data, source: "--otel-collector-endpoint-tls-cert"))
        }
        return .systemRoots
    }

    /// `data` as PEM text holding at least one certificate that parses.
    static func checkedPEM(_ data: Data, source: String) throws(TelemetryError) -> String {
        guard let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----") else {
            throw .failure("\(source) holds no PEM certificate")
        }
        do {
            let certificates = try NIOSSLCertificate.fromPEMBytes(Array(data))
            if certificates.isEmpty { throw TelemetryError.failure("\(source) holds no PEM certificate") }
        } catch {
            throw .failure("\(source) holds no valid PEM certificate")
        }
        return text
    }

    /// Go's `base64.RawURLEncoding` decoding (tolerating padding and the standard alphabet too).
    static func decodeBase64RawURL(_ text: String) -> Data? {
        var standard = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacing("-", with: "+").replacing("_", with: "/")
        while standard.hasSuffix("=") { standard.removeLast() }
        if standard.isEmpty || standard.count % 4 == 1 { return nil }
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard)
    }
}

/// Why telemetry could not start; one line.
public struct TelemetryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A command-line mistake (exit 2) or anything else (exit 1).
    public var isUsage: Bool
    public var message: String

    static func usage(_ message: String) -> TelemetryError { TelemetryError(isUsage: true, message: message) }
    static func failure(_ message: String) -> TelemetryError { TelemetryError(isUsage: false, message: message) }

    public var description: String { message }
}
