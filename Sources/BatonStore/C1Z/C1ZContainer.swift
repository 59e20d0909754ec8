#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The c1z container: a 5-byte magic header followed by one zstd frame holding a SQLite database file.
public enum C1ZContainer {
    /// Format v1 magic, `C1ZF\0`: SQLite inside.
    public static let v1Magic: [UInt8] = [0x43, 0x31, 0x5A, 0x46, 0x00]
    /// Format v3 magic, `C1Z3\0`: a Pebble store inside (recognised only to explain the failure).
    public static let v3Magic: [UInt8] = [0x43, 0x31, 0x5A, 0x33, 0x00]

    /// Sizes reported by ``compress(database:toC1Z:)``.
    public struct SaveResult: Sendable, Equatable {
        /// Bytes of the SQLite database that went in.
        public var decompressedBytes: UInt64
        /// Bytes of the c1z file written, header included.
        public var compressedBytes: UInt64
    }

    /// Decompresses the c1z at `path` into a new SQLite database file at `databasePath`.
    ///
    /// The database file is created (or truncated), written and fsynced.
    /// - Returns: the number of bytes written to `databasePath`.
    /// - Throws: ``C1ZError`` for a missing or empty file, a wrong or v3 header, a truncated or corrupt
    ///   stream, trailing data, or a decoded size or window over `limits`.
    @discardableResult
    public static func decompress(
        c1z path: String, toDatabase databasePath: String, limits: ZstdLimits = .fromEnvironment()
    ) throws -> UInt64 {
        guard let size = try FileSystem.size(of: path) else {
            throw C1ZError(.fileNotFound, "c1z: file not found: \(path)")
        }
        guard size > 0 else {
            throw C1ZError(.emptyFile, "c1z: empty c1z file: \(path)")
        }
        let input = try FileDescriptor.openForReading(path)
        try readHeader(from: input)
        let output = try FileDescriptor.create(databasePath)
        guard fchmod(output.raw, FileSystem.privateMode) == 0 else {
            throw C1ZError.io("chmod", databasePath, errno: errno)
        }
        let decoded = try Zstd.decompress(from: input, to: output, limits: limits)
        try output.sync()
        return decoded
    }

    /// Compresses the SQLite database at `databasePath` into a c1z at `path`, replacing it atomically.
    ///
    /// Writes `<path>.tmp` (mode 0600: a c1z holds a company's identity data), fsyncs it, renames it over `path` and fsyncs the directory. The
    /// previous file at `path` is untouched until the rename, and the temporary file is removed on failure.
    @discardableResult
    public static func compress(database databasePath: String, toC1Z path: String) throws -> SaveResult {
        let input = try FileDescriptor.openForReading(databasePath)
        let size = try input.size()
        let temporaryPath = path + ".tmp"
        do {
            let compressed = try writeTemporary(from: input, size: size, to: temporaryPath)
            try FileSystem.rename(temporaryPath, to: path)
            try FileSystem.syncDirectory(FileSystem.directory(of: path))
            return SaveResult(decompressedBytes: size, compressedBytes: compressed)
        } catch {
            FileSystem.remove(temporaryPath)
            throw error
        }
    }

    private static func writeTemporary(
        from input: borrowing FileDescriptor, size: UInt64, to temporaryPath: String
    ) throws -> UInt64 {
        let output = try FileDescriptor.create(temporaryPath)
        // A `.tmp` left by a crash keeps its old mode through O_TRUNC; the renamed file must be private.
        guard fchmod(output.raw, FileSystem.privateMode) == 0 else {
            throw C1ZError.io("chmod", temporaryPath, errno: errno)
        }
        try v1Magic.withUnsafeBytes { try output.write($0) }
        let workers: Int32 = size >= 64 << 20 ? 2 : 0
        let compressed = try Zstd.compress(from: input, sourceSize: size, to: output, workers: workers)
        try output.sync()
        return UInt64(v1Magic.count) + compressed
    }

    /// Reads and checks the 5-byte header, leaving `input` positioned at the zstd frame.
    private static func readHeader(from input: borrowing FileDescriptor) throws {
        var header = [UInt8](repeating: 0, count: v1Magic.count)
        let count = try header.withUnsafeMutableBytes { try input.readFully(into: $0) }
        if count == header.count, header == v1Magic { return }
        if count == header.count, header == v3Magic {
            throw C1ZError(.unsupportedFormat, C1ZError.v3Message)
        }
        throw C1ZError(.invalidFile, "c1z: invalid file: \(input.path) does not start with a c1z header")
    }
}
