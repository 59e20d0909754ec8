/// Draws indexes with fixed relative weights in O(log n) per draw (cumulative sums and a binary
/// search), for generators that place hundreds of thousands of objects over thousands of weighted slots.
///
/// ```swift
/// let sampler = WeightedSampler([1, 0, 3])
/// let index = sampler.next(&rng)   // 0 a quarter of the time, 2 otherwise
/// ```
public struct WeightedSampler: Sendable {
    private let cumulative: [Double]

    /// Creates a sampler; the weights must not be negative, and at least one should be positive.
    public init(_ weights: [Double]) {
        var running = 0.0
        cumulative = weights.map { weight in
            running += max(0, weight)
            return running
        }
    }

    /// An index drawn with the weights' probabilities (the last index when every weight is zero).
    public func next(_ rng: inout SplitMix64) -> Int {
        guard let total = cumulative.last, total > 0 else { return max(0, cumulative.count - 1) }
        let target = rng.unit() * total
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
