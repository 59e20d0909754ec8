import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thin owner of a POSIX file descriptor: the container code needs exact control over fsync and
/// rename ordering, which Foundation's file APIs do not expose.
struct FileDescriptor: ~Copyable {
    let raw: Int32
    let path: String

    /// Opens `path` for reading.
    static func openForReading(_ path: String) throws -> FileDescriptor {
        try FileDescriptor(path: path, flags: O_RDONLY | O_CLOEXEC, mode: 0)
    }

    /// Creates or truncates `path` for writing with the given permission bits (private by default: the
    /// files the store writes hold a company's identity data).
    static func create(_ path: String, mode: mode_t = FileSystem.privateMode) throws -> FileDescriptor {
        try FileDescriptor(path: path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode: mode)
    }

    private init(path: String, flags: Int32, mode: mode_t) throws {
        let descriptor = posixOpen(path, flags, mode)
        guard descriptor >= 0 else { throw C1ZError.io("open", path, errno: errno) }
        raw = descriptor
        self.path = path
    }

    deinit {
        _ = posixClose(raw)
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = posixRead(raw, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw C1ZError.io("read", path, errno: errno)
        }
    }

    /// Reads until `buffer` is full or the file ends; returns the number of bytes read.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var total = 0
        while total < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// Writes every byte of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let count = posixWrite(raw, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw C1ZError.io("write", path, errno: errno)
            }
            offset += count
        }
    }

    /// Flushes the file's data and metadata to stable storage.
    func sync() throws {
        guard fsync(raw) == 0 else { throw C1ZError.io("fsync", path, errno: errno) }
    }

    /// The file's size in bytes.
    func size() throws -> UInt64 {
        var info = stat()
        guard fstat(raw, &info) == 0 else { throw C1ZError.io("stat", path, errno: errno) }
        return UInt64(info.st_size)
    }
}

/// File-system helpers the container needs beyond a single descriptor.
enum FileSystem {
    /// Size of the file at `path`, or nil when it does not exist.
    static func size(of path: String) throws -> UInt64? {
        var info = stat()
        if stat(path, &info) == 0 { return UInt64(info.st_size) }
        if errno == ENOENT { return nil }
        throw C1ZError.io("stat", path, errno: errno)
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Owner read and write only: every file the store creates holds names, emails and who is admin.
    static let privateMode: mode_t = 0o600

    /// Makes `path` private (mode 0600), creating it empty when missing, so a file SQLite is about to open
    /// (or `VACUUM INTO` is about to fill) never exists with the umask's wider default, and a file left by an
    /// older version is narrowed. SQLite gives a database's log the database file's mode.
    static func makePrivate(_ path: String) throws {
        let descriptor = posixOpen(path, O_WRONLY | O_CREAT | O_CLOEXEC, privateMode)
        guard descriptor >= 0 else { throw C1ZError.io("create", path, errno: errno) }
        defer { _ = posixClose(descriptor) }
        guard fchmod(descriptor, privateMode) == 0 else { throw C1ZError.io("chmod", path, errno: errno) }
    }

    /// Narrows an existing file to mode 0600; a missing one is left missing.
    static func narrowToPrivate(_ path: String) throws {
        guard exists(path) else { return }
        guard chmod(path, privateMode) == 0 || errno == ENOENT else { throw C1ZError.io("chmod", path, errno: errno) }
    }

    /// Atomically replaces `destination` with `source`.
    static func rename(_ source: String, to destination: String) throws {
        guard posixRename(source, destination) == 0 else {
            throw C1ZError.io("rename", source, errno: errno)
        }
    }

    /// Removes a file, ignoring a missing one.
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Fsyncs a directory so a rename inside it survives a power loss.
    static func syncDirectory(_ path: String) throws {
        let descriptor = posixOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard descriptor >= 0 else { throw C1ZError.io("open directory", path, errno: errno) }
        defer { _ = posixClose(descriptor) }
        guard fsync(descriptor) == 0 else { throw C1ZError.io("fsync directory", path, errno: errno) }
    }

    /// The directory part of `path` ("." for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Creates a fresh private directory `<parent>/<prefix>XXXXXX`.
    static func makeTemporaryDirectory(in parent: String, prefix: String) throws -> String {
        var template = Array("\(parent)/\(prefix)XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let created else { throw C1ZError.io("create temporary directory in", parent, errno: errno) }
        return String(cString: created)
    }

    /// Removes a directory tree (used only for the store's own temporary directories).
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

// The libc names collide with methods of the same name on `FileDescriptor`; these aliases keep call
// sites unambiguous.
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func posixClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
private func posixRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
