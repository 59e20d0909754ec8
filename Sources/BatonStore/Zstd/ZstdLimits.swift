import Foundation

/// Limits applied while decompressing a c1z, so a hostile or damaged file cannot exhaust disk or memory.
///
/// The defaults follow the Go reader: 10 GiB of decoded data, a 128 MiB decoder window, and an
/// early failure when the frame header already announces more than the cap. Each can be overridden by
/// the same environment variables the Go tools read.
public struct ZstdLimits: Sendable, Equatable {
    /// Largest decoded database accepted, in bytes.
    public var maxDecodedSize: UInt64
    /// Largest decoder window (memory) accepted, in bytes.
    public var maxWindowSize: UInt64
    /// Fail before decoding when the frame header's content size exceeds ``maxDecodedSize``.
    public var failFastOnContentSize: Bool

    public static let defaultMaxDecodedSize: UInt64 = 10 << 30
    public static let defaultMaxWindowSize: UInt64 = 128 << 20

    public init(
        maxDecodedSize: UInt64 = ZstdLimits.defaultMaxDecodedSize,
        maxWindowSize: UInt64 = ZstdLimits.defaultMaxWindowSize,
        failFastOnContentSize: Bool = true
    ) {
        self.maxDecodedSize = maxDecodedSize
        self.maxWindowSize = maxWindowSize
        self.failFastOnContentSize = failFastOnContentSize
    }

    /// The defaults with the `BATON_DECODER_MAX_DECODED_SIZE_MB`, `BATON_DECODER_MAX_MEMORY_MB` and
    /// `BATON_DISABLE_FCS_FAIL_FAST` overrides applied.
    public static func fromEnvironment(_ environment: [String: String]? = nil) -> ZstdLimits {
        let environment = environment ?? ProcessInfo.processInfo.environment
        var limits = ZstdLimits()
        if let megabytes = environment["BATON_DECODER_MAX_DECODED_SIZE_MB"].flatMap(UInt64.init), megabytes > 0 {
            limits.maxDecodedSize = megabytes << 20
        }
        if let megabytes = environment["BATON_DECODER_MAX_MEMORY_MB"].flatMap(UInt64.init), megabytes > 0 {
            limits.maxWindowSize = megabytes << 20
        }
        if let flag = environment["BATON_DISABLE_FCS_FAIL_FAST"], isTruthy(flag) {
            limits.failFastOnContentSize = false
        }
        return limits
    }
}

/// Go's `strconv.ParseBool` spellings of true, used for every boolean environment switch.
func isTruthy(_ value: String) -> Bool {
    ["1", "t", "T", "TRUE", "true", "True"].contains(value.trimmingCharacters(in: .whitespaces))
}
