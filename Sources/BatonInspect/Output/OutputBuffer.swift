/// Collects output and hands it to a sink in large chunks, so streamed output costs few writes.
///
/// Used by one command at a time on one thread; not shared.
final class OutputBuffer {
    private var pending: [UInt8] = []
    private let sink: @Sendable (String) -> Void
    private let bytesSink: (@Sendable (UnsafeRawBufferPointer) -> Void)?
    private let chunkSize: Int

    /// - Parameter bytesSink: when given, receives the chunks as bytes instead of `sink` as text.
    init(
        sink: @escaping @Sendable (String) -> Void, bytesSink: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil,
        chunkSize: Int = 64 * 1024
    ) {
        self.sink = sink
        self.bytesSink = bytesSink
        self.chunkSize = chunkSize
        pending.reserveCapacity(chunkSize + chunkSize / 2)
    }

    func write(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= chunkSize {
            flush()
        }
    }

    /// Writes UTF-8 `bytes` (whole characters: a chunk is handed on as text).
    func write(bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        if pending.count >= chunkSize {
            flush()
        }
    }

    func flush() {
        guard !pending.isEmpty else { return }
        if let bytesSink {
            pending.withUnsafeBytes(bytesSink)
        } else {
            sink(String(decoding: pending, as: UTF8.self))
        }
        pending.removeAll(keepingCapacity: true)
    }
}
