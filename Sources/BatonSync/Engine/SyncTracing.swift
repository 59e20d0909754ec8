import BatonSDK
public import Tracing

/// Spans through the swift-distributed-tracing API, ended the way the reference's `uotel.EndSpanWithError` ends
/// them: success just ends the span; cancellation (an expected end) leaves the status unset and records nothing;
/// any other error is recorded on the span and sets its status to error.
///
/// Nothing here knows about OpenTelemetry: with no tracer bootstrapped (`InstrumentationSystem`), spans are the
/// no-op tracer's and cost a task-local read. A process that exports (the command line with
/// `--otel-collector-endpoint`, see BatonTelemetry) bootstraps the tracer once.
///
/// ```swift
/// try await BatonTracing.withSpan("c1ApiTaskManager.Process") { span in
///     span.attributes["task_id"] = "\(task.id)"
///     try await process(task)
/// }
/// ```
public enum BatonTracing {
    /// Runs `body` inside a new span named `name` (a child of the task's current span, if any) and ends it.
    ///
    /// - Parameter newRoot: Starts a new trace instead of a child of the current span (the reference's new-root
    ///   spans, e.g. `c1ApiTaskManager.Process`: one trace per task).
    public static func withSpan<T>(
        _ name: String, newRoot: Bool = false, isolation: isolated (any Actor)? = #isolation,
        _ body: (any Span) async throws -> T
    ) async throws -> T {
        let span = startSpan(name, context: newRoot ? .topLevel : (.current ?? .topLevel))
        defer { span.end() }
        do {
            return try await InstrumentationContext.$current.withValue(span.context) { try await body(span) }
        } catch {
            record(error, on: span)
            throw error
        }
    }

    /// The synchronous form of ``withSpan(_:newRoot:isolation:_:)``.
    public static func withSpan<T>(_ name: String, _ body: (any Span) throws -> T) throws -> T {
        let span = startSpan(name)
        defer { span.end() }
        do {
            return try InstrumentationContext.$current.withValue(span.context) { try body(span) }
        } catch {
            record(error, on: span)
            throw error
        }
    }

    /// Marks `span` as failed by `error`, unless `error` is an expected end (cancellation, a deadline), which leaves
    /// the status unset.
    public static func record(_ error: any Error, on span: any Span) {
        if isExpected(error) { return }
        span.recordError(error)
        span.setStatus(SpanStatus(code: .error, message: "\(error)"))
    }

    /// Cancellation and deadlines: how a task is stopped, not a failure of the traced work.
    public static func isExpected(_ error: any Error) -> Bool {
        switch error {
        case is CancellationError: return true
        case let error as BatonError: return error.code == .cancelled || error.code == .deadlineExceeded
        default: return false
        }
    }
}
