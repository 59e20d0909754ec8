import Foundation

// `baton-bench` runs each scenario in a child process (so each peak RSS is its own) and prints a table.
// `baton-bench <scenario> [args]` runs one scenario and prints its figures as one JSON line.
let arguments = Array(CommandLine.arguments.dropFirst())
let directory = ProcessInfo.processInfo.environment["BATON_BENCH_DIR"] ?? NSTemporaryDirectory() + "baton-bench"
try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

do {
    switch arguments.first {
    case "store-write":
        try emit(try await StoreScenarios.writeGrants(count: Int(arguments[1]) ?? 1_000_000, directory: directory))
    case "expand":
        try emit(try await StoreScenarios.expand(
            members: Int(arguments[1]) ?? 100_000, roles: Int(arguments[2]) ?? 10, directory: directory))
    case "inspect-grants":
        try emit(try await InspectScenarios.grantsJSON(file: directory + "/grants.c1z"))
    case nil:
        try await Report.run(directory: directory)
    default:
        FileHandle.standardError.write(Data("baton-bench: unknown scenario '\(arguments[0])'\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("baton-bench: \(error)\n".utf8))
    exit(1)
}
