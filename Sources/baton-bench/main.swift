import BatonSync
import Foundation

// `baton-bench` runs each scenario in a child process (so each peak RSS is its own) and prints a table.
// `baton-bench <scenario> [args]` runs one scenario and prints its figures as one JSON line:
//   store-write N | inspect-grants [C1Z] | expand MEMBERS ROLES | report GRANTS | explorer GRANTS
//   sync SERVICE SIZE LATENCY_MS WORKERS | drain SERVICE SIZE LATENCY_MS IN_FLIGHT
//   sync-service SERVICE SIZE LATENCY_MS WORKERS (the same sync through `baton sync -- baton-SERVICE`)
// (SIZE: tiny, small, large, or 1x/4x/10x of a tenth of large; drain replays the reads of the last sync of SIZE.)
let arguments = Array(CommandLine.arguments.dropFirst())
let directory = ProcessInfo.processInfo.environment["BATON_BENCH_DIR"] ?? NSTemporaryDirectory() + "baton-bench"
try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

do {
    switch arguments.first {
    case "store-write":
        try emit(try await StoreScenarios.writeGrants(count: Int(arguments[1]) ?? 1_000_000, directory: directory))
    case "expand":
        try emit(
            try await StoreScenarios.expand(
                members: Int(arguments[1]) ?? 100_000, roles: Int(arguments[2]) ?? 10, directory: directory))
    case "report":
        try emit(try await ReportScenarios.report(grants: Int(arguments[1]) ?? 100_000, directory: directory))
    case "explorer":
        try emit(try await ReportScenarios.explorer(grants: Int(arguments[1]) ?? 1_000_000, directory: directory))
    case "inspect-grants":
        try emit(
            try await InspectScenarios.grantsJSON(file: arguments.count > 1 ? arguments[1] : directory + "/grants.c1z"))
    case "sync" where arguments.count == 5:
        try emit(
            try await ConnectorScenarios.sync(
                service: try BenchService.named(arguments[1]), size: arguments[2], latency: Int(arguments[3]) ?? 0,
                workers: Int(arguments[4]) ?? SyncOptions.defaultWorkers, directory: directory))
    case "sync-service" where arguments.count == 5:
        try emit(
            try await ConnectorScenarios.sync(
                service: try BenchService.named(arguments[1]), size: arguments[2], latency: Int(arguments[3]) ?? 0,
                workers: Int(arguments[4]) ?? SyncOptions.defaultWorkers, directory: directory, throughService: true))
    case "drain" where arguments.count == 5:
        try emit(
            try await ConnectorScenarios.drain(
                service: try BenchService.named(arguments[1]), size: arguments[2], latency: Int(arguments[3]) ?? 0,
                concurrency: Int(arguments[4]) ?? SyncOptions.defaultWorkers, directory: directory))
    case nil:
        try await Report.run(directory: directory, environment: ProcessInfo.processInfo.environment)
    default:
        FileHandle.standardError.write(Data("baton-bench: unknown scenario '\(arguments[0])'\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("baton-bench: \(error)\n".utf8))
    exit(1)
}
