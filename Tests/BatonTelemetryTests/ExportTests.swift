import BatonTestSupport
import Foundation
import Testing

/// A real sync of baton-demo through its command line, exported to an OTLP/gRPC receiver built from the official
/// Python packages: what arrives is what a collector decodes.
/// `make setup` installs python3 and the receiver's venv; without them these tests fail, saying so.
@Suite struct ExportTests {
    @Test func syncExportsSpansAndLogsOverPlaintextGRPC() async throws {
        let directory = try TemporaryDirectory()
        let receiver = try await OTLPReceiver.start(output: directory.path("otlp.jsonl"))
        let run = try await runDemo(
            [
                "-f", "sync.c1z", "--otel-collector-endpoint", "127.0.0.1:\(receiver.port)",
                "--otel-collector-endpoint-tls-insecure", "--log-format", "json",
            ], in: directory.path)
        let records = try await receiver.stop()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("otel: using INSECURE connection to collector"))

        let spans = records.filter { $0["kind"] as? String == "span" }
        let sync = try #require(spans.first { $0["name"] as? String == "syncer.Sync" }, "\(spans.count) spans")
        let resource = try #require(sync["resource"] as? [String: Any])
        #expect(resource["service.name"] as? String == "baton-demo-server")
        #expect(resource.count == 1, "the reference's resource has service.name only: \(resource)")
        let attributes = try #require(sync["attributes"] as? [String: Any])
        let syncID = try #require(attributes["sync_id"] as? String)
        #expect(syncID.count == 27, "a KSUID: \(syncID)")
        #expect(attributes["sync.type"] as? String == "full")
        #expect((attributes["sync.completed_actions"] as? Int ?? 0) > 0)
        #expect((attributes["sync.worker_count"] as? Int ?? 0) >= 1)
        #expect(attributes["sync.steps.total_ms"] is Int)
        for step in ["sync_resource_types", "sync_resources", "sync_entitlements", "sync_grants"] {
            #expect(attributes["sync.step.\(step).duration_ms"] is Int, "\(step)")
        }
        for method in ["list_resources", "list_entitlements", "list_grants"] {
            #expect((attributes["sync.connector.\(method).count"] as? Int ?? 0) > 0, "\(method)")
            #expect(attributes["sync.connector.\(method).total_ms"] is Int, "\(method)")
            #expect(attributes["sync.connector.\(method).max_ms"] is Int, "\(method)")
        }
        #expect(!attributes.keys.contains { $0.contains("-") }, "keys use _ for -")
        #expect(sync["parent_span_id"] as? String == "")
        #expect(sync["status_code"] as? Int == 0)

        // One span per phase, children of the sync span in its trace; connector calls inside them.
        let traceID = try #require(sync["trace_id"] as? String)
        let spanID = try #require(sync["span_id"] as? String)
        for phase in [
            "syncer.SyncResourceTypes", "syncer.SyncResources", "syncer.SyncEntitlements", "syncer.SyncGrants",
            "syncer.SyncGrantExpansion",
        ] {
            let matching = spans.filter { $0["name"] as? String == phase }
            #expect(matching.count == 1, "\(phase)")
            #expect(matching.first?["parent_span_id"] as? String == spanID, "\(phase)")
            #expect(matching.first?["trace_id"] as? String == traceID, "\(phase)")
        }
        let phaseIDs = Set(
            spans.filter { ($0["name"] as? String)?.hasPrefix("syncer.Sync") == true }
                .compactMap { $0["span_id"] as? String })
        let builder = spans.filter { ($0["name"] as? String)?.hasPrefix("builder.") == true }
        #expect(builder.contains { $0["name"] as? String == "builder.ListGrants" })
        #expect(builder.allSatisfy { phaseIDs.contains($0["parent_span_id"] as? String ?? "") })

        // Log records: body = message, severity, metadata as attributes, the same resource.
        let logs = records.filter { $0["kind"] as? String == "log" }
        let started = try #require(logs.first { $0["body"] as? String == "starting sync" }, "\(logs.count) logs")
        #expect(started["severity_number"] as? Int == 9)
        #expect(started["severity_text"] as? String == "info")
        #expect((started["attributes"] as? [String: Any])?["file"] as? String == directory.path("sync.c1z"))
        #expect((started["resource"] as? [String: Any])?["service.name"] as? String == "baton-demo-server")
        // Gated by --log-level (info): the debug "configuration" record is not exported.
        #expect(!logs.contains { $0["body"] as? String == "configuration" })
    }

    @Test func eachDisableFlagTurnsOnlyItsOwnSignalOff() async throws {
        let directory = try TemporaryDirectory()
        let receiver = try await OTLPReceiver.start(output: directory.path("otlp.jsonl"))
        let endpoint = [
            "--otel-collector-endpoint", "127.0.0.1:\(receiver.port)", "--otel-collector-endpoint-tls-insecure",
        ]
        let noTraces = try await runDemo(["-f", "a.c1z", "--otel-tracing-disabled"] + endpoint, in: directory.path)
        let afterFirst = try String(contentsOfFile: directory.path("otlp.jsonl"), encoding: .utf8)
        let noLogs = try await runDemo(["-f", "b.c1z", "--otel-logging-disabled"] + endpoint, in: directory.path)
        let records = try await receiver.stop()
        #expect(noTraces.status == 0 && noLogs.status == 0, "\(noTraces.stderr)\(noLogs.stderr)")
        let first = records.prefix(afterFirst.split(separator: "\n").count)
        let second = records.dropFirst(first.count)
        #expect(!first.isEmpty && first.allSatisfy { $0["kind"] as? String == "log" })
        #expect(!second.isEmpty && second.allSatisfy { $0["kind"] as? String == "span" })
    }

    @Test func syncExportsOverTLSTrustingOnlyTheGivenCA() async throws {
        let directory = try TemporaryDirectory()
        let (certificate, key) = try await selfSignedCertificate(in: directory)
        let receiver = try await OTLPReceiver.start(
            output: directory.path("otlp.jsonl"), certificate: certificate, key: key)
        // By name: swift-otel's transport sends the host as SNI, which NIOSSL refuses for an IP address.
        let endpoint = ["--otel-collector-endpoint", "localhost:\(receiver.port)"]
        let pem = try Data(contentsOf: URL(fileURLWithPath: certificate)).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
        // At the same time: each run ends after NIOSSL's 5 s wait for the receiver's close_notify (its data is sent
        // before that).
        async let pathRun = runDemo(
            ["-f", "a.c1z", "--otel-collector-endpoint-tls-cert-path", certificate] + endpoint, in: directory.path)
        async let flagRun = runDemo(
            ["-f", "b.c1z", "--otel-collector-endpoint-tls-cert", pem] + endpoint, in: directory.path)
        let (byPath, byFlag) = try await (pathRun, flagRun)
        let records = try await receiver.stop()
        #expect(byPath.status == 0, "\(byPath.stderr)")
        #expect(byFlag.status == 0, "\(byFlag.stderr)")
        #expect(!byPath.stderr.contains("INSECURE"))
        let syncs = records.filter { $0["name"] as? String == "syncer.Sync" }
        #expect(syncs.count == 2, "both runs exported their sync span over TLS")
    }

    @Test func badTelemetryFlagsStopTheCommandWithOneLine() async throws {
        let directory = try TemporaryDirectory()
        let garbage = try directory.write("garbage.pem", "not a certificate\n")
        let cases: [(arguments: [String], status: Int32, message: String)] = [
            (
                ["--otel-collector-endpoint-tls-cert-path", garbage, "--otel-collector-endpoint-tls-cert", "AAAA"], 2,
                "cannot both be set"
            ),
            (["--otel-collector-endpoint-tls-cert-path", garbage], 1, "holds no PEM certificate"),
            (["--otel-collector-endpoint-tls-cert-path", directory.path("missing.pem")], 1, "cannot read"),
            (["--otel-collector-endpoint-tls-cert", "%%%"], 1, "is not base64"),
        ]
        for item in cases {
            let run = try await runDemo(
                ["-f", "x.c1z", "--otel-collector-endpoint", "127.0.0.1:4317"] + item.arguments, in: directory.path)
            #expect(run.status == item.status, "\(item.arguments): \(run.stderr)")
            let lines = run.stderr.split(separator: "\n")
            #expect(
                lines.count == 1 && lines[0].hasPrefix("baton-demo: ") && lines[0].contains(item.message), "\(lines)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("x.c1z")))
    }

    /// A self-signed certificate for 127.0.0.1 made by the openssl tool (`make setup` installs it).
    private func selfSignedCertificate(in directory: TemporaryDirectory) async throws -> (String, String) {
        let certificate = directory.path("collector.pem")
        let key = directory.path("collector.key")
        let status = try await onOwnThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        try #require(status == 0, "openssl req failed")
        return (certificate, key)
    }
}
