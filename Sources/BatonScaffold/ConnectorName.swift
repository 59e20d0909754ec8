/// The names a new connector is known by, all derived from its lower-kebab name.
///
/// `acme-cloud` gives the type stem `AcmeCloud` (`Connectors/AcmeCloud`, `AcmeCloudConnector`,
/// `MockAcmeCloud`), the executable `baton-acme-cloud`, the display name `Acme Cloud` and the
/// environment prefix `ACME_CLOUD`.
public struct ConnectorName: Sendable, Equatable {
    /// The lower-kebab name: `baton-<kebab>`, `baton-mock <kebab>`, the config flags' prefix.
    public let kebab: String
    /// The type-name stem: directories, modules and Swift types start with it.
    public let typeName: String
    /// The service's name for people: `Acme Cloud`.
    public let displayName: String
    /// The environment variables' infix: `BATON_ACME_CLOUD_TOKEN`.
    public let environmentName: String

    /// The longest name accepted: longer ones would push generated lines past the formatter's width.
    public static let maximumLength = 30

    /// Checks `text` and derives the other names from it.
    ///
    /// - Throws: ``ScaffoldError`` naming the rule `text` breaks.
    public init(validating text: String) throws(ScaffoldError) {
        guard !text.isEmpty else { throw ScaffoldError("a connector name is required, e.g. acme or acme-cloud") }
        guard text.count <= Self.maximumLength else {
            throw ScaffoldError("name '\(Self.shown(text))' is longer than \(Self.maximumLength) characters")
        }
        guard Self.isLowerKebab(text) else {
            throw ScaffoldError(
                "name '\(Self.shown(text))' is not lower-kebab: lowercase letters and digits in words joined by "
                    + "single hyphens, starting with a letter (e.g. acme-cloud)")
        }
        guard !Self.swiftKeywords.contains(text) else {
            throw ScaffoldError("name '\(text)' is a Swift keyword; pick another")
        }
        guard !Self.reserved.contains(text) else {
            throw ScaffoldError("name '\(text)' is reserved (baton-\(text) or baton-mock \(text) already exists)")
        }
        let words = text.split(separator: "-").map(String.init)
        kebab = text
        typeName = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        displayName = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        environmentName = words.map { $0.uppercased() }.joined(separator: "_")
    }

    /// `[a-z][a-z0-9]*` words joined by single hyphens.
    static func isLowerKebab(_ text: String) -> Bool {
        let words = text.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            guard let first = word.first, first.isASCII, first.isLowercase else { return false }
            return word.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }

    /// `text` with anything unprintable dropped and cut short, fit for a one-line error.
    static func shown(_ text: String) -> String {
        let printable = text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
        let cleaned = String(String.UnicodeScalarView(printable))
        return cleaned.count > 40 ? cleaned.prefix(40) + "…" : cleaned
    }

    /// Names whose executable or `baton-mock` subcommand exists already.
    static let reserved: Set<String> = ["demo", "mock", "bench", "connector", "registry", "hostile", "baton"]

    /// Swift's keywords, contextual ones included: a connector named after one is confusing at best.
    static let swiftKeywords: Set<String> = [
        "actor", "any", "as", "associatedtype", "async", "await", "borrowing", "break", "case", "catch", "class",
        "consume", "consuming", "continue", "convenience", "copy", "default", "defer", "deinit", "didset", "discard",
        "do", "dynamic", "each", "else", "enum", "extension", "fallthrough", "false", "fileprivate", "final", "for",
        "func", "get", "guard", "if", "import", "in", "indirect", "infix", "init", "inout", "internal", "is",
        "isolated",
        "lazy", "let", "macro", "mutating", "nil", "nonisolated", "nonmutating", "open", "operator", "optional",
        "override", "package", "postfix", "precedencegroup", "prefix", "private", "protocol", "public", "repeat",
        "required", "rethrows", "return", "self", "set", "some", "static", "struct", "subscript", "super", "switch",
        "throw", "throws", "true", "try", "type", "typealias", "unowned", "var", "weak", "where", "while", "willset",
    ]
}

/// Why a scaffold or validation step cannot go on, in one line.
public struct ScaffoldError: Error, CustomStringConvertible, Equatable {
    /// The line shown to the user.
    public let description: String

    /// Creates an error with its one-line message.
    public init(_ description: String) {
        self.description = description
    }
}
