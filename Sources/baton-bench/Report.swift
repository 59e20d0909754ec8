import Foundation

/// Runs every scenario and prints one table (and writes it as JSON under `.bench/`).
enum Report {
    static func run(directory: String) async throws {
        let scenarios: [[String]] = [
            ["store-write", "1000000"],
            ["inspect-grants"],
            ["expand", "100000", "10"],
        ]
        var results: [Figures] = []
        print(row("scenario", "seconds", "items/s", "peak RSS MiB"))
        for scenario in scenarios {
            let figures = try runChild(scenario)
            results.append(figures)
            print(row(figures.scenario, String(format: "%.2f", figures.seconds),
                      String(format: "%.0f", figures.perSecond), String(format: "%.0f", figures.peakRSSMiB)))
        }
        try FileManager.default.createDirectory(atPath: ".bench", withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(results).write(to: URL(fileURLWithPath: ".bench/results.json"))
        print("(written to .bench/results.json)")
    }

    static func row(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
        a.padding(toLength: 44, withPad: " ", startingAt: 0) + b.leftPad(9) + c.leftPad(12) + d.leftPad(14)
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
