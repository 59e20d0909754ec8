import Foundation

/// A point in time as milliseconds since 1970, formatted the way REST APIs usually print it.
///
/// Generated tenants use fixed timestamps derived from the seed, so they are identical on every run;
/// changes made through provisioning calls use the wall clock.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millis: Int64

    /// Creates a timestamp from milliseconds since the epoch.
    public init(millis: Int64) {
        self.millis = millis
    }

    /// The current wall-clock time.
    public static func now() -> Timestamp {
        Timestamp(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Whole seconds since the epoch.
    public var epochSeconds: Int64 { millis / 1000 }

    /// This time plus a number of seconds.
    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(millis: millis + seconds * 1000)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.millis < rhs.millis }

    /// `2024-01-02T03:04:05.000Z` (Okta and Jira style).
    public var iso8601Millis: String { format(withMillis: true) }

    /// `2024-01-02T03:04:05Z` (GitHub style).
    public var iso8601: String { format(withMillis: false) }

    private func format(withMillis: Bool) -> String {
        let totalSeconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let milliPart = Int(millis - totalSeconds * 1000)
        var days = totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400
        let secondOfDay = Int(totalSeconds - days * 86_400)
        // Civil-from-days (proleptic Gregorian), after Howard Hinnant's public-domain algorithm.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))

        var bytes = [UInt8]()
        bytes.reserveCapacity(24)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        if withMillis {
            bytes.append(UInt8(ascii: "."))
            digits(milliPart, 3)
        }
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
