import AsyncHTTPClient
import BatonStore
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// One service as the benchmark drives it: its mock, its connector executable, and the credential
/// a trivial client sends to drain the mock. The services are the lines of `Connectors/connectors.txt`.
struct BenchService: Sendable {
    var name: String
    var mockArguments: [String]
    var connector: String
    var connectorArguments: @Sendable (_ baseURL: String) -> [String]
    var authorization: String

    static let token = "bench-secret-token"
    static let email = "bench@example.com"

    /// `Connectors/connectors.txt`, found from this source file (the benchmark runs from a build of this checkout).
    static let listPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Connectors/connectors.txt").standardized.path

    /// Every service of the connector list, in its order.
    static func all() throws -> [BenchService] {
        guard let text = try? String(contentsOfFile: listPath, encoding: .utf8) else {
            throw BenchError("cannot read the connector list \(listPath)")
        }
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let columns = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard columns.count == 4 else { throw BenchError("connector list line '\(line)': expected 4 columns") }
            let name = columns[0]
            let authorization =
                columns[3] == "Basic"
                ? "Basic " + Data("\(email):\(token)".utf8).base64EncodedString() : "\(columns[3]) \(token)"
            let connectorColumn = columns[2]
            return BenchService(
                name: name, mockArguments: [name] + words(columns[1], url: ""), connector: "baton-\(name)",
                connectorArguments: { words(connectorColumn, url: $0) }, authorization: authorization)
        }
    }

    /// The words of an argument column, with `$URL`, `$SECRET` and `$EMAIL` filled in.
    static func words(_ column: String, url: String) -> [String] {
        column.replacingOccurrences(of: "$URL", with: url).replacingOccurrences(of: "$SECRET", with: token)
            .replacingOccurrences(of: "$EMAIL", with: email).split(separator: " ").map(String.init)
    }

    static func named(_ name: String) throws -> BenchService {
        guard let service = try all().first(where: { $0.name == name }) else {
            throw BenchError("unknown service '\(name)'")
        }
        return service
    }
}

/// Tenant sizes the connector scenarios use: `large`, and a tenth of it for the 1×/4×/10× scaling.
enum BenchSizes {
    static func counts(scale: Int) -> String {
        "users=\(5_000 * scale),groups=\(500 * scale),memberships=\(50_000 * scale),apps=\(50 * scale),"
            + "appAssignments=\(5_000 * scale),admins=\(50 * scale)"
    }

    static func argument(_ label: String) -> String {
        label.hasSuffix("x") ? counts(scale: Int(label.dropLast()) ?? 1) : label
    }
}

/// Full syncs of a connector executable against its mock, and the mock's raw drain rate.
enum ConnectorScenarios {
    /// `baton-<service>` syncing a `size` tenant served with `latency` ms per request; `throughService` runs the
    /// same sync as `baton sync -- baton-<service>`, the connector a service child on local mutual TLS (CPU time
    /// then counts both processes; peak RSS is the larger of the two).
    static func sync(
        service: BenchService, size: String, latency: Int, workers: Int, directory: String,
        throughService: Bool = false
    ) async throws -> Figures {
        let mock = try MockProcess(
            service.mockArguments + ["--size", BenchSizes.argument(size), "--latency-ms", String(latency)])
        let output = "\(directory)/\(service.name)-\(size)-\(latency)ms-w\(workers).c1z"
        try? FileManager.default.removeItem(atPath: output)
        let connector = try Products.path(service.connector)
        let usage =
            throughService
            ? try runMeasured(
                try Products.path("baton"),
                ["sync", "-f", output, "--workers", String(workers), "--", connector]
                    + service.connectorArguments(mock.baseURL), errorLog: output + ".log")
            : try runMeasured(
                connector, service.connectorArguments(mock.baseURL) + ["-f", output, "--workers", String(workers)],
                errorLog: output + ".log")
        guard usage.status == 0 else {
            let log = (try? String(contentsOfFile: output + ".log", encoding: .utf8)) ?? ""
            throw BenchError("\(service.connector) exited \(usage.status): \(log.split(separator: "\n").last ?? "")")
        }
        let requests = try await MockClient.total(mock.baseURL)
        // The reads this sync made, for the drain scenario to replay.
        try await MockClient.reads(mock.baseURL).write(to: URL(fileURLWithPath: readsFile(service, size, directory)))

        let store = try C1ZStore.open(c1z: output)
        let counts = try store.counts()
        try store.close()
        let objects = Int(counts.resources + counts.entitlements + counts.grants)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        if size == "large", latency == 0, !throughService {
            // Kept for `inspect-grants`: `baton grants -o json` over a real connector's file.
            try? FileManager.default.removeItem(atPath: keptFile(service, directory))
            try FileManager.default.moveItem(atPath: output, toPath: keptFile(service, directory))
        } else {
            try? FileManager.default.removeItem(atPath: output)
        }
        return Figures(
            scenario:
                "\(service.name) sync\(throughService ? " via service" : "") \(size) @\(latency)ms, \(workers) workers",
            seconds: usage.seconds,
            items: objects, peakRSSMiB: usage.peakRSSMiB,
            extra: [
                "requests": String(requests), "cpu_seconds": String(format: "%.2f", usage.cpuSeconds),
                "c1z_bytes": String(bytes), "grants": String(counts.grants),
            ])
    }

    /// The same GETs the last sync of `size` made, replayed by a trivial client with `concurrency`
    /// requests in flight, bodies read and dropped: the fastest the mock can be drained.
    static func drain(service: BenchService, size: String, latency: Int, concurrency: Int, directory: String)
        async throws -> Figures
    {
        let data = try Data(contentsOf: URL(fileURLWithPath: readsFile(service, size, directory)))
        let reads = try JSONDecoder().decode([String].self, from: data)
        let mock = try MockProcess(
            service.mockArguments + ["--size", BenchSizes.argument(size), "--latency-ms", String(latency)])
        let baseURL = mock.baseURL
        let next = Counter()
        let bytes = Counter()
        let (_, seconds) = try await timed {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        while true {
                            let index = next.add(1)
                            guard index < reads.count else { return }
                            var request = HTTPClientRequest(url: baseURL + reads[index])
                            request.headers.add(name: "Authorization", value: service.authorization)
                            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
                            guard response.status == .ok else {
                                throw BenchError("drain: \(reads[index]) answered \(response.status.code)")
                            }
                            for try await chunk in response.body {
                                _ = bytes.add(chunk.readableBytes)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        withExtendedLifetime(mock) {}
        return Figures(
            scenario: "\(service.name) raw drain \(size) @\(latency)ms, \(concurrency) in flight", seconds: seconds,
            items: reads.count, peakRSSMiB: peakRSSMiB(),
            extra: ["requests": String(reads.count), "body_bytes": String(bytes.add(0))])
    }

    /// The c1z of the last `large` sync at 0 ms.
    static func keptFile(_ service: BenchService, _ directory: String) -> String {
        "\(directory)/\(service.name)-large.c1z"
    }

    static func readsFile(_ service: BenchService, _ size: String, _ directory: String) -> String {
        "\(directory)/\(service.name)-\(size)-reads.json"
    }
}

/// The mock's own endpoints.
enum MockClient {
    static func get(_ url: String) async throws -> ByteBuffer {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        guard response.status == .ok else { throw BenchError("GET \(url) answered \(response.status.code)") }
        return try await response.body.collect(upTo: 1 << 30)
    }

    static func total(_ baseURL: String) async throws -> Int {
        struct Stats: Decodable { var total: Int }
        return try JSONDecoder().decode(
            Stats.self, from: Data(try await get(baseURL + "/__mock/stats").readableBytesView)
        ).total
    }

    static func reads(_ baseURL: String) async throws -> Data {
        Data(try await get(baseURL + "/__mock/requests").readableBytesView)
    }
}

/// A shared counter for the drain's workers.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    /// Adds `amount` and returns the value before.
    func add(_ amount: Int) -> Int { value.wrappingAdd(amount, ordering: .relaxed).oldValue }
}
