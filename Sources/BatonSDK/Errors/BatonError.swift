public import Foundation

/// The one error type that crosses module boundaries in baton-swift.
///
/// Its ``Code`` mirrors the gRPC status codes that the Go SDK uses everywhere, so that the sync
/// engine can apply the reference rules unchanged: `unavailable` and `deadlineExceeded` are
/// retried, `notFound` on a resource's entitlements or grants is a warning, anything else stops
/// the sync. Messages are one line and never contain secrets.
///
/// ```swift
/// throw BatonError(.notFound, "group 00g1 does not exist")
/// ```
public struct BatonError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A status code with the gRPC numbering (extensible: new codes are new static constants).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let cancelled = Code(rawValue: 1)
        public static let unknown = Code(rawValue: 2)
        public static let invalidArgument = Code(rawValue: 3)
        public static let deadlineExceeded = Code(rawValue: 4)
        public static let notFound = Code(rawValue: 5)
        public static let alreadyExists = Code(rawValue: 6)
        public static let permissionDenied = Code(rawValue: 7)
        public static let resourceExhausted = Code(rawValue: 8)
        public static let failedPrecondition = Code(rawValue: 9)
        public static let aborted = Code(rawValue: 10)
        public static let outOfRange = Code(rawValue: 11)
        public static let unimplemented = Code(rawValue: 12)
        public static let `internal` = Code(rawValue: 13)
        public static let unavailable = Code(rawValue: 14)
        public static let dataLoss = Code(rawValue: 15)
        public static let unauthenticated = Code(rawValue: 16)

        private static let names: [Int: String] = [
            1: "Canceled", 2: "Unknown", 3: "InvalidArgument", 4: "DeadlineExceeded", 5: "NotFound",
            6: "AlreadyExists", 7: "PermissionDenied", 8: "ResourceExhausted", 9: "FailedPrecondition",
            10: "Aborted", 11: "OutOfRange", 12: "Unimplemented", 13: "Internal", 14: "Unavailable",
            15: "DataLoss", 16: "Unauthenticated",
        ]

        /// The gRPC name of the code, e.g. `NotFound`.
        public var description: String { Self.names[rawValue] ?? "Code(\(rawValue))" }
    }

    /// What went wrong, as a status code.
    public var code: Code
    /// One line for a human; never contains a secret.
    public var message: String
    /// The HTTP status that caused the error, when it came from an HTTP response.
    public var httpStatus: Int?
    /// The rate-limit state the server reported with the error, if any.
    public var rateLimit: RateLimitInfo?

    public init(_ code: Code, _ message: String, httpStatus: Int? = nil, rateLimit: RateLimitInfo? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.rateLimit = rateLimit
    }

    /// Whether the reference retry policy retries this error (`Unavailable`, `DeadlineExceeded`).
    public var isRetryable: Bool { code == .unavailable || code == .deadlineExceeded }

    public var description: String { message }
}

extension BatonError: LocalizedError {
    public var errorDescription: String? { message }
}
