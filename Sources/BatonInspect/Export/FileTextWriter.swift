import Foundation

/// Writes text to `<path>.tmp` in large chunks and renames it over `path` once complete, so a failed
/// export never leaves a partial file under the requested name.
final class FileTextWriter {
    let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var pending = ""
    private static let chunkSize = 256 * 1024

    init(path: String) throws {
        self.path = path
        temporaryPath = path + ".tmp"
        // Exports hold identity data (who holds what): private, like the c1z they come from.
        guard
            FileManager.default.createFile(
                atPath: temporaryPath, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporaryPath)
        else {
            throw InspectError(.output, "cannot create \(temporaryPath)")
        }
        self.handle = handle
    }

    func write(_ text: String) throws {
        pending += text
        if pending.utf8.count >= Self.chunkSize {
            try flush()
        }
    }

    /// Writes what is left, closes the file and moves it to `path`.
    func commit() throws {
        do {
            try flush()
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: path) {
                _ = try FileManager.default.replaceItemAt(
                    URL(fileURLWithPath: path), withItemAt: URL(fileURLWithPath: temporaryPath))
            } else {
                try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
            }
        } catch let error as InspectError {
            throw error
        } catch {
            discard()
            throw InspectError(.output, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Closes and removes the unfinished file.
    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(pending.utf8))
        } catch {
            throw InspectError(.output, "cannot write \(temporaryPath): \(error.localizedDescription)")
        }
        pending = ""
    }
}
