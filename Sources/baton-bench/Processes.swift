import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The executables `make bench` builds beside this one.
enum Products {
    static var directory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static func path(_ name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError("\(path) is missing: build it with `swift build -c release --product \(name)`")
        }
        return path
    }
}

/// What a finished child process used: its exit status, CPU time and peak resident set.
struct ChildUsage {
    var status: Int32
    var seconds: Double
    var cpuSeconds: Double
    var peakRSSMiB: Double
}

/// Runs `executable` to the end with output discarded (stderr kept in `errorLog`) and measures it with
/// `wait4`, which reports the child's own CPU time and peak RSS (Foundation's `Process` does not).
func runMeasured(_ executable: String, _ arguments: [String], errorLog: String) throws -> ChildUsage {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errorLog, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let start = ContinuousClock.now
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let elapsed = ContinuousClock.now - start
    let exited = (status & 0x7f) == 0
    return ChildUsage(
        status: exited ? (status >> 8) & 0xff : -(status & 0x7f),
        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
        cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        // Linux reports ru_maxrss in KiB.
        peakRSSMiB: Double(usage.ru_maxrss) / 1024)
}

/// A `baton-mock` child serving one generated tenant; stopped when the value is released.
final class MockProcess {
    let baseURL: String
    private let process: Process

    init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Products.path("baton-mock"))
        process.arguments = arguments + ["--port", "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is the base URL; a large tenant takes a few seconds to generate.
        var received = Data()
        while !received.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw BenchError("baton-mock \(arguments.joined(separator: " ")) exited") }
            received.append(chunk)
        }
        let line = String(decoding: received.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard line.hasPrefix("http://") else { throw BenchError("baton-mock printed '\(line)', not its URL") }
        baseURL = line
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}
