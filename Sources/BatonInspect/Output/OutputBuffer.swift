/// Collects text and hands it to a sink in large chunks, so streamed output costs few writes.
///
/// Used by one command at a time on one thread; not shared.
final class OutputBuffer {
    private var pending = ""
    private let sink: @Sendable (String) -> Void
    private let chunkSize: Int

    init(sink: @escaping @Sendable (String) -> Void, chunkSize: Int = 64 * 1024) {
        self.sink = sink
        self.chunkSize = chunkSize
    }

    func write(_ text: String) {
        pending += text
        if pending.utf8.count >= chunkSize {
            flush()
        }
    }

    func flush() {
        guard !pending.isEmpty else { return }
        sink(pending)
        pending = ""
    }
}
