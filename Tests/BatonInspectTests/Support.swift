import BatonInspect
import Foundation
import Testing

/// The Go-written c1z fixtures and what the Go `baton` v0.4.3 printed for them.
///
/// Found through `BATON_FIXTURES_DIR` (the fixtures root or its `c1z` directory) or else at
/// `<repo>/../shared/fixtures/c1z`.
enum Fixtures {
    static let names = ["github-small.sdk-v0.2.14", "github-small.sdk-v0.7.27"]

    static var directory: String {
        if let configured = ProcessInfo.processInfo.environment["BATON_FIXTURES_DIR"], !configured.isEmpty {
            let nested = configured + "/c1z"
            return FileManager.default.fileExists(atPath: nested) ? nested : configured
        }
        // <repo>/Tests/BatonInspectTests/Support.swift → <repo>/../shared/fixtures/c1z
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures/c1z").path
    }

    static func c1z(_ name: String) -> String {
        directory + "/" + name + ".c1z"
    }

    static func expected(_ name: String, _ suffix: String) throws -> String {
        try String(contentsOfFile: directory + "/expected/" + name + "." + suffix, encoding: .utf8)
    }
}

/// Runs `baton` in-process with an empty environment (so the machine's `BATON_*` settings do not leak in).
func baton(_ arguments: String..., environment: [String: String] = [:]) async -> InspectResult {
    await BatonInspect.run(arguments: arguments, environment: environment)
}

/// A fresh directory removed after `body`.
func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-inspect-" + UUID().uuidString)
        .path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// Compares JSON texts as parsed values: object member order and whitespace do not matter, array
/// order does, numbers compare by value.
enum JSONComparison {
    /// Nil when equal, else where the first difference is.
    static func difference(_ actual: String, _ expected: String) throws -> String? {
        let actualValue = try JSONSerialization.jsonObject(with: Data(actual.utf8), options: [.fragmentsAllowed])
        let expectedValue = try JSONSerialization.jsonObject(with: Data(expected.utf8), options: [.fragmentsAllowed])
        return difference(actualValue, expectedValue, path: "$")
    }

    static func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    private static func difference(_ actual: Any, _ expected: Any, path: String) -> String? {
        switch (actual, expected) {
        case (let actual as [String: Any], let expected as [String: Any]):
            for key in Set(actual.keys).union(expected.keys).sorted() {
                guard let actualMember = actual[key] else { return "\(path).\(key) missing" }
                guard let expectedMember = expected[key] else { return "\(path).\(key) unexpected" }
                if let found = difference(actualMember, expectedMember, path: "\(path).\(key)") { return found }
            }
            return nil
        case (let actual as [Any], let expected as [Any]):
            guard actual.count == expected.count else {
                return "\(path) has \(actual.count) items, expected \(expected.count)"
            }
            for (index, (actualItem, expectedItem)) in zip(actual, expected).enumerated() {
                if let found = difference(actualItem, expectedItem, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case (let actual as String, let expected as String):
            return actual == expected ? nil : "\(path): \"\(actual)\" != \"\(expected)\""
        case (is NSNull, is NSNull):
            return nil
        case (let actual as NSNumber, let expected as NSNumber):
            return actual == expected ? nil : "\(path): \(actual) != \(expected)"
        default:
            return "\(path): \(actual) != \(expected)"
        }
    }
}
