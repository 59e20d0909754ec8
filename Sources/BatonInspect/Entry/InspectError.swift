/// A failure of an inspection command, with one line of explanation for the user.
///
/// Store failures reach the user as the store's own ``BatonStore/C1ZError`` text; this type covers
/// what the tool itself rejects (bad flag combinations, records that are not there, unwritable output).
public struct InspectError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a stable value to switch on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArguments, notFound, notEnoughSyncs, output, encoding
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Flags that do not make sense together, or a required flag is missing.
        public static let invalidArguments = Code(.invalidArguments)
        /// A record the command needs is not in the sync.
        public static let notFound = Code(.notFound)
        /// `diff` needs two finished full syncs.
        public static let notEnoughSyncs = Code(.notEnoughSyncs)
        /// The output file cannot be written.
        public static let output = Code(.output)
        /// A record cannot be printed as JSON.
        public static let encoding = Code(.encoding)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
