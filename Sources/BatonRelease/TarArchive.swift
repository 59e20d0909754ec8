public import Foundation

/// A POSIX ustar archive of regular files, written reproducibly: entries in the order given, owner
/// and group 0 (`root`), one fixed modification time, so equal inputs give equal bytes.
public struct TarArchive: Sendable, Equatable {
    /// One regular file in an archive.
    public struct Entry: Sendable, Equatable {
        /// The path inside the archive (at most 100 bytes; releases use bare file names).
        public var name: String
        /// Permission bits (0o755 for executables, 0o644 otherwise).
        public var mode: Int
        public var contents: Data

        public init(name: String, mode: Int, contents: Data) {
            self.name = name
            self.mode = mode
            self.contents = contents
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    private static let block = 512

    /// The archive's bytes, every entry stamped with `modificationTime` (seconds since 1970).
    public func encoded(modificationTime: Int) throws -> Data {
        var out = Data()
        for entry in entries {
            out += try Self.header(for: entry, modificationTime: modificationTime)
            out += entry.contents
            out += Data(count: (Self.block - entry.contents.count % Self.block) % Self.block)
        }
        // Two zero blocks end the archive.
        out += Data(count: 2 * Self.block)
        return out
    }

    private static func header(for entry: Entry, modificationTime: Int) throws -> Data {
        let name = Array(entry.name.utf8)
        guard !name.isEmpty, name.count <= 100 else {
            throw ReleaseError("tar: entry name must be 1 to 100 bytes: \(entry.name)")
        }
        var header = [UInt8](repeating: 0, count: block)
        func put(_ bytes: [UInt8], at offset: Int) {
            header.replaceSubrange(offset..<offset + bytes.count, with: bytes)
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            // Zero-padded octal digits and a NUL, as ustar readers expect.
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(name, at: 0)
        put(octal(entry.mode, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(entry.contents.count, width: 12), at: 124)
        put(octal(modificationTime, width: 12), at: 136)
        put(Array("        ".utf8), at: 148)  // the checksum counts itself as spaces
        header[156] = UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0] + Array("00".utf8), at: 257)
        put(Array("root".utf8), at: 265)
        put(Array("root".utf8), at: 297)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7) + [UInt8(ascii: " ")], at: 148)
        return Data(header)
    }

    /// Reads the regular files of an archive; other entry types are skipped.
    ///
    /// - Throws: ``ReleaseError`` for a bad checksum, a size past the end, or a missing end.
    public init(decoding data: Data) throws {
        let bytes = [UInt8](data)
        var entries: [Entry] = []
        var offset = 0
        while true {
            guard offset + Self.block <= bytes.count else { throw ReleaseError("tar: truncated archive") }
            let header = Array(bytes[offset..<offset + Self.block])
            if header.allSatisfy({ $0 == 0 }) { break }
            func field(_ start: Int, _ length: Int) -> String {
                let slice = header[start..<start + length].prefix { $0 != 0 }
                return String(decoding: slice, as: UTF8.self)
            }
            func number(_ start: Int, _ length: Int) throws -> Int {
                let text = field(start, length).trimmingCharacters(in: .whitespaces)
                guard let value = Int(text.isEmpty ? "0" : text, radix: 8), value >= 0 else {
                    throw ReleaseError("tar: bad number in a header")
                }
                return value
            }
            var sum = header.reduce(0) { $0 + Int($1) }
            sum -= header[148..<156].reduce(0) { $0 + Int($1) }
            sum += 8 * Int(UInt8(ascii: " "))
            guard try number(148, 8) == sum else { throw ReleaseError("tar: bad header checksum") }
            let size = try number(124, 12)
            let start = offset + Self.block
            guard size <= bytes.count - start else { throw ReleaseError("tar: entry runs past the end") }
            let type = header[156]
            if type == UInt8(ascii: "0") || type == 0 {
                let prefix = field(345, 155)
                let name = prefix.isEmpty ? field(0, 100) : prefix + "/" + field(0, 100)
                entries.append(
                    Entry(name: name, mode: try number(100, 8), contents: Data(bytes[start..<start + size])))
            }
            offset = start + (size + Self.block - 1) / Self.block * Self.block
        }
        self.entries = entries
    }
}
