import Foundation

/// How ``C1ZStore/open(c1z:options:)`` unpacks and opens a c1z for reading.
public struct C1ZReadOptions: Sendable {
    /// Directory for the private unpacked copy (`--c1z-temp-dir`); nil uses `BATON_TMPDIR`, then the
    /// system temporary directory.
    public var temporaryDirectory: String?
    /// Decompression limits; the default reads the `BATON_DECODER_*` environment variables.
    public var limits: ZstdLimits
    /// Upgrade the unpacked copy to the current schema (adding missing columns and indexes and moving
    /// expansion metadata out of old grant rows), as the Go reader does. When false the copy is opened
    /// read-only as it is, and reads tolerate the older schema.
    public var applyMigrations: Bool

    public init(temporaryDirectory: String? = nil, limits: ZstdLimits? = nil, applyMigrations: Bool = true) {
        self.temporaryDirectory = temporaryDirectory
        self.limits = limits ?? .fromEnvironment()
        self.applyMigrations = applyMigrations
    }

    /// The directory the copy is unpacked into.
    func resolvedTemporaryDirectory() -> String {
        if let temporaryDirectory, !temporaryDirectory.isEmpty { return temporaryDirectory }
        if let fromEnvironment = ProcessInfo.processInfo.environment["BATON_TMPDIR"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        var system = NSTemporaryDirectory()
        while system.count > 1, system.hasSuffix("/") { system.removeLast() }
        return system
    }
}
