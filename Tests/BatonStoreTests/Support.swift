import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

/// Runs a command-line tool and returns its exit status and output (standard error included, so a
/// failing tool explains itself in the test's expectation).
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

/// Bytes that compress but not to nothing: a repeated pattern with a counter.
func sampleBytes(_ count: Int) -> Data {
    var data = Data(capacity: count)
    var counter: UInt32 = 0
    while data.count < count {
        let line = "row \(counter) of the sample, value \(counter &* 2_654_435_761)\n"
        data.append(contentsOf: line.utf8.prefix(count - data.count))
        counter += 1
    }
    return data
}

func write(_ data: Data, to path: String) throws {
    try data.write(to: URL(fileURLWithPath: path))
}

func read(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

/// Expects `body` to throw a ``C1ZError`` with `code`, and returns it for further checks.
@discardableResult
func expectC1ZError(
    _ code: C1ZError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> C1ZError? {
    do {
        try body()
        Issue.record("expected C1ZError \(code), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as C1ZError {
        #expect(error.code == code, "\(error.message)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected C1ZError \(code), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A c1z holding `database` bytes as its SQLite file, built with this library.
func makeC1Z(from database: Data, in directory: TemporaryDirectory, name: String = "built.c1z") throws -> String {
    let databasePath = directory.path(name + ".db")
    try write(database, to: databasePath)
    let path = directory.path(name)
    try C1ZContainer.compress(database: databasePath, toC1Z: path)
    return path
}
