import ArgumentParser
import BatonCLI
import BatonProto
import BatonStore
public import Foundation
import Synchronization

/// The `baton` inspection tool: reads a c1z file and prints its resource types, resources,
/// entitlements, grants, principals, effective access, sync runs, statistics, differences between
/// syncs, and grant exports.
///
/// Everything the executable does happens here, so tests run commands in-process:
///
/// ```swift
/// let result = await BatonInspect.run(arguments: ["grants", "-f", "sync.c1z", "-o", "json"])
/// print(result.exitCode, result.standardOutput)
/// ```
public enum BatonInspect {
    /// Runs the tool with the process's arguments and environment, writing to the terminal.
    ///
    /// - Returns: the exit code: 0 on success, 1 after printing one `baton: …` line on standard error.
    public static func main() async -> Int32 {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let kind = RemoteConnectorCommand.Kind(rawValue: first) {
            do {
                let command = try RemoteConnectorCommand(kind: kind, arguments: Array(arguments.dropFirst()))
                await ConnectorCommand.main(command.definition, arguments: command.arguments)
            } catch {
                FileHandle.standardError.write(Data("baton \(kind.rawValue): \(error.message)\n".utf8))
                return 2
            }
        }
        return await run(
            arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
            output: .terminal)
    }

    /// Runs one command line and captures what it prints.
    ///
    /// - Parameters:
    ///   - arguments: the arguments after the program name, e.g. `["stats", "-f", "sync.c1z"]`.
    ///   - environment: the variables the tool reads (`BATON_TMPDIR`, `BATON_DECODER_*`).
    public static func run(
        arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> InspectResult {
        let capture = OutputCapture()
        let code = await run(arguments: arguments, environment: environment, output: capture.output)
        return InspectResult(
            exitCode: code, standardOutput: capture.standardOutput, standardError: capture.standardError)
    }

    /// Runs one command line, writing through `output`.
    ///
    /// Output is written as it is produced (in large chunks), so long listings and exports stream.
    /// - Returns: the exit code: 0 on success, 1 after one `baton: …` line on standard error.
    public static func run(arguments: [String], environment: [String: String], output: InspectOutput) async -> Int32 {
        if let first = arguments.first, let kind = RemoteConnectorCommand.Kind(rawValue: first) {
            do {
                let command = try RemoteConnectorCommand(kind: kind, arguments: Array(arguments.dropFirst()))
                return await ConnectorCommand.run(
                    command.definition, arguments: command.arguments, environment: environment,
                    stdout: TextOutput(write: output.standardOutput), stderr: TextOutput(write: output.standardError))
            } catch {
                output.standardError("baton \(kind.rawValue): \(error.message)\n")
                return 2
            }
        }
        BatonProtoRegistry.registerAll()
        let standardOutput = OutputBuffer(sink: output.standardOutput, bytesSink: output.standardOutputBytes)
        defer { standardOutput.flush() }
        do {
            var command = try BatonCommand.parseAsRoot(GlobalOptions.movedAfterSubcommands(arguments))
            let context = CommandContext(
                output: standardOutput, environment: environment, standardError: output.standardError)
            if let inspectCommand = command as? any InspectCommand {
                try inspectCommand.run(in: context)
            } else if let serviceCommand = command as? any AsyncInspectCommand {
                try await serviceCommand.run(in: context)
            } else {
                // `help`, `--help` and command groups (`baton`, `baton export`): their run() asks for help
                // by throwing a clean exit, printed below.
                try command.run()
            }
            return 0
        } catch {
            standardOutput.flush()
            if BatonCommand.exitCode(for: error) == .success {
                // --help and similar clean exits print their text on standard output.
                standardOutput.write(BatonCommand.fullMessage(for: error) + "\n")
                return 0
            }
            output.standardError("baton: " + oneLine(message(for: error)) + "\n")
            return 1
        }
    }

    private static func message(for error: any Error) -> String {
        switch error {
        case let error as InspectError: error.message
        case let error as C1ZError: error.message
        case let error as SQLiteError: error.description
        default: BatonCommand.message(for: error)
        }
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// What one run of the tool printed and how it ended.
public struct InspectResult: Sendable, Equatable {
    /// 0 on success, 1 on any error.
    public var exitCode: Int32
    public var standardOutput: String
    public var standardError: String

    public init(exitCode: Int32, standardOutput: String, standardError: String) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Where the tool writes its output and its error line.
public struct InspectOutput: Sendable {
    /// Receives standard output text, in chunks of up to about 64 KiB.
    public var standardOutput: @Sendable (String) -> Void
    /// Receives the error line.
    public var standardError: @Sendable (String) -> Void
    /// When set, receives standard output instead of ``standardOutput``, as the UTF-8 bytes of each
    /// chunk: a listing of gigabytes then skips making (and validating) text of it.
    public var standardOutputBytes: (@Sendable (UnsafeRawBufferPointer) -> Void)?

    public init(
        standardOutput: @escaping @Sendable (String) -> Void, standardError: @escaping @Sendable (String) -> Void,
        standardOutputBytes: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.standardOutputBytes = standardOutputBytes
    }

    /// The process's standard output and standard error.
    public static let terminal = InspectOutput(
        standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
        standardError: { FileHandle.standardError.write(Data($0.utf8)) },
        standardOutputBytes: { writeAll(STDOUT_FILENO, $0) })

    /// Writes all of `bytes` to `descriptor`, resuming after partial writes and interruptions; stops at
    /// any other failure (a closed pipe has already ended the process with SIGPIPE).
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            next += written
            remaining -= written
        }
    }
}

/// Collects both streams in memory for ``BatonInspect/run(arguments:environment:)``.
private final class OutputCapture: Sendable {
    private let streams = Mutex<(out: String, err: String)>(("", ""))

    var output: InspectOutput {
        InspectOutput(
            standardOutput: { text in self.streams.withLock { $0.out += text } },
            standardError: { text in self.streams.withLock { $0.err += text } })
    }

    var standardOutput: String { streams.withLock { $0.out } }
    var standardError: String { streams.withLock { $0.err } }
}
