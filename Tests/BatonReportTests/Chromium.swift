import BatonTestSupport
import Foundation

/// Debian's `chromium`, headless: the page's DOM after its scripts ran, and screenshots.
///
/// `make setup` installs it (scripts/setup.sh); a missing browser fails the test with that advice.
enum Chromium {
    static func executable() throws -> String {
        for directory in ["/usr/bin", "/usr/local/bin", "/snap/bin"] {
            let path = directory + "/chromium"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw HarnessError(message: "chromium is not installed: run `make setup` (scripts/setup.sh installs it)")
    }

    /// The serialized DOM of `url` once its scripts (and, for a server, its requests) have settled.
    static func dumpDOM(_ url: String) async throws -> String {
        try await onOwnThread { try run(["--virtual-time-budget=15000", "--dump-dom", url]) }
    }

    /// Saves a PNG of `url` at `size` ("width,height").
    static func screenshot(_ url: String, to path: String, size: String = "1280,860") async throws {
        _ = try await onOwnThread {
            try run(["--virtual-time-budget=15000", "--window-size=\(size)", "--screenshot=\(path)", url])
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw HarnessError(message: "chromium wrote no screenshot at \(path)")
        }
    }

    /// Runs the browser with its own profile directory, giving up after `timeout` seconds.
    private static func run(_ arguments: [String], timeout: Double = 90) throws -> String {
        let profile = try TemporaryDirectory(prefix: "chromium")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-extensions", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
            ] + arguments
        let output = profile.path("stdout")
        guard FileManager.default.createFile(atPath: output, contents: nil) else {
            throw HarnessError(message: "cannot create \(output)")
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw HarnessError(message: "chromium did not finish within \(Int(timeout)) s")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try String(contentsOfFile: output, encoding: .utf8)
    }
}
