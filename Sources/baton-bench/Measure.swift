import Foundation

/// One measured figure set, printed as a JSON line by a scenario child process.
struct Figures: Codable {
    var scenario: String
    var seconds: Double
    var items: Int
    var peakRSSMiB: Double
    var extra: [String: String] = [:]

    var perSecond: Double { seconds > 0 ? Double(items) / seconds : 0 }
}

/// Peak resident set size of this process, or of the running process `pid` (Linux `VmHWM`), in MiB.
func peakRSSMiB(pid: Int32? = nil) -> Double {
    let path = "/proc/" + (pid.map(String.init) ?? "self") + "/status"
    guard let status = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kib = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kib / 1024
    }
    return 0
}

/// CPU time (user + system) this process has used so far, in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// A `timeval` in seconds.
func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }

/// Wall time of `body`.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let value = try await body()
    let elapsed = ContinuousClock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// Runs this executable again with `arguments` and returns the figures it printed.
func runChild(_ arguments: [String]) throws -> Figures {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
        let figures = try? JSONDecoder().decode(Figures.self, from: Data(line.utf8))
    else {
        throw BenchError("scenario \(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus))")
    }
    return figures
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func emit(_ figures: Figures) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(figures), as: UTF8.self))
}
