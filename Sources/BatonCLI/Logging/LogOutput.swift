/// Where formatted log lines go, with the values of secret configuration fields masked.
///
/// ``BatonLogHandler`` writes through a `LogOutput`, so a secret that a connector logs by mistake (in the message
/// or in metadata) is printed as `***` in every format.
public final class LogOutput: Sendable {
    let redactor: SecretRedactor
    private let sink: @Sendable (String) -> Void

    /// Creates an output.
    ///
    /// - Parameters:
    ///   - secrets: Values never to print (the values of secret fields); values shorter than
    ///     ``SecretRedactor/minimumLength`` are ignored.
    ///   - write: Receives each finished line, newline included.
    public init(redacting secrets: [String] = [], write: @escaping @Sendable (String) -> Void) {
        self.redactor = SecretRedactor(secrets)
        self.sink = write
    }

    func emit(_ line: String) {
        sink(line)
    }
}

/// Replaces known secret values in text with `***`.
public struct SecretRedactor: Sendable {
    /// Values shorter than this are not masked: masking every `a` or `1` would garble output without protecting
    /// anything worth the name secret.
    public static let minimumLength = 4
    /// The text secrets are replaced with.
    public static let mask = "***"

    private let secrets: [String]

    /// Creates a redactor for `secrets` (empty and very short values are dropped; longest first, so a secret
    /// containing another is masked whole).
    public init(_ secrets: [String]) {
        self.secrets = Array(Set(secrets.filter { $0.count >= SecretRedactor.minimumLength }))
            .sorted { $0.count > $1.count }
    }

    /// Whether there is anything to mask.
    public var isEmpty: Bool { secrets.isEmpty }

    /// `text` with every secret replaced by ``mask``.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacing(secret, with: SecretRedactor.mask)
        }
        return result
    }
}
