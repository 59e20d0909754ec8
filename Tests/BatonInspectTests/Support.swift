import BatonInspect
import BatonTestSupport
import Foundation
import Testing

extension C1ZFixtures {
    /// The text of an expected output, e.g. `expectedText(sdk0_2_14, "stats.txt")`.
    static func expectedText(_ name: String, _ suffix: String) throws -> String {
        try String(contentsOfFile: expectedPath(name, suffix), encoding: .utf8)
    }
}

/// Runs `baton` in-process with an empty environment (so the machine's `BATON_*` settings do not leak in).
func baton(_ arguments: String..., environment: [String: String] = [:]) async -> InspectResult {
    await BatonInspect.run(arguments: arguments, environment: environment)
}

/// A fresh directory, removed after `body`.
func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    let directory = try TemporaryDirectory(prefix: "baton-inspect")
    // Keep the directory (removed when released) alive until `body` is done with it.
    defer { withExtendedLifetime(directory) {} }
    return try await body(directory.path)
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

/// The scalar tokens of a JSON text exactly as spelled (strings and keys with their quotes and escapes,
/// numbers, `true`/`false`/`null`), counted; punctuation and whitespace are dropped.
enum JSONTokens {
    static func count(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var token = ""
        var inString = false
        var escaped = false
        func flush() {
            if !token.isEmpty { counts[token, default: 0] += 1 }
            token = ""
        }
        for character in text {
            if inString {
                token.append(character)
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                    flush()
                }
                continue
            }
            switch character {
            case "\"":
                flush()
                inString = true
                token.append(character)
            case "{", "}", "[", "]", ",", ":", " ", "\n", "\t", "\r":
                flush()
            default:
                token.append(character)
            }
        }
        flush()
        return counts
    }

    /// The tokens `expected` holds more often than `actual` (with how many are missing), sorted.
    static func missing(from actual: String, expected: String) -> [String] {
        let have = count(actual)
        return count(expected).compactMap { token, wanted in
            let found = have[token] ?? 0
            return found < wanted ? "\(token) (\(wanted - found) of \(wanted) missing)" : nil
        }.sorted()
    }
}
