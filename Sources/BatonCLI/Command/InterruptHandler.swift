import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the first SIGINT or SIGTERM into a cancellation and makes the second one exit at once, so a stuck
/// command can always be stopped. Keep the handler alive for as long as the command runs.
final class InterruptHandler {
    /// The first signal, shared with the signal sources' handlers.
    private final class FirstSignal: Sendable {
        let number = Atomic<Int32>(0)
    }

    private let sources: [any DispatchSourceSignal]
    private let first: FirstSignal

    /// The first signal received, if any.
    var receivedSignal: Int32? {
        let value = first.number.load(ordering: .acquiring)
        return value == 0 ? nil : value
    }

    /// Installs the handlers; `onInterrupt` runs once, on a dispatch queue.
    init(onInterrupt: @escaping @Sendable () -> Void) {
        let first = FirstSignal()
        self.first = first
        sources = [SIGINT, SIGTERM].map { number in
            // The default action would kill the process before the command can leave its state resumable.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let (isFirst, _) = first.number.compareExchange(
                    expected: 0, desired: number, ordering: .acquiringAndReleasing)
                if isFirst {
                    onInterrupt()
                } else {
                    _exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }
}
