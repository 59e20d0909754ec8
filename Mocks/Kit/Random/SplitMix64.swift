/// A small, fast, seedable pseudo-random generator (SplitMix64).
///
/// Every random choice a mock makes (tenant contents, latency jitter, faults) goes through this
/// generator, so the same seed always produces the same tenant and the same fault sequence,
/// on every platform and toolchain. Its helpers avoid the standard library's `random(in:using:)`,
/// whose algorithm is not promised to stay the same across Swift versions.
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let pick = rng.int(below: 10)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The internal state; advancing it by a constant and mixing yields the next value.
    public private(set) var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        self.state = seed
    }

    /// Creates an independent generator for one numbered stream of a seed (e.g. one request index),
    /// so that stream `n` yields the same values whatever happened in other streams.
    public init(seed: UInt64, stream: UInt64) {
        self.state = SplitMix64.mix(seed ^ SplitMix64.mix(stream &+ 0x632B_E59B_D9B4_E019))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective scramble of 64 bits.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in `0..<1` with 53 bits of precision.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A value in `0..<bound` (multiply-shift; the bias is below 2⁻³² for every bound used here).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int((UInt64(bound).multipliedFullWidth(by: next())).high)
    }

    /// A value in the closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ elements: [T]) -> T {
        elements[int(below: elements.count)]
    }

    /// An index chosen with the given relative weights (which must not all be zero).
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }

    /// `length` characters from `[0-9A-Za-z]`, the alphabet of Okta-style ids.
    public mutating func alphanumeric(_ length: Int) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(length)
        var bits = next()
        var available = 10
        for _ in 0..<length {
            if available == 0 {
                bits = next()
                available = 10
            }
            bytes.append(SplitMix64.alphabet[Int(bits % 62)])
            bits /= 62
            available -= 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
}
