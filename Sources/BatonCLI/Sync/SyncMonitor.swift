import BatonHTTP
import BatonSync
import Synchronization

/// Collects what a running sync reports (pages, connector calls, HTTP waits) and keeps the progress line current.
final class SyncMonitor: Sendable {
    /// Totals of the HTTP waits the connector's clients reported.
    struct Waits: Sendable, Equatable {
        var count = 0
        var rateLimited = 0
        var milliseconds: Int64 = 0
    }

    private struct State {
        var progress = SyncProgress(phase: .resourceTypes)
        var waits = Waits()
        var meter = RateMeter()
        var lastDraw: ContinuousClock.Instant?
    }

    private let line: StatusLine
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    /// The least time between two redraws caused by new pages; phase changes redraw at once.
    static let redrawInterval: Duration = .milliseconds(100)

    init(line: StatusLine) {
        self.line = line
    }

    /// The latest totals from the sync engine.
    func record(_ progress: SyncProgress) {
        let now = ContinuousClock.now
        let text: String? = state.withLock { state in
            let phaseChanged = state.progress.phase != progress.phase
            state.progress = progress
            state.meter.add(count: progress.connectorCalls, at: now)
            if !phaseChanged, let last = state.lastDraw, now - last < SyncMonitor.redrawInterval { return nil }
            state.lastDraw = now
            return render(state, now: now)
        }
        if let text { line.show(text) }
    }

    /// An HTTP wait reported by one of the connector's clients.
    func record(_ wait: RetryWait) {
        state.withLock { state in
            state.waits.count += 1
            if wait.reason == .rateLimited { state.waits.rateLimited += 1 }
            let (seconds, attoseconds) = wait.duration.components
            state.waits.milliseconds += seconds * 1000 + attoseconds / 1_000_000_000_000_000
        }
    }

    /// Redraws the line (the clock and the rate move even while a slow call is pending).
    func tick() {
        let now = ContinuousClock.now
        let text = state.withLock { state in
            state.lastDraw = now
            return render(state, now: now)
        }
        line.show(text)
    }

    /// The HTTP waits so far.
    var waits: Waits { state.withLock { $0.waits } }

    /// Keeps the line moving once a second until the returned task is cancelled.
    func startTicking() -> Task<Void, Never>? {
        guard line.isActive else { return nil }
        return Task { [self] in
            while !Task.isCancelled {
                tick()
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    private func render(_ state: State, now: ContinuousClock.Instant) -> String {
        ProgressText.line(
            progress: state.progress, elapsed: now - started, callsPerSecond: state.meter.rate(at: now),
            waits: state.waits, columns: line.columns)
    }
}

/// Calls per second over the last few seconds, from (time, running total) samples.
struct RateMeter: Sendable {
    private var samples: [(at: ContinuousClock.Instant, count: Int)] = []
    /// How far back the rate looks.
    static let window: Duration = .seconds(5)

    mutating func add(count: Int, at instant: ContinuousClock.Instant) {
        samples.append((instant, count))
        // Keep one sample older than the window, so the rate always spans the whole window once it has.
        while samples.count > 2, instant - samples[1].at > RateMeter.window {
            samples.removeFirst()
        }
    }

    /// The rate, or `nil` until the samples span a meaningful time.
    func rate(at instant: ContinuousClock.Instant) -> Double? {
        guard let first = samples.first, let last = samples.last else { return nil }
        let span = instant - first.at
        guard span >= .milliseconds(200) else { return nil }
        let (seconds, attoseconds) = span.components
        return Double(last.count - first.count) / (Double(seconds) + Double(attoseconds) / 1e18)
    }
}

/// The texts of the progress line and the final summary.
enum ProgressText {
    /// What a person calls each phase.
    static func phaseName(_ phase: SyncPhase) -> String {
        switch phase {
        case .resourceTypes: "resource types"
        case .resources: "resources"
        case .entitlements: "entitlements"
        case .grants: "grants"
        case .expansion: "expanding grants"
        case .targeted: "targeted resources"
        case .done: "saving"
        }
    }

    /// `[grants] 62 resources, 12 entitlements, 140 grants | 35 calls/s | 2 waits 4.0s | 0:03`, or a shorter
    /// spelling (`62 res, 12 ent, 140 grants | 35/s`) when that does not fit in `columns`; the most important parts
    /// come first, so cutting what still does not fit loses the least.
    static func line(
        progress: SyncProgress, elapsed: Duration, callsPerSecond: Double?, waits: SyncMonitor.Waits,
        columns: Int = .max
    ) -> String {
        let full = line(progress, elapsed, callsPerSecond, waits, short: false)
        return full.count < columns ? full : line(progress, elapsed, callsPerSecond, waits, short: true)
    }

    private static func line(
        _ progress: SyncProgress, _ elapsed: Duration, _ callsPerSecond: Double?, _ waits: SyncMonitor.Waits,
        short: Bool
    ) -> String {
        var text = "[\(phaseName(progress.phase))] "
        text +=
            short
            ? "\(progress.resources) res, \(progress.entitlements) ent, \(progress.grants) grants"
            : "\(progress.resources) resources, \(progress.entitlements) entitlements, \(progress.grants) grants"
        if progress.derivedGrants > 0 {
            text += short ? " +\(progress.derivedGrants)" : " (+\(progress.derivedGrants) derived)"
        }
        let unit = short ? "/s" : " calls/s"
        text += " | " + (callsPerSecond.map { format($0) } ?? "-") + unit
        let waitMS = waits.milliseconds + progress.rateLimitWaitMS
        if waits.count > 0 || waitMS > 0 { text += " | \(waits.count) waits \(duration(milliseconds: waitMS))" }
        if progress.retries > 0 { text += " | \(progress.retries) retries" }
        if progress.warnings > 0 { text += " | \(progress.warnings) warnings" }
        return text + " | " + clock(elapsed)
    }

    /// Minutes and seconds: `0:03`, `12:40`, or hours `1:02:03`.
    static func clock(_ elapsed: Duration) -> String {
        let total = max(0, Int(elapsed.components.seconds))
        let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60)
        let ss = seconds < 10 ? "0\(seconds)" : "\(seconds)"
        if hours > 0 { return "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(ss)" }
        return "\(minutes):\(ss)"
    }

    /// `85ms`, `4.2s`, `12s`, `3m05s`.
    static func duration(milliseconds: Int64) -> String {
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if milliseconds < 10_000 { return "\(Double(milliseconds / 100) / 10)s" }
        let seconds = milliseconds / 1000
        if seconds < 60 { return "\(seconds)s" }
        let rest = seconds % 60
        return "\(seconds / 60)m\(rest < 10 ? "0" : "")\(rest)s"
    }

    /// A rate with one decimal below 10, whole numbers above.
    static func format(_ rate: Double) -> String {
        rate < 10 ? "\(Double(Int(rate * 10)) / 10)" : "\(Int(rate.rounded()))"
    }

    /// `12.3 KiB`, `4.0 MiB`.
    static func bytes(_ count: Int64) -> String {
        if count < 1024 { return "\(count) B" }
        var value = Double(count) / 1024
        for unit in ["KiB", "MiB", "GiB"] {
            if value < 1024 || unit == "GiB" { return "\(Double(Int(value * 10)) / 10) \(unit)" }
            value /= 1024
        }
        return "\(count) B"
    }
}
