import ArgumentParser
import BatonRelease
import Foundation

/// The options every registry command shares: where the registry is, the token, the output format.
struct RegistryOptions: ParsableArguments {
    @Option(name: .customLong("registry-url"), help: "The registry (else $BATON_REGISTRY_URL).")
    var registryURL: String?

    @Option(help: "The bearer token (else $BATON_REGISTRY_TOKEN); never printed.")
    var token: String?

    @Option(help: "text or json.")
    var output: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument {
        case text, json
    }

    func client(requiresToken: Bool = false) throws -> RegistryClient {
        let environment = ProcessInfo.processInfo.environment
        guard let url = registryURL ?? environment["BATON_REGISTRY_URL"], !url.isEmpty else {
            throw ReleaseError("no registry: give --registry-url or set BATON_REGISTRY_URL")
        }
        guard let base = URL(string: url), base.scheme == "http" || base.scheme == "https", base.host != nil else {
            throw ReleaseError("invalid --registry-url \"\(url)\": expected http(s)://host[:port]")
        }
        let token = token ?? environment["BATON_REGISTRY_TOKEN"]
        if requiresToken, token?.isEmpty ?? true {
            throw ReleaseError("this command needs a token: set BATON_REGISTRY_TOKEN (or give --token)")
        }
        return RegistryClient(baseURL: base, token: token?.isEmpty == true ? nil : token)
    }

    /// Prints `value` as JSON, or `text` in text mode.
    func print(_ value: some Encodable, text: () -> String) throws {
        switch output {
        case .text:
            Swift.print(text())
        case .json:
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
        }
    }
}

/// `org/name` as the registry commands take it.
struct ConnectorReference: ExpressibleByArgument {
    var org: String
    var name: String

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        org = parts[0]
        // The registry name drops the `baton-` prefix (`baton-okta` → `okta`).
        name = parts[1].hasPrefix("baton-") ? String(parts[1].dropFirst("baton-".count)) : parts[1]
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension RegistryClient.Release {
    var line: String {
        var text = "\(org)/\(name) \(version) \(state)"
        if let reason = failureReason { text += ": \(reason)" }
        if let reason = yankReason { text += " (yanked: \(reason))" }
        return text
    }
}
