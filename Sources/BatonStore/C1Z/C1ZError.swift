/// A failure reading or writing a c1z file or its working database, with one clear line of explanation.
///
/// Compare ``code`` to decide what to do; show ``message`` to people.
public struct C1ZError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a stable value to switch on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case fileNotFound, emptyFile, invalidFile, unsupportedFormat, truncated, trailingData
            case maxDecodedSizeExceeded, windowSizeExceeded, compression, corruptDatabase, io
            case noSync, syncNotFound, syncNotRunning, invalidPageToken, invalidRecord, closed
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The c1z file does not exist.
        public static let fileNotFound = Code(.fileNotFound)
        /// The c1z file has zero bytes.
        public static let emptyFile = Code(.emptyFile)
        /// The file does not start with a c1z magic header.
        public static let invalidFile = Code(.invalidFile)
        /// The file is a c1z of a format this library cannot read (v3, Pebble).
        public static let unsupportedFormat = Code(.unsupportedFormat)
        /// The compressed stream ends before its frame is complete.
        public static let truncated = Code(.truncated)
        /// Bytes follow the compressed frame that are not another frame.
        public static let trailingData = Code(.trailingData)
        /// The decoded database would exceed the configured maximum size.
        public static let maxDecodedSizeExceeded = Code(.maxDecodedSizeExceeded)
        /// The compressed frame needs a larger decoder window than allowed.
        public static let windowSizeExceeded = Code(.windowSizeExceeded)
        /// zstd reported an error while compressing or decompressing.
        public static let compression = Code(.compression)
        /// The database inside the c1z is not a valid SQLite file.
        public static let corruptDatabase = Code(.corruptDatabase)
        /// A file-system operation failed.
        public static let io = Code(.io)
        /// The file holds no sync run to read from.
        public static let noSync = Code(.noSync)
        /// The requested sync run does not exist.
        public static let syncNotFound = Code(.syncNotFound)
        /// The sync run has already ended, so it cannot be written to.
        public static let syncNotRunning = Code(.syncNotRunning)
        /// A page token is not one this store produced.
        public static let invalidPageToken = Code(.invalidPageToken)
        /// A stored or supplied record could not be encoded or decoded.
        public static let invalidRecord = Code(.invalidRecord)
        /// The store was used after ``C1ZStore/close()``.
        public static let closed = Code(.closed)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// One line saying what went wrong, for people.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension C1ZError {
    static let v3Message =
        "unsupported c1z format v3 (Pebble); re-run the connector with --storage-engine sqlite to write format v1"
    static let maxDecodedSizeMessage =
        "c1z: max decoded size exceeded, increase DecoderMaxDecodedSize using "
        + "BATON_DECODER_MAX_DECODED_SIZE_MB environment variable"
    // The double space before "environment" is in the Go text too; kept so logs match.
    static let windowSizeMessage =
        "c1z: window size exceeded, increase DecoderMaxMemory using BATON_DECODER_MAX_MEMORY_MB  environment variable"

    static func io(_ action: String, _ path: String, errno code: Int32) -> C1ZError {
        C1ZError(.io, "c1z: \(action) \(path): \(String(cString: strerror(code)))")
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
