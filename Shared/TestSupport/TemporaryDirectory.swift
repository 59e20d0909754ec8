import Foundation

/// A fresh, private directory for one test, removed when the value is released.
///
/// Keep the value in a named constant for as long as its paths are used: a temporary such as
/// `try TemporaryDirectory().path("x")` is released (and the directory removed) right away.
///
/// ```swift
/// let directory = try TemporaryDirectory()
/// let path = directory.path("sync.c1z")
/// ```
public final class TemporaryDirectory: Sendable {
    /// Absolute path of the directory.
    public let path: String

    /// Creates `<system temp>/<prefix>-XXXXXX`.
    public init(prefix: String = "baton-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let created else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: base])
        }
        path = String(cString: created)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String {
        path + "/" + name
    }

    /// Writes `contents` to the file `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let file = path(name)
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Removes the directory now, rather than when the value is released (`defer { directory.remove() }` also
    /// keeps the value alive until then).
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Names of the entries in the directory, sorted.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

/// Runs blocking work (waiting for a child process, polling it) on a thread of its own, so it never holds one of the
/// cooperative pool's threads: on a 2-core machine two such waits stall every other test, servers included (a CI
/// run lost 110 s that way, and with it the timeout tests and a browser test).
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
