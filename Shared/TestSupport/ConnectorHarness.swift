public import BatonHTTP
public import BatonSDK
import BatonSync
import Foundation
public import Testing

/// What every connector's integration tests share: HTTP settings for tests, a full sync into a fresh
/// c1z, and reading a mock's ground truth.
public enum ConnectorHarness {
    /// HTTP settings for tests: no response cache (a test reads its own writes), quick retries.
    public static func http(userAgent: String) -> BatonHTTPClient.Configuration {
        BatonHTTPClient.Configuration(
            userAgent: userAgent,
            retry: HTTPRetryPolicy(maxAttempts: 8, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(50)),
            cache: .disabled)
    }

    /// A full sync into a fresh c1z with fast engine retries; returns its records.
    public static func sync(_ connector: some Connector, workers: Int = 4) async throws -> C1ZSnapshot {
        let directory = try TemporaryDirectory(prefix: "connector-sync")
        var options = SyncOptions()
        options.workers = workers
        options.retry.initialBackoff = .milliseconds(5)
        options.retry.maxBackoff = .milliseconds(200)
        options.retry.maxAttempts = 50
        let path = directory.path("sync.c1z")
        _ = try await Syncer(runtime: try ConnectorRuntime(connector), outputPath: path, options: options).run()
        return try C1ZSnapshot.load(path)
    }

    /// The mock at `baseURL`'s `GET /__mock/truth`, decoded with the test's own types.
    public static func truth<Truth: Decodable & Sendable>(_ baseURL: String, as type: Truth.Type) async throws
        -> Truth
    {
        let client = BatonHTTPClient(configuration: http(userAgent: "baton-tests"))
        let url = try require(URL(string: baseURL + "/__mock/truth"), "truth URL")
        return try await client.decode(HTTPRequest(.get, url: url), as: Truth.self).0
    }
}

extension C1ZSnapshot {
    /// A readable account of how the snapshot's resource keys (`type:id`) and grant ids differ from
    /// `expected`, naming a few of each; nil when they are equal.
    public func keyDifferences(from expected: (resources: Set<String>, grants: Set<String>)) -> String? {
        var lines: [String] = []
        for (kind, actual, wanted) in [
            ("resources", Set(resources.keys), expected.resources), ("grants", Set(grants.keys), expected.grants),
        ] where actual != wanted {
            lines.append(
                "\(kind): missing \(wanted.subtracting(actual).sorted().prefix(5)), "
                    + "extra \(actual.subtracting(wanted).sorted().prefix(5))")
        }
        return lines.isEmpty ? nil : lines.joined(separator: "; ")
    }

    /// Expects exactly `expected`'s resource keys and grant ids, naming a few differences when they differ.
    public func expectKeys(
        _ expected: (resources: Set<String>, grants: Set<String>), sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let differences = keyDifferences(from: expected)
        #expect(differences == nil, "\(differences ?? "")", sourceLocation: sourceLocation)
    }
}

/// `#require` outside a test function body.
public func require<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw HarnessError(message: "missing \(what)") }
    return value
}

/// A test harness step that could not run.
public struct HarnessError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}
