import Foundation

/// Parses the date formats rate-limit headers use, without `DateFormatter` (not `Sendable`, slow to create).
///
/// Accepted: RFC 3339 / ISO 8601 (`2025-01-02T03:04:05Z`, fractions, offsets, and Jira's `2025-01-02T03:04Z`),
/// RFC 1123 (`Thu, 02 Jan 2025 03:04:05 GMT`), RFC 850 (`Thursday, 02-Jan-25 03:04:05 GMT`) and asctime
/// (`Thu Jan  2 03:04:05 2025`).
enum HTTPDateParser {
    static func parse(_ text: String) -> Date? {
        parseISO8601(text) ?? parseHTTPDate(text)
    }

    private static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    // MARK: RFC 3339

    private static func parseISO8601(_ text: String) -> Date? {
        var scanner = Scanner(text)
        guard let year = scanner.digits(exactly: 4), scanner.skip("-"),
            let month = scanner.digits(exactly: 2), scanner.skip("-"),
            let day = scanner.digits(exactly: 2),
            scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
            let hour = scanner.digits(exactly: 2), scanner.skip(":"),
            let minute = scanner.digits(exactly: 2)
        else { return nil }
        var second = 0
        var fraction = 0.0
        if scanner.skip(":") {
            guard let parsed = scanner.digits(exactly: 2) else { return nil }
            second = parsed
            if scanner.skip(".") || scanner.skip(",") {
                let digits = scanner.digitRun()
                guard !digits.isEmpty, let value = Double("0." + digits) else { return nil }
                fraction = value
            }
        }
        var offset = 0
        if scanner.skip("Z") || scanner.skip("z") {
            offset = 0
        } else if let sign = scanner.next(), sign == "+" || sign == "-" {
            guard let hours = scanner.digits(exactly: 2) else { return nil }
            _ = scanner.skip(":")
            let minutes = scanner.digits(exactly: 2) ?? 0
            offset = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        } else {
            return nil
        }
        guard scanner.isAtEnd else { return nil }
        return makeDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset
        )?.addingTimeInterval(fraction)
    }

    // MARK: RFC 1123, RFC 850, asctime

    private static func parseHTTPDate(_ text: String) -> Date? {
        // Normalise separators so the three formats tokenise alike: "02-Jan-25" → "02 Jan 25".
        // A leading sign marks a numeric zone (-0500), which must stay whole.
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," })
            .flatMap { token in
                token.first == "-" || token.first == "+" ? [token] : token.split(separator: "-")
            }
            .map(String.init)
        guard tokens.count >= 5 else { return nil }
        // tokens[0] is the weekday in all three formats.
        let rest = Array(tokens.dropFirst())
        if let month = monthIndex(rest[0]) {
            // asctime: Jan 2 03:04:05 2025
            guard rest.count == 4, let day = Int(rest[1]), let year = Int(rest[3]) else { return nil }
            return date(year: year, month: month, day: day, time: rest[2], zone: "GMT")
        }
        // RFC 1123 / RFC 850: 02 Jan 2025 03:04:05 GMT
        guard rest.count >= 4, let day = Int(rest[0]), let month = monthIndex(rest[1]),
            var year = Int(rest[2])
        else { return nil }
        if rest[2].count == 2 {
            // RFC 850 two-digit years: pick the century that keeps the date within 50 years of now (RFC 9110 §5.6.7).
            year += year < 70 ? 2000 : 1900
        }
        return date(
            year: year, month: month, day: day, time: rest[3], zone: rest.count > 4 ? rest[4] : "GMT")
    }

    private static func monthIndex(_ token: String) -> Int? {
        months.firstIndex(of: token.lowercased().prefix(3).description).map { $0 + 1 }
    }

    private static func date(year: Int, month: Int, day: Int, time: String, zone: String) -> Date? {
        let parts = time.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let offset: Int
        switch zone.uppercased() {
        case "GMT", "UTC", "UT", "Z": offset = 0
        default:
            // Numeric zones such as +0000 appear in the wild.
            guard zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
                let hhmm = Int(zone.dropFirst())
            else { return nil }
            offset = (hhmm / 100 * 3600 + hhmm % 100 * 60) * (sign == "-" ? -1 : 1)
        }
        return makeDate(
            year: year, month: month, day: day, hour: parts[0], minute: parts[1], second: parts[2],
            offset: offset)
    }

    // MARK: Calendar arithmetic

    /// Seconds since the epoch for a proleptic Gregorian UTC date-time, minus `offset`.
    static func makeDate(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int
    ) -> Date? {
        // Years beyond four digits would overflow the day arithmetic below.
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
            (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 (Howard Hinnant's civil-from-days inverse).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A tiny forward scanner over a string's characters.
private struct Scanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    var isAtEnd: Bool { index == characters.count }

    mutating func next() -> Character? {
        guard index < characters.count else { return nil }
        defer { index += 1 }
        return characters[index]
    }

    mutating func skip(_ character: Character) -> Bool {
        guard index < characters.count, characters[index] == character else { return false }
        index += 1
        return true
    }

    mutating func digits(exactly count: Int) -> Int? {
        guard index + count <= characters.count else { return nil }
        let slice = characters[index..<index + count]
        guard slice.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(String(slice)) else {
            return nil
        }
        index += count
        return value
    }

    mutating func digitRun() -> String {
        var run = ""
        while index < characters.count, characters[index].isASCII, characters[index].isNumber {
            run.append(characters[index])
            index += 1
        }
        return run
    }
}
