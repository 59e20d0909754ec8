import BatonSync
import Foundation

/// Runs every scenario, each in its own child process, and prints one table (also written as JSON
/// under `.bench/`), followed by the targets and whether this run met them.
///
/// `BENCH_SERVICES=okta,github` limits the connectors; `BENCH_STORE=0` leaves out the store rows.
enum Report {
    static func run(directory: String, environment: [String: String]) async throws {
        let services = try
            (environment["BENCH_SERVICES"].map { $0.split(separator: ",").map(String.init) }
            ?? BenchService.all().map(\.name)).map(BenchService.named)
        // The connectors' default unless BENCH_WORKERS says otherwise; the drain keeps as many requests in flight.
        let workers = environment["BENCH_WORKERS"] ?? String(SyncOptions.defaultWorkers)
        var scenarios: [[String]] = []
        if environment["BENCH_STORE"] != "0" {
            scenarios += [
                ["store-write", "1000000"], ["inspect-grants"], ["expand", "100000", "10"], ["report", "100000"],
                ["explorer", "1000000"],
            ]
        }
        for service in services {
            // `baton grants -o json` over the Okta `large` file that sync keeps (the 748k grants).
            let inspect =
                service.name == "okta" ? [["inspect-grants", ConnectorScenarios.keptFile(service, directory)]] : []
            scenarios +=
                [["sync", service.name, "large", "0", workers]] + inspect + [
                    ["drain", service.name, "large", "0", workers],
                    ["sync-service", service.name, "large", "0", workers],
                    ["sync", service.name, "large", "20", workers], ["drain", service.name, "large", "20", workers],
                    ["sync", service.name, "1x", "0", workers], ["sync", service.name, "4x", "0", workers],
                    ["sync", service.name, "1x", "20", "1"], ["sync", service.name, "1x", "20", workers],
                ]
        }

        print(Row.header)
        var results: [[String]: Figures] = [:]
        for scenario in scenarios {
            let figures = try runChild(scenario)
            results[scenario] = figures
            print(Row(figures).text)
        }
        print()
        for service in services.map(\.name) {
            for line in targets(service, workers: workers, results) { print(line) }
        }
        for line in viewerTargets(results) { print(line) }
        print()
        for line in SpeedTargets.table(services: services.map(\.name), workers: workers, directory: directory, results)
        {
            print(line)
        }

        try FileManager.default.createDirectory(atPath: ".bench", withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(scenarios.compactMap { results[$0] }).write(to: URL(fileURLWithPath: ".bench/results.json"))
        print("(written to .bench/results.json)")
    }

    /// The targets, computed from this run's figures.
    static func targets(_ service: String, workers: String, _ results: [[String]: Figures]) -> [String] {
        func seconds(_ scenario: [String]) -> Double? { results[scenario]?.seconds }
        var lines: [String] = []
        if let sync = seconds(["sync", service, "large", "0", workers]),
            let drain = seconds(["drain", service, "large", "0", workers])
        {
            lines.append(verdict("\(service): sync / raw drain at 0 ms", sync / drain, "≤ 1.3", sync / drain <= 1.3))
        }
        if let hop = seconds(["sync-service", service, "large", "0", workers]),
            let direct = seconds(["sync", service, "large", "0", workers])
        {
            lines.append(
                verdict("\(service): through the service protocol / in-process at 0 ms", hop / direct, "(cost)", true))
        }
        if let sync = seconds(["sync", service, "large", "20", workers]),
            let drain = seconds(["drain", service, "large", "20", workers])
        {
            lines.append(verdict("\(service): sync / raw drain at 20 ms", sync / drain, "(limit)", true))
        }
        if let sequential = seconds(["sync", service, "1x", "20", "1"]),
            let parallel = seconds(["sync", service, "1x", "20", workers])
        {
            let speedup = sequential / parallel
            lines.append(verdict("\(service): speed-up over 1 worker at 20 ms", speedup, "≥ 5", speedup >= 5))
        }
        if let small = results[["sync", service, "1x", "0", workers]]?.peakRSSMiB,
            let large = results[["sync", service, "large", "0", workers]]?.peakRSSMiB, small > 0
        {
            lines.append(verdict("\(service): peak RSS 10× / 1× tenant", large / small, "≤ 1.5", large / small <= 1.5))
        }
        return lines
    }

    /// Issue #16's targets: a 100k-grant report under ~15 MB opening in under 3 s in headless Chromium,
    /// and the explorer's first page of any list in under 1 s on 1M grants.
    static func viewerTargets(_ results: [[String]: Figures]) -> [String] {
        var lines: [String] = []
        if let report = results[["report", "100000"]] {
            let megabytes = (Double(report.extra["html_bytes"] ?? "") ?? 0) / 1_000_000
            lines.append(verdict("report: 100k-grant page size (MB)", megabytes, "≤ 15", megabytes <= 15))
            if let open = Double(report.extra["page_render_ms"] ?? "") {
                lines.append(verdict("report: opens in Chromium (s)", open / 1000, "< 3", open < 3000))
            }
        }
        if let explorer = results[["explorer", "1000000"]] {
            lines.append(
                verdict("explorer: slowest first page, 1M grants (s)", explorer.seconds, "< 1", explorer.seconds < 1))
        }
        return lines
    }

    static func verdict(_ what: String, _ value: Double, _ target: String, _ met: Bool) -> String {
        what.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%7.2f", value) + "  target "
            + target + (met ? "  met" : "  MISSED")
    }
}

/// One printed row of the table.
struct Row {
    static let header =
        "scenario".padding(toLength: 46, withPad: " ", startingAt: 0) + "seconds".leftPad(9) + "items/s".leftPad(11)
        + "requests".leftPad(10) + "req/s".leftPad(8) + "CPU s".leftPad(8) + "RSS MiB".leftPad(9) + "c1z MiB".leftPad(9)

    let text: String

    init(_ figures: Figures) {
        let requests = figures.extra["requests"].flatMap(Int.init)
        let bytes = figures.extra["c1z_bytes"].flatMap(Double.init)
        text =
            figures.scenario.padding(toLength: 46, withPad: " ", startingAt: 0)
            + String(format: "%.2f", figures.seconds).leftPad(9) + String(format: "%.0f", figures.perSecond).leftPad(11)
            + (requests.map(String.init) ?? "").leftPad(10)
            + (requests.map { String(format: "%.0f", Double($0) / max(figures.seconds, 0.001)) } ?? "").leftPad(8)
            + (figures.extra["cpu_seconds"] ?? "").leftPad(8) + String(format: "%.0f", figures.peakRSSMiB).leftPad(9)
            + (bytes.map { String(format: "%.1f", $0 / 1_048_576) } ?? "").leftPad(9)
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
