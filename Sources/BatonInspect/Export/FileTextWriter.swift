import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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
            // rename(2) replaces an existing file atomically. Foundation's replaceItemAt on Linux fails
            // for a relative path after removing the file it was to replace.
            guard rename(temporaryPath, path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw InspectError(.output, "cannot write \(path): \(reason)")
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
