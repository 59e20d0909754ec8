import Foundation

/// Issue #17's table ("at the speed of the wire"): each target beside this run's figure and the figure
/// the issue started from, so one `make bench` shows where every target stands.
enum SpeedTargets {
    /// What the issue measured before the work on it (same machine, release builds).
    static let before = [
        "cpu": "30–50 µs", "drain20": "1.46–2.05×", "drain0": "8–12×", "store": "6.2–8.3 s (save 1.6–2.2 s)",
        "expand": "7.4–10.7 s", "inspect": "51.6 s, 340 MiB, 3.43 GB", "rss": "1.16–1.26×",
    ]
    /// Go `baton` v0.4.3 `grants -o json` on the Okta `large` c1z, as the issue measured it: 106.4 s,
    /// 18 GB peak RSS, 2.87 GB of output (Go is not on the benchmark machine).
    static let goOutputBytes = 2.87e9

    static func table(services: [String], workers: String, directory: String, _ results: [[String]: Figures])
        -> [String]
    {
        var rows: [Row] = []
        for service in services {
            if let sync = results[["sync", service, "large", "0", workers]],
                let cpu = sync.extra["cpu_seconds"].flatMap(Double.init), sync.items > 0
            {
                let micros = cpu / Double(sync.items) * 1e6
                rows.append(
                    Row(
                        "CPU per synced object, \(service) large @0 ms", String(format: "%.1f µs", micros), "≤ 12 µs",
                        before["cpu"]!, micros <= 12))
            }
            for latency in ["20", "0"] {
                if let sync = results[["sync", service, "large", latency, workers]]?.seconds,
                    let drain = results[["drain", service, "large", latency, workers]]?.seconds, drain > 0
                {
                    let ratio = sync / drain
                    let target = latency == "20" ? 1.2 : 3
                    rows.append(
                        Row(
                            "sync ÷ raw drain, \(service) @\(latency) ms", String(format: "%.2f×", ratio),
                            String(format: "≤ %.1f×", target), before["drain" + latency]!, ratio <= target))
                }
            }
            if let small = results[["sync", service, "1x", "0", workers]]?.peakRSSMiB,
                let large = results[["sync", service, "large", "0", workers]]?.peakRSSMiB, small > 0
            {
                rows.append(
                    Row(
                        "peak RSS 10× tenant ÷ 1×, \(service)", String(format: "%.2f×", large / small), "≤ 1.3×",
                        before["rss"]!, large / small <= 1.3))
            }
            if service == "okta", let inspect = results[["inspect-grants", directory + "/okta-large.c1z"]] {
                let bytes = Double(inspect.extra["json_bytes"] ?? "") ?? 0
                let met = inspect.seconds <= 12 && inspect.peakRSSMiB <= 150 && bytes <= goOutputBytes
                rows.append(
                    Row(
                        "baton grants -o json, okta large c1z",
                        String(format: "%.1f s, %.0f MiB, %.2f GB", inspect.seconds, inspect.peakRSSMiB, bytes / 1e9),
                        "≤ 12 s, ≤ 150 MiB, ≤ Go's 2.87 GB", before["inspect"]!, met))
            }
        }
        if let store = results[["store-write", "1000000"]] {
            let save = Double(store.extra["save_seconds"] ?? "") ?? 0
            rows.append(
                Row(
                    "1M grants built and written (save apart)",
                    String(format: "%.2f s (save %.2f s)", store.seconds, save),
                    "≤ 3 s, save ≤ 1 s", before["store"]!, store.seconds <= 3 && save <= 1))
        }
        if let expand = results[["expand", "100000", "10"]] {
            rows.append(
                Row(
                    "1M derived grants expanded", String(format: "%.2f s", expand.seconds), "≤ 3 s", before["expand"]!,
                    expand.seconds <= 3))
        }
        return [
            "Issue #17 targets (this run beside the target and the issue's starting figure):",
            "| What | This run | Target | Before | |", "|---|---|---|---|---|",
        ]
            + rows.map(\.text)
    }

    struct Row {
        let text: String

        init(_ what: String, _ now: String, _ target: String, _ before: String, _ met: Bool) {
            text = "| \(what) | \(now) | \(target) | \(before) | \(met ? "met" : "MISSED") |"
        }
    }
}
