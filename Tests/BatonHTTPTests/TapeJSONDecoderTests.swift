import Foundation
import Testing

@testable import BatonJSON

/// `TapeJSONDecoder` answers on its own only when Foundation's `JSONDecoder()` would give the same value.
@Suite struct TapeJSONDecoderTests {
    struct User: Decodable, Equatable {
        struct Profile: Decodable, Equatable {
            var login: String?
            var email: String?
            var count: Int?
        }
        var id: String
        var status: String?
        var admin: Bool?
        var score: Double?
        var profile: Profile?
        var tags: [String]?
        var extra: [String: JSONValue]?
    }

    enum Answer<T: Equatable>: Equatable {
        case value(T)
        case error(String)
    }

    /// Foundation's answer: the value, or the kind of error (which failing key Foundation reports first
    /// follows dictionary order, which differs between two decodes of the same bytes).
    static func foundation<T: Decodable & Equatable>(_ type: T.Type, _ bytes: [UInt8]) -> Answer<T> {
        do { return .value(try JSONDecoder().decode(type, from: Data(bytes))) } catch {
            return .error(DecodingError.kind(of: error))
        }
    }

    static func tape<T: Decodable & Equatable>(_ type: T.Type, _ bytes: [UInt8]) -> Answer<T> {
        do { return .value(try TapeJSONDecoder.decode(type, from: Data(bytes))) } catch {
            return .error(DecodingError.kind(of: error))
        }
    }

    /// The decoder with its fallback gives Foundation's answer; on its own it gives that answer or refuses.
    static func expectAgreement<T: Decodable & Equatable>(
        _ type: T.Type, _ text: String, ownAnswer: Bool? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let bytes = Array(text.utf8)
        let expected = foundation(type, bytes)
        #expect(tape(type, bytes) == expected, "\(text)", sourceLocation: sourceLocation)
        let own = try? TapeJSONDecoder.decodeWithoutFallback(type, from: Data(bytes))
        if let own { #expect(Answer.value(own) == expected, "\(text)", sourceLocation: sourceLocation) }
        if let ownAnswer { #expect((own != nil) == ownAnswer, "\(text)", sourceLocation: sourceLocation) }
    }

    @Test func pagesOfUsersAreDecodedWithoutFoundation() {
        let page = """
            [ {"id":"u1","status":"ACTIVE","admin":true,"score":150.5,"ignored":{"deep":[1,2,{"x":null}]},
               "profile":{"login":"a@example.com","email":"a@example.com","count":3,"unused":"\\u00e9"},
               "tags":["x","y"],"extra":{"n":1,"s":"t","b":false,"z":null,"a":[1,"2"],"o":{"k":"v"}}},
              {"id":"u2","profile":null,"tags":[],"extra":{}},
              {"id":"\\u0075\\ud83d\\ude00\\n\\"\\\\\\/","status":"é日本"} ]
            """
        Self.expectAgreement([User].self, page, ownAnswer: true)
    }

    @Test func duplicateKeysKeepTheFirstLikeFoundation() {
        Self.expectAgreement(User.self, #"{"id":"first","id":"second"}"#, ownAnswer: true)
        Self.expectAgreement([String: Int].self, #"{"a":1,"a":2,"b":3}"#, ownAnswer: true)
        Self.expectAgreement(User.self, #"{"\u0069d":"escaped key","id":"plain"}"#, ownAnswer: true)
    }

    @Test func numbersFitOrGoToFoundation() {
        Self.expectAgreement([Int].self, "[0, -0, 1, -1, 9223372036854775807, -9223372036854775808]", ownAnswer: true)
        Self.expectAgreement([Int].self, "[1.0, 1e2, -1E+2, 0.5e1]", ownAnswer: false)
        Self.expectAgreement([Int].self, "[1e-400]", ownAnswer: false)
        Self.expectAgreement([Int].self, "[-1e-2]", ownAnswer: false)
        for quirk in ["[0e3]", "[-0.0E-2]", "[0E0]", "[1e-400]", "[-0e1]"] {
            Self.expectAgreement([Double].self, quirk, ownAnswer: false)
        }
        Self.expectAgreement([Int].self, "[9223372036854775808]", ownAnswer: false)
        Self.expectAgreement([Int].self, "[1.5]", ownAnswer: false)
        Self.expectAgreement([UInt8].self, "[255, 256]", ownAnswer: false)
        Self.expectAgreement([UInt].self, "[-1]", ownAnswer: false)
        Self.expectAgreement([Double].self, "[0.1, -0, -0.0, 123456789012345678901234567890, 4.9]", ownAnswer: true)
        Self.expectAgreement([Double].self, "[0.1, -2.5e-3, 1e308]", ownAnswer: false)
        Self.expectAgreement([Double].self, "[1e400]", ownAnswer: false)
    }

    @Test func brokenOrLenientInputIsFoundationsCall() {
        for text in [
            "", " ", "[1,2,]", #"{"id":"x",}"#, "[01]", "[1.]", "[-]", "[NaN]", "[tru]", #"["\u00"]"#, "[\"\u{1}\"]",
            #"{"id":"x"} x"#, #"{"id" "x"}"#, "{\"id\":\"x\"", "[", "]", #"["\q"]"#, "\u{FEFF}[\"bom\"]",
            #"{"id":"\ud800"}"#, #"{"id":"\udc00\ud800"}"#,
            String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
        ] {
            Self.expectAgreement([String].self, text)
            Self.expectAgreement(User.self, text)
        }
    }

    @Test func typeMismatchesAndMissingKeysAreFoundationsErrors() {
        for text in [
            #"{"id":1}"#, #"{"status":"x"}"#, #"{"id":"x","admin":"yes"}"#, #"{"id":"x","admin":1}"#,
            #"{"id":"x","profile":[]}"#, #"{"id":"x","tags":{}}"#, #"{"id":null}"#, #"{"id":"x","score":"1"}"#, "[]",
        ] {
            Self.expectAgreement(User.self, text, ownAnswer: false)
        }
    }

    @Test func invalidUTF8IsNeverAcceptedHere() throws {
        let bytes = Array(#"{"id":"x","skipped":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(throws: (any Error).self) { try TapeJSONDecoder.decodeWithoutFallback(User.self, from: Data(bytes)) }
        #expect(Self.tape(User.self, bytes) == Self.foundation(User.self, bytes))
    }

    @Test func largeObjectsAreLookedUpThroughAnIndex() {
        let members = (0..<200).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
        Self.expectAgreement([String: Int].self, "{" + members + #","k7":-1}"#, ownAnswer: true)
        Self.expectAgreement(User.self, "{" + members + #","id":"late"}"#, ownAnswer: true)
    }

    /// Random documents, and the same documents with bytes changed: whatever the decoder accepts on its
    /// own is exactly what Foundation decodes.
    @Test func randomDocumentsAndTheirMutationsAgreeWithFoundation() throws {
        var generator = SplitMix(seed: 17)
        for _ in 0..<3_000 {
            let document = Self.randomValue(&generator, depth: 0)
            var bytes = Array(document.utf8)
            Self.compare(bytes)
            for _ in 0..<3 where !bytes.isEmpty {
                let position = Int(generator.next() % UInt64(bytes.count))
                bytes[position] = Array(#"{}[]",:0-e."\u1 "#.utf8)[Int(generator.next() % 16)]
                Self.compare(bytes)
            }
        }
    }

    static func compare(_ bytes: [UInt8]) {
        let expected = foundation(JSONValue.self, bytes)
        if let own = try? TapeJSONDecoder.decodeWithoutFallback(JSONValue.self, from: Data(bytes)) {
            #expect(Answer.value(own) == expected, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(tape(JSONValue.self, bytes) == expected)
    }

    static func randomValue(_ generator: inout SplitMix, depth: Int) -> String {
        let space = [" ", "", "\n", "\t"][Int(generator.next() % 4)]
        switch generator.next() % (depth > 4 ? 5 : 7) {
        case 0: return "null"
        case 1: return generator.next() % 2 == 0 ? "true" : "false"
        case 2:
            return ["0", "-1", "3.25", "1e3", "-0.5E-2", "123456789", "9007199254740993"][Int(generator.next() % 7)]
        case 3, 4:
            return "\""
                + ["plain", "é", "\\n\\t", "\\u00e9\\ud83d\\ude00", "\\\"q\\\"", "", "a\\/b"][Int(generator.next() % 7)]
                + "\""
        case 5:
            let count = Int(generator.next() % 4)
            return "[" + space
                + (0..<count).map { _ in randomValue(&generator, depth: depth + 1) }
                .joined(separator: "," + space) + "]"
        default:
            let count = Int(generator.next() % 4)
            return "{"
                + (0..<count).map { _ in
                    "\"k\(generator.next() % 3)\"" + space + ":" + randomValue(&generator, depth: depth + 1)
                }.joined(separator: ",") + space + "}"
        }
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
