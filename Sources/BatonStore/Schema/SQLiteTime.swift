public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text form of timestamps in c1z tables: `YYYY-MM-DD HH:MM:SS[.fraction]`, no zone, fraction
/// without trailing zeros (Go's `2006-01-02 15:04:05.999999999`). Written in UTC.
public enum SQLiteTime {
    /// Formats `date` in UTC, with microsecond precision (what a `Date` holds reliably).
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = Int(interval.rounded(.down))
        var micros = Int(((interval - Double(seconds)) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var text =
            pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-"
            + pad(Int(parts.tm_mday), 2) + " " + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2)
            + ":" + pad(Int(parts.tm_sec), 2)
        if micros > 0 {
            var fraction = pad(micros, 6)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }

    /// Parses the c1z timestamp text (also accepting a `T` separator and a `Z` or `±HH:MM` suffix).
    ///
    /// Times without a zone are read as UTC, which is what this library writes and what Go writes on
    /// a UTC host.
    public static func parse(_ text: String) -> Date? {
        parseInstant(text)?.date
    }

    /// A stored time to the nanosecond, as Go writes it (a `Date` cannot hold that precision).
    public struct Instant: Sendable, Equatable {
        /// Whole seconds since 1970 (UTC).
        public var seconds: Int64
        /// Nanoseconds within the second, 0..<1e9.
        public var nanoseconds: Int32

        /// Creates an instant.
        public init(seconds: Int64, nanoseconds: Int32) {
            self.seconds = seconds
            self.nanoseconds = nanoseconds
        }

        /// The instant as a `Date` (about a tenth of a microsecond of precision).
        public var date: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9) }
    }

    /// Parses the c1z timestamp text like ``parse(_:)``, keeping every digit up to nanoseconds.
    public static func parseInstant(_ text: String) -> Instant? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let byte = bytes[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ characters: Set<UInt8>) -> Bool {
            guard index < bytes.count, characters.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect([0x2D]), let month = number(2), expect([0x2D]), let day = number(2),
            expect([0x20, 0x54]), let hour = number(2), expect([0x3A]), let minute = number(2), expect([0x3A]),
            let second = number(2)
        else { return nil }

        var nanoseconds = 0
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            var scale = 100_000_000
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                // Digits past the nanosecond are dropped, as Go's parser does.
                nanoseconds += Int(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }

        var offsetSeconds = 0
        if index < bytes.count {
            if bytes[index] == 0x5A, index + 1 == bytes.count {
                index += 1
            } else if bytes[index] == 0x2B || bytes[index] == 0x2D {
                let sign = bytes[index] == 0x2D ? -1 : 1
                index += 1
                guard let hours = number(2), expect([0x3A]), let minutes = number(2) else { return nil }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard index == bytes.count else { return nil }

        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let epoch = timegm(&parts)
        return Instant(seconds: Int64(epoch - offsetSeconds), nanoseconds: Int32(nanoseconds))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
