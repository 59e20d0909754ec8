#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One of the command's output streams: where text goes, and whether a person is watching it.
///
/// The command writes results (capabilities, the config schema, provisioning outcomes) to standard output, and logs,
/// the progress line, the summary and errors to standard error. Tests pass capturing outputs.
public struct TextOutput: Sendable {
    /// Whether the stream is a terminal: enables the progress line, colours and the console log format.
    public var isTerminal: Bool
    /// The terminal width used to fit the progress line.
    public var columns: Int
    private let sink: @Sendable (String) -> Void

    /// Creates an output that passes text to `write`.
    public init(isTerminal: Bool = false, columns: Int = 80, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.columns = columns
        self.sink = write
    }

    /// Writes `text` as it is (add the newline yourself).
    public func write(_ text: String) {
        sink(text)
    }

    /// The process's standard output.
    public static var standardOutput: TextOutput { fileDescriptor(STDOUT_FILENO) }

    /// The process's standard error.
    public static var standardError: TextOutput { fileDescriptor(STDERR_FILENO) }

    /// An output writing straight to a file descriptor, unbuffered, so lines from several tasks never interleave
    /// mid-line and nothing is lost when the process exits.
    static func fileDescriptor(_ descriptor: Int32) -> TextOutput {
        let terminal = isatty(descriptor) == 1
        return TextOutput(isTerminal: terminal, columns: terminal ? terminalColumns(descriptor) : 80) { text in
            TextOutput.writeAll(text, to: descriptor)
        }
    }

    /// The width of the terminal on `descriptor`, else `$COLUMNS`, else 80.
    static func terminalColumns(_ descriptor: Int32) -> Int {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let text = getenv("COLUMNS"), let value = Int(String(cString: text)), value > 0 {
            return value
        }
        return 80
    }
}

extension TextOutput {
    /// Writes all of `text` to `descriptor`, retrying short and interrupted writes; gives up silently on other
    /// errors (there is nowhere left to report them).
    static func writeAll(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

extension TextOutput {
    /// `close(2)`, for types that have a `close()` of their own.
    static func closeDescriptor(_ descriptor: Int32) {
        _ = systemClose(descriptor)
    }
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

/// `write(2)`, named apart from ``TextOutput/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
