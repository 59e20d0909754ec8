public import Foundation

/// File helpers for release artefacts: atomic writes with explicit modes, one-line read errors.
public enum ReleaseFiles {
    /// Writes `data` to `<path>.tmp` with `mode`, then renames it over `path`, so a reader never sees a
    /// half-written file and a failure leaves the previous one.
    public static func writeAtomically(_ data: Data, to path: String, mode: Int = 0o644) throws {
        let temporary = path + ".tmp"
        _ = FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: mode])
        do {
            guard let handle = FileHandle(forWritingAtPath: temporary) else {
                throw ReleaseError("cannot write \(temporary)")
            }
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            // createFile keeps an existing file's mode; the result must have the one asked for.
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: temporary)
            if rename(temporary, path) != 0 { throw ReleaseError("cannot rename \(temporary) to \(path)") }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// The bytes of `path`, or a one-line error naming what was expected there.
    public static func data(atPath path: String, what: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReleaseError("cannot read the \(what) \(path)")
        }
        return data
    }

    /// The UTF-8 text of `path`.
    public static func text(atPath path: String, what: String) throws -> String {
        String(decoding: try data(atPath: path, what: what), as: UTF8.self)
    }
}

/// A release, registry or signing failure: one line for the user.
public struct ReleaseError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
