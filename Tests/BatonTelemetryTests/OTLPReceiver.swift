import BatonTestSupport
import Foundation

/// `scripts/otlp-receiver.py` in the venv `make setup` creates (`.venv-otel`, packages `opentelemetry-proto` and
/// `grpcio` from PyPI): an OTLP/gRPC collector whose decoding is not ours.
final class OTLPReceiver: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let venvPython = repository + "/.venv-otel/bin/python"

    let port: Int
    let output: String
    private let process: Process
    private let stdin: Pipe

    /// Starts the receiver writing to `output`, with TLS when `certificate`/`key` (PEM paths) are given.
    static func start(output: String, certificate: String? = nil, key: String? = nil) async throws -> OTLPReceiver {
        guard FileManager.default.isExecutableFile(atPath: venvPython) else {
            throw Failure(
                "\(venvPython) is missing: run `make setup` (scripts/setup.sh creates it with opentelemetry-proto "
                    + "and grpcio)")
        }
        return try await onOwnThread { try OTLPReceiver(output: output, certificate: certificate, key: key) }
    }

    private init(output: String, certificate: String?, key: String?) throws {
        self.output = output
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.venvPython)
        var arguments = [Self.repository + "/scripts/otlp-receiver.py", output]
        if let certificate, let key { arguments += ["--tls-cert", certificate, "--tls-key", key] }
        process.arguments = arguments
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        // The first line is the port.
        var line = Data()
        while true {
            let byte = stdout.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw Failure("the receiver did not start (printed \"\(String(decoding: line, as: UTF8.self))\")")
        }
        self.port = port
    }

    /// Stops the receiver and returns every line it wrote.
    func stop() async throws -> [[String: Any]] {
        let process = self.process
        let stdin = self.stdin
        try await onOwnThread {
            try stdin.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        guard let text = try? String(contentsOfFile: output, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw Failure("not a JSON object: \(line)")
            }
            return object
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// Runs `baton-demo` (the real command line, in a process of its own) and returns its exit status and standard error.
func runDemo(_ arguments: [String], in directory: String) async throws -> (status: Int32, stderr: String) {
    let executable = try BuiltProducts.executable("baton-demo")
    return try await onOwnThread {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BATON_") }
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
