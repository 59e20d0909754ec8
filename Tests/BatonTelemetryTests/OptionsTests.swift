import Foundation
import Logging
import Testing

@testable import BatonTelemetry

struct OptionsTests {
    private func options(_ configure: (inout TelemetryOptions) -> Void) -> TelemetryOptions {
        var options = TelemetryOptions(endpoint: "collector.example:4317", serviceName: "baton-demo-server")
        configure(&options)
        return options
    }

    @Test func nothingIsExportedWithoutAnEndpointOrWithBothSignalsOff() {
        #expect(!options { $0.endpoint = "" }.isEnabled)
        #expect(
            !options {
                $0.tracingDisabled = true; $0.loggingDisabled = true
            }.isEnabled)
        #expect(options { $0.tracingDisabled = true }.isEnabled)
        #expect(options { $0.loggingDisabled = true }.isEnabled)
    }

    @Test func endpointIsAGRPCTargetWithAPortAndNoScheme() throws {
        let collector = try options { _ in }.collector()
        #expect(collector == .init(host: "collector.example", port: 4317, security: .systemRoots))
        #expect(collector.url == "https://collector.example:4317")
        #expect(try options { $0.endpoint = "dns:///collector.example:4317" }.collector().host == "collector.example")
        #expect(
            try options {
                $0.endpoint = "[::1]:4317"; $0.insecure = true
            }.collector().url == "http://[::1]:4317")
        for bad in ["collector.example", "http://collector.example:4317", "collector.example:4317/v1", "host:99999"] {
            #expect(throws: TelemetryError.self, "\(bad)") { try options { $0.endpoint = bad }.collector() }
            #expect((try? options { $0.endpoint = bad }.collector()) == nil)
        }
    }

    @Test func bothCertificateOptionsAreAUsageError() {
        let error = #expect(throws: TelemetryError.self) {
            try options {
                $0.certificatePath = "/ca.pem"; $0.certificate = "AAAA"
            }.collector()
        }
        #expect(error?.isUsage == true)
        #expect(error?.message.contains("cannot both be set") == true)
    }

    @Test func certificateOptionsGiveTheOnlyTrustedCA() throws {
        let pem = try Self.makePEM()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otel-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ca.pem").path
        try pem.write(toFile: path, atomically: true, encoding: .utf8)

        #expect(try options { $0.certificatePath = path }.collector().security == .certificateAuthority(pem: pem))
        let rawURL = Data(pem.utf8).base64EncodedString().replacing("+", with: "-").replacing("/", with: "_")
            .replacing("=", with: "")
        #expect(try options { $0.certificate = rawURL }.collector().security == .certificateAuthority(pem: pem))
        // Insecure wins over a CA, as in the reference (the CA is still checked).
        #expect(
            try options {
                $0.certificate = rawURL; $0.insecure = true
            }.collector().security == .plaintext)

        let garbage = directory.appendingPathComponent("garbage.pem").path
        try "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".write(
            toFile: garbage, atomically: true, encoding: .utf8)
        for broken in [
            options { $0.certificatePath = garbage }, options { $0.certificatePath = path + ".missing" },
            options { $0.certificate = "!!!" }, options { $0.certificate = "aGVsbG8" },
        ] {
            let error = #expect(throws: TelemetryError.self) { try broken.collector() }
            #expect(error?.isUsage == false)
            #expect(error?.message.contains("\n") == false)
        }
    }

    @Test func base64RawURLDecodesWithOrWithoutPadding() {
        #expect(TelemetryOptions.decodeBase64RawURL("aGk_Pz4-") == Data("hi??>>".utf8).prefix(6))
        #expect(TelemetryOptions.decodeBase64RawURL("aGVsbG8") == Data("hello".utf8))
        #expect(TelemetryOptions.decodeBase64RawURL("aGVsbG8=") == Data("hello".utf8))
        #expect(TelemetryOptions.decodeBase64RawURL("a") == nil)
    }

    /// A throwaway self-signed certificate (openssl), as PEM text.
    static func makePEM() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otel-ca-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", directory.appendingPathComponent("k.pem").path, "-out",
            directory.appendingPathComponent("c.pem").path, "-days", "1", "-subj", "/CN=test",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return try String(contentsOf: directory.appendingPathComponent("c.pem"), encoding: .utf8)
    }
}
