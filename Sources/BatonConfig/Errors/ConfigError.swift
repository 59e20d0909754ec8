/// An error raised while building a configuration schema, reading configuration sources or validating values.
///
/// Messages are one line (except ``Code-swift.struct/validationFailed``, which joins one line per problem under
/// `errors found:` like the reference SDK) and never contain the value of a secret field.
///
/// ```swift
/// do {
///     try resolved.validate()
/// } catch {
///     print(error.message)   // fields marked as needed together are missing: ('client-secret')
/// }
/// ```
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, stable for programmatic checks.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidSchema
            case invalidArgument
            case invalidEnvironment
            case invalidConfigFile
            case validationFailed
            case relationshipViolated
            case invalidFileUpload
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The schema itself is wrong (a programmer error): duplicate names, a required bool, a broken relationship.
        public static let invalidSchema = Code(.invalidSchema)
        /// A command-line argument could not be understood: unknown flag, missing or malformed value.
        public static let invalidArgument = Code(.invalidArgument)
        /// A `BATON_*` environment variable holds a value of the wrong type.
        public static let invalidEnvironment = Code(.invalidEnvironment)
        /// The YAML configuration file is missing, unreadable, malformed or holds a value of the wrong type.
        public static let invalidConfigFile = Code(.invalidConfigFile)
        /// One or more field rules failed; the message starts with `errors found:`.
        public static let validationFailed = Code(.validationFailed)
        /// A relationship between fields (required together, mutually exclusive, …) or the field group is violated.
        public static let relationshipViolated = Code(.relationshipViolated)
        /// A file-upload value could not be turned into bytes.
        public static let invalidFileUpload = Code(.invalidFileUpload)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// The human-readable message, without secret values.
    public let message: String
    /// One line per problem for ``Code-swift.struct/validationFailed``; otherwise the message alone.
    public let problems: [String]

    /// Creates an error with a single-line message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
        self.problems = [message]
    }

    /// Creates the aggregated rule-failure error, formatted as `errors found:\n<problem>\n<problem>…`.
    public init(validationProblems problems: [String]) {
        self.code = .validationFailed
        self.message = "errors found:\n" + problems.joined(separator: "\n")
        self.problems = problems
    }

    public var description: String { message }
}
