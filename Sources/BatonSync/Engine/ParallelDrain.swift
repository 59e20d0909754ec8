/// Runs units of work with at most `width` in flight, applying each result on the calling task.
///
/// `next` hands out runnable work (it may hand out nothing while results are pending and more
/// work appears when they are applied); `apply` runs serially, in completion order, so it can
/// write to the store and update the checkpoint without locks. The first error cancels the rest.
func parallelDrain<Key: Sendable, Output: Sendable>(
    width: Int,
    next: () throws -> (Key, @Sendable () async throws -> Output)?,
    apply: (Key, Output) async throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: (Key, Output).self) { group in
        var inFlight = 0
        func fill() throws {
            while inFlight < max(1, width), let (key, work) = try next() {
                group.addTask { (key, try await work()) }
                inFlight += 1
            }
        }
        try fill()
        while inFlight > 0 {
            guard let (key, output) = try await group.next() else { break }
            inFlight -= 1
            try await apply(key, output)
            try fill()
        }
    }
}
