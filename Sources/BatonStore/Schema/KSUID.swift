public import Foundation

/// A K-Sortable Unique IDentifier, the form of every c1z sync id: 4 bytes of big-endian seconds since
/// 2014-05-13 16:53:20 UTC (Unix 1400000000) followed by 16 random bytes, written as 27 base62 characters.
public struct KSUID: Sendable, Hashable, CustomStringConvertible {
    /// Unix time of timestamp zero.
    public static let epoch: Int64 = 1_400_000_000
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    static let encodedLength = 27
    static let byteLength = 20

    /// The 20 raw bytes.
    public let bytes: [UInt8]

    /// A new KSUID for `date` with a random payload.
    public init(date: Date = Date()) {
        var generator = SystemRandomNumberGenerator()
        self.init(date: date, using: &generator)
    }

    /// A new KSUID for `date` with a payload drawn from `generator`.
    public init(date: Date, using generator: inout some RandomNumberGenerator) {
        let seconds = UInt32(clamping: Int64(date.timeIntervalSince1970.rounded(.down)) - Self.epoch)
        var bytes: [UInt8] = [
            UInt8(truncatingIfNeeded: seconds >> 24), UInt8(truncatingIfNeeded: seconds >> 16),
            UInt8(truncatingIfNeeded: seconds >> 8), UInt8(truncatingIfNeeded: seconds),
        ]
        for _ in 0..<16 { bytes.append(generator.next()) }
        self.bytes = bytes
    }

    /// Parses the 27-character base62 form; nil when it is not a valid KSUID.
    public init?(_ text: String) {
        let characters = Array(text.utf8)
        guard characters.count == Self.encodedLength else { return nil }
        // Base62 digits, most significant first, converted to base 256 by repeated long division.
        var digits: [UInt32] = []
        digits.reserveCapacity(characters.count)
        for character in characters {
            guard let value = Self.alphabet.firstIndex(of: character) else { return nil }
            digits.append(UInt32(value))
        }
        var result: [UInt8] = []
        while !digits.isEmpty {
            var quotient: [UInt32] = []
            var remainder: UInt32 = 0
            for digit in digits {
                let accumulator = remainder * 62 + digit
                let next = accumulator / 256
                remainder = accumulator % 256
                if !quotient.isEmpty || next != 0 { quotient.append(next) }
            }
            result.append(UInt8(remainder))
            digits = quotient
        }
        guard result.count <= Self.byteLength else { return nil }
        bytes = Array(repeating: 0, count: Self.byteLength - result.count) + result.reversed()
    }

    /// Seconds since ``epoch`` stored in the first four bytes.
    public var timestamp: UInt32 {
        bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The creation time encoded in the id (whole seconds).
    public var date: Date {
        Date(timeIntervalSince1970: Double(Int64(timestamp) + Self.epoch))
    }

    /// The 27-character base62 form.
    public var description: String {
        // Base256 digits to base62 by repeated long division, least significant digit first.
        var digits = bytes.map(UInt32.init)
        var encoded: [UInt8] = []
        while !digits.isEmpty {
            var quotient: [UInt32] = []
            var remainder: UInt32 = 0
            for digit in digits {
                let accumulator = remainder * 256 + digit
                let next = accumulator / 62
                remainder = accumulator % 62
                if !quotient.isEmpty || next != 0 { quotient.append(next) }
            }
            encoded.append(Self.alphabet[Int(remainder)])
            digits = quotient
        }
        let padding = [UInt8](repeating: Self.alphabet[0], count: Self.encodedLength - encoded.count)
        return String(decoding: padding + encoded.reversed(), as: UTF8.self)
    }
}
