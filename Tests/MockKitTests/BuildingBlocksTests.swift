import Foundation
import MockKit
import Testing

@Suite("Kit building blocks")
struct BuildingBlocksTests {
    @Test("SplitMix64 is reproducible per seed and per stream, and stays in range")
    func splitMix() {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        let a = (0..<5).map { _ in first.next() }
        #expect(a == (0..<5).map { _ in second.next() })
        // The reference SplitMix64 sequence for seed 0 starts with this value.
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)

        var streamA = SplitMix64(seed: 7, stream: 3)
        var streamB = SplitMix64(seed: 7, stream: 3)
        var other = SplitMix64(seed: 7, stream: 4)
        let valueA = streamA.next()
        #expect(valueA == streamB.next())
        #expect(valueA != other.next())

        var rng = SplitMix64(seed: 9)
        for _ in 0..<1000 {
            let value = rng.int(below: 7)
            #expect((0..<7).contains(value))
            let unit = rng.unit()
            #expect(unit >= 0 && unit < 1)
        }
        let id = rng.alphanumeric(17)
        #expect(id.count == 17 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    @Test("JSONWriter places commas, escapes strings and round-trips through a JSON parser")
    func jsonWriter() throws {
        var json = JSONWriter()
        json.object { json in
            json.field("name", "Zoë \"Q\" \\ line\nbreak\u{01}")
            json.field("count", -42)
            json.field("none", nil)
            json.field("flag", true)
            json.key("list")
            json.array { json in
                json.int(0)
                json.double(1.5)
                json.object { $0.link("self", href: "http://x/y") }
            }
            json.key("empty")
            json.object { _ in }
        }
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"name":"Zoë \"Q\" \\ line\nbreak\u0001","count":-42,"none":null,"flag":true,"#))
        let parsed = try JSONValue(parsing: json.bytes)
        #expect(parsed["name"]?.stringValue == "Zoë \"Q\" \\ line\nbreak\u{01}")
        #expect(parsed["count"]?.intValue == -42)
        #expect(parsed["none"]?.isNull == true)
        #expect(parsed["list"]?.arrayValue?.count == 3)
        #expect(parsed["list"]?.arrayValue?[2]["self"]?["href"]?.stringValue == "http://x/y")
        #expect(parsed["empty"]?.objectValue?.isEmpty == true)
    }

    @Test("JSONValue rejects invalid JSON and writes objects with sorted keys")
    func jsonValue() throws {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: Array("{nope".utf8)) }
        let value = try JSONValue(parsing: Array(#"{"b":[1,true,null],"a":"x"}"#.utf8))
        var json = JSONWriter()
        json.value(value)
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"a":"x","b":[1,true,null]}"#)
    }

    @Test("query strings decode %XX and +, and replacing keeps the other parameters as sent")
    func queryString() {
        let pairs = QueryString.parse("search=status%20pr&q=a+b&empty=&flag")
        #expect(pairs.map(\.name) == ["search", "q", "empty", "flag"])
        #expect(pairs.map(\.value) == ["status pr", "a b", "", ""])
        #expect(QueryString.decode("100%", plusAsSpace: false) == "100%")
        #expect(QueryString.decode("a+b", plusAsSpace: false) == "a+b")
        #expect(QueryString.encode("status eq \"A\"") == "status%20eq%20%22A%22")
        #expect(
            QueryString.replacing("limit=2&after=old&search=status%20pr", with: [("after", "00u1")])
                == "after=00u1&limit=2&search=status%20pr")
        #expect(QueryString.parseForm(Array("grant_type=client_credentials&scope=a+b".utf8))["scope"] == "a b")
    }

    @Test("sizes and rate limits parse from their command-line forms")
    func parsing() {
        #expect(TenantSize(parsing: "tiny") == .tiny)
        #expect(TenantSize(parsing: "LARGE") == .large)
        #expect(TenantSize.large.counts.users == 50_000)
        #expect(TenantSize.large.counts.groups == 5_000)
        #expect(TenantSize.large.counts.memberships == 500_000)
        let custom = TenantSize(parsing: "users=12, groups=3")
        #expect(custom?.counts.users == 12)
        #expect(custom?.counts.groups == 3)
        #expect(custom?.counts.apps == TenantSize.small.counts.apps)
        #expect(TenantSize(parsing: "users=ten") == nil)
        #expect(TenantSize(parsing: "planets=3") == nil)

        #expect(RateLimit(parsing: "600/60s") == RateLimit(count: 600, windowSeconds: 60))
        #expect(RateLimit(parsing: "100/1m") == RateLimit(count: 100, windowSeconds: 60))
        #expect(RateLimit(parsing: "5000/1h") == RateLimit(count: 5000, windowSeconds: 3600))
        #expect(RateLimit(parsing: "10/5") == RateLimit(count: 10, windowSeconds: 5))
        #expect(RateLimit(parsing: "ten/60s") == nil)
        #expect(RateLimit(parsing: "10/0s") == nil)

        #expect(FaultKind.parseList("500,drop") == [.internalServerError, .drop])
        #expect(FaultKind.parseList("500,teapot") == nil)
    }

    @Test("timestamps format like the APIs print them, before and after 1970 and in leap years")
    func timestamps() {
        #expect(Timestamp(millis: 0).iso8601Millis == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(millis: 1_709_210_096_789).iso8601Millis == "2024-02-29T12:34:56.789Z")
        #expect(Timestamp(millis: 1_709_210_096_789).iso8601 == "2024-02-29T12:34:56Z")
        #expect(Timestamp(millis: -1).iso8601Millis == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp(millis: 4_107_542_400_000).iso8601Millis == "2100-03-01T00:00:00.000Z")
        let now = Timestamp.now()
        let formatted = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(now.epochSeconds)))
        #expect(formatted == now.iso8601)
    }
}
