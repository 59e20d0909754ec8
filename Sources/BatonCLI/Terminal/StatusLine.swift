import Synchronization

/// The live line at the bottom of a terminal, and the gate every other write to that terminal goes through.
///
/// Log lines written while the line is shown erase it, print, and draw it again below them, so the terminal never
/// shows a half-overwritten status. When the output is not a terminal the line is never drawn and writes pass
/// straight through.
final class StatusLine: Sendable {
    private struct State {
        var text = ""
        var isShown = false
    }

    private let output: TextOutput
    private let isEnabled: Bool
    private let state = Mutex(State())

    /// Erase the current terminal line: carriage return, then "erase in line" (whole line).
    static let eraseLine = "\r\u{1B}[2K"

    /// - Parameters:
    ///   - output: The stream the line lives on.
    ///   - enabled: Whether to draw at all (only on a terminal, and never alongside JSON logs).
    init(output: TextOutput, enabled: Bool) {
        self.output = output
        self.isEnabled = enabled && output.isTerminal
    }

    /// Whether the line is drawn at all.
    var isActive: Bool { isEnabled }

    /// The terminal width.
    var columns: Int { output.columns }

    /// Replaces the line's text, cut to the terminal width so it never wraps.
    func show(_ text: String) {
        guard isEnabled else { return }
        let fitted = StatusLine.fit(text, columns: output.columns)
        state.withLock { state in
            state.text = fitted
            state.isShown = true
            output.write(StatusLine.eraseLine + fitted)
        }
    }

    /// Erases the line for good (until the next ``show(_:)``).
    func clear() {
        guard isEnabled else { return }
        state.withLock { state in
            if state.isShown { output.write(StatusLine.eraseLine) }
            state.isShown = false
            state.text = ""
        }
    }

    /// Writes `text` (whole lines) above the status line.
    func write(_ text: String) {
        guard isEnabled else {
            output.write(text)
            return
        }
        state.withLock { state in
            if state.isShown {
                output.write(StatusLine.eraseLine + text + state.text)
            } else {
                output.write(text)
            }
        }
    }

    /// `text` cut to one character less than the width (writing the last column makes some terminals wrap).
    static func fit(_ text: String, columns: Int) -> String {
        let limit = max(10, columns - 1)
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}
