public import Foundation

/// One fuzz target: a parser fed arbitrary bytes, with the contract it must keep.
///
/// `run` returns when the input was handled as documented (parsed, or refused with one of the documented
/// errors) and throws ``FuzzViolation`` when the contract broke: an undocumented error type, a round trip that
/// does not round-trip. Crashes, traps and hangs are the fuzzer's to catch. The same bodies run in `make test`
/// over the committed corpora (`Tests/Fuzz/Corpus/<name>/`), without the sanitizers.
public struct FuzzTarget: Sendable {
    /// The name `make fuzz` and `baton-fuzz` use, and the corpus directory's.
    public let name: String
    /// What is fuzzed, for `baton-fuzz --list`.
    public let summary: String
    /// Handles one input.
    public let run: @Sendable (Data) throws(FuzzViolation) -> Void

    public init(_ name: String, _ summary: String, run: @escaping @Sendable (Data) throws(FuzzViolation) -> Void) {
        self.name = name
        self.summary = summary
        self.run = run
    }

    /// Every target. `make fuzz` runs those with a corpus directory, and a test checks that every one has one.
    public static let all: [FuzzTarget] = [
        .c1zContainer, .sqliteReader, .storeRecords, .pageToken, .rateLimit, .linkHeader, .oktaPage, .gitHubPage,
        .jiraPage, .config, .registryRequest, .serverConfig, .c1Credentials, .jsonTape,
    ]

    /// The target called `name`.
    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}

/// A broken contract: what was expected and what happened instead.
public struct FuzzViolation: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// Throws when `condition` is false.
    static func check(_ condition: Bool, _ message: @autoclosure () -> String) throws(FuzzViolation) {
        if !condition { throw FuzzViolation(message()) }
    }

    /// A violation for an error that is not among the documented ones.
    static func undocumented(_ error: any Error, from what: String) -> FuzzViolation {
        FuzzViolation("\(what) threw an undocumented error \(type(of: error)): \(error)")
    }

    /// Runs `body`, which may fail only with a `Documented` error that passes `check`, or with a violation of
    /// its own.
    static func expecting<Documented: Error>(
        _ type: Documented.Type, from what: String, _ body: () throws -> Void,
        check: (Documented) throws(FuzzViolation) -> Void
    ) throws(FuzzViolation) {
        do {
            try body()
        } catch let error as Documented {
            try check(error)
        } catch let violation as FuzzViolation {
            throw violation
        } catch {
            throw .undocumented(error, from: what)
        }
    }

    /// Checks that an error message is one non-empty line, as the command-line tools print it.
    static func oneLine(_ message: String) throws(FuzzViolation) {
        try check(!message.isEmpty && !message.contains("\n"), "error message not one line: \(message)")
    }
}

/// A private scratch directory for targets that need files, made once per process.
enum Scratch {
    static let directory: String = {
        let base = ProcessInfo.processInfo.environment["BATON_FUZZ_TMPDIR"] ?? NSTemporaryDirectory()
        let path = (base as NSString).appendingPathComponent("baton-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func path(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// Writes `data` to the scratch file `name` and returns its path.
    static func write(_ data: Data, to name: String) throws(FuzzViolation) -> String {
        let path = path(name)
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw FuzzViolation("cannot write the scratch file \(path)")
        }
        return path
    }
}

extension Data {
    /// The input split at its first `separator` byte: what a target reads as two inputs.
    func split(at separator: UInt8) -> (Data, Data) {
        guard let index = firstIndex(of: separator) else { return (self, Data()) }
        return (self[startIndex..<index], self[index + 1..<endIndex])
    }

    /// The input as text, invalid UTF-8 replaced (what a header or token would arrive as).
    var text: String { String(decoding: self, as: UTF8.self) }
}
