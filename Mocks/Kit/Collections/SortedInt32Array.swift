/// Sorted `Int32` arrays used as ordered sets (members, assignments).
extension Array where Element == Int32 {
    /// The index of the first element greater than `value`.
    public func firstIndex(after value: Int32) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Whether `value` is present (binary search).
    public func sortedContains(_ value: Int32) -> Bool {
        let index = firstIndex(after: value - 1)
        return index < count && self[index] == value
    }

    /// Inserts keeping order; false when already present.
    @discardableResult
    public mutating func sortedInsert(_ value: Int32) -> Bool {
        let index = firstIndex(after: value - 1)
        if index < count && self[index] == value { return false }
        insert(value, at: index)
        return true
    }

    /// Removes; false when absent.
    @discardableResult
    public mutating func sortedRemove(_ value: Int32) -> Bool {
        let index = firstIndex(after: value - 1)
        guard index < count && self[index] == value else { return false }
        remove(at: index)
        return true
    }
}
