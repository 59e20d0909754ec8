extension Array where Element: Sendable {
    /// `transform` applied to every element, at most `width` at a time, with the results in the array's order.
    ///
    /// For the per-item reads a page needs (a user's details for each user listed): a few in flight at once, so
    /// the page costs about one round trip per `width` items, without flooding the service. The first error
    /// cancels the rest and is thrown.
    ///
    /// ```swift
    /// let detailed = try await accounts.concurrentMap(width: 8) { try await client.user(id: $0.id) }
    /// ```
    public func concurrentMap<Result: Sendable>(
        width: Int, _ transform: @escaping @Sendable (Element) async throws -> Result
    ) async throws -> [Result] {
        var results = [Result?](repeating: nil, count: count)
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var started = 0
            func start() {
                let index = started
                let element = self[index]
                group.addTask { (index, try await transform(element)) }
                started += 1
            }
            while started < Swift.min(Swift.max(1, width), count) { start() }
            while let (index, result) = try await group.next() {
                results[index] = result
                if started < count { start() }
            }
        }
        return results.compactMap { $0 }
    }
}
