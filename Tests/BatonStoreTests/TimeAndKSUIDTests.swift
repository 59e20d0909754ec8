import Foundation
import Testing

@testable import BatonStore

@Suite struct SQLiteTimeTests {
    @Test func formatsUTCWithTrimmedFraction() {
        let date = Date(timeIntervalSince1970: 1_795_430_455.25)
        #expect(SQLiteTime.format(date) == "2026-11-23 10:40:55.25")
        #expect(SQLiteTime.format(Date(timeIntervalSince1970: 1_795_430_455)) == "2026-11-23 10:40:55")
        #expect(SQLiteTime.format(Date(timeIntervalSince1970: 0.000_001)) == "1970-01-01 00:00:00.000001")
    }

    @Test func parsesGoTimestamps() throws {
        // As stored by the Go SDK in the fixtures (nanoseconds, trailing zero trimmed).
        let started = try #require(SQLiteTime.parse("2026-11-23 10:40:55.234843093"))
        #expect(abs(started.timeIntervalSince1970 - 1_795_430_455.234843093) < 0.000_001)
        let ended = try #require(SQLiteTime.parse("2026-11-23 10:40:58.12277865"))
        #expect(abs(ended.timeIntervalSince1970 - 1_795_430_458.12277865) < 0.000_001)
        #expect(SQLiteTime.parse("2026-11-23T10:40:55Z")?.timeIntervalSince1970 == 1_795_430_455)
        #expect(SQLiteTime.parse("2026-11-23 12:40:55+02:00")?.timeIntervalSince1970 == 1_795_430_455)
        #expect(SQLiteTime.parse("2026-11-23") == nil)
        #expect(SQLiteTime.parse("2026-11-23 10:40:55.") == nil)
    }

    @Test func keepsEveryStoredDigitToTheNanosecond() throws {
        let started = try #require(SQLiteTime.parseInstant("2026-11-23 10:40:55.234843093"))
        #expect(started == SQLiteTime.Instant(seconds: 1_795_430_455, nanoseconds: 234_843_093))
        // Go trims trailing zeros: `.12277865` is 122,778,650 ns.
        #expect(SQLiteTime.parseInstant("2026-11-23 10:40:58.12277865")?.nanoseconds == 122_778_650)
        // Digits past the nanosecond are dropped, not rounded.
        #expect(SQLiteTime.parseInstant("2026-11-23 10:40:58.1234567899")?.nanoseconds == 123_456_789)
        #expect(SQLiteTime.parseInstant("2026-11-23 12:40:55+02:00")?.seconds == 1_795_430_455)
    }

    @Test func roundTripsAtMicrosecondPrecision() throws {
        let date = Date(timeIntervalSince1970: 1_795_430_455.123456)
        let parsed = try #require(SQLiteTime.parse(SQLiteTime.format(date)))
        #expect(abs(parsed.timeIntervalSince(date)) < 0.000_001)
    }

    @Test func textOrderFollowsTimeOrder() {
        // Queries compare these strings (`started_at >= ?`), so text order must be time order.
        let earlier = SQLiteTime.format(Date(timeIntervalSince1970: 1_795_430_455.9))
        let later = SQLiteTime.format(Date(timeIntervalSince1970: 1_795_430_456))
        #expect(earlier < later)
    }
}

@Suite struct KSUIDTests {
    @Test func parsesTheFixtureSyncIDTimestamp() throws {
        let ksuid = try #require(KSUID("3MVKmjuVWqdm114MnqvL6ArQEUe"))
        // The fixture sync started at 2026-11-23 10:40:55 UTC.
        #expect(ksuid.date == Date(timeIntervalSince1970: 1_795_430_455))
        #expect(ksuid.description == "3MVKmjuVWqdm114MnqvL6ArQEUe")
    }

    @Test func encodesTimestampAndPayload() {
        var generator = CountingGenerator()
        let date = Date(timeIntervalSince1970: 1_795_430_455.7)
        let ksuid = KSUID(date: date, using: &generator)
        #expect(ksuid.bytes.count == 20)
        #expect(ksuid.timestamp == 395_430_455)
        #expect(ksuid.description.count == 27)
        #expect(KSUID(ksuid.description) == ksuid)
        #expect(ksuid.description.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    @Test func extremesAndInvalidText() {
        #expect(KSUID(String(repeating: "0", count: 27))?.bytes == Array(repeating: 0, count: 20))
        // The largest 20-byte value.
        #expect(KSUID("aWgEPTl1tmebfsQzFP4bxwgy80V")?.bytes == Array(repeating: 255, count: 20))
        #expect(KSUID("aWgEPTl1tmebfsQzFP4bxwgy80W") == nil)
        #expect(KSUID("short") == nil)
        #expect(KSUID("3MVKmjuVWqdm114MnqvL6ArQEU!") == nil)
    }

    @Test func newIDsSortByTime() {
        let first = KSUID(date: Date(timeIntervalSince1970: 1_700_000_000)).description
        let second = KSUID(date: Date(timeIntervalSince1970: 1_700_000_001)).description
        #expect(first < second)
    }
}

/// Deterministic bytes for KSUID payload tests.
struct CountingGenerator: RandomNumberGenerator {
    var state: UInt64 = 0
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return state
    }
}
