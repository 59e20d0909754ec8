import BatonSDK
import Testing

@Suite("PaginationBag: tokens byte-identical to the Go SDK")
struct PaginationBagTests {
    @Test func pushOnEmptyBagHasNullStates() {
        var bag = PaginationBag()
        bag.push(.init(resourceTypeID: "user"))
        #expect(bag.marshal() == #"{"states":null,"current_state":{"type":"user"}}"#)
    }

    @Test func nextReplacesTheTopToken() throws {
        var bag = PaginationBag()
        bag.push(.init(resourceTypeID: "user"))
        try bag.next("abc")
        #expect(bag.marshal() == #"{"states":null,"current_state":{"token":"abc","type":"user"}}"#)
        try bag.next("")
        #expect(bag.marshal() == "")
        #expect(bag.current == nil)
    }

    @Test func nestedPushKeepsStatesBelow() {
        var bag = PaginationBag()
        bag.push(.init(resourceTypeID: "org", resourceID: "1"))
        bag.push(.init(resourceTypeID: "team"))
        #expect(bag.marshal() == #"{"states":[{"type":"org","id":"1"}],"current_state":{"type":"team"}}"#)
        let popped = bag.pop()
        #expect(popped == .init(resourceTypeID: "team"))
        // Pushed then popped: an empty, non-nil slice, which Go writes as [] rather than null.
        #expect(bag.marshal() == #"{"states":[],"current_state":{"type":"org","id":"1"}}"#)
    }

    @Test func urlTokensAreHTMLEscapedLikeGo() throws {
        var bag = PaginationBag()
        bag.push(.init())
        try bag.next("https://x/y?a=1&b=2")
        #expect(bag.marshal() == #"{"states":null,"current_state":{"token":"https://x/y?a=1\u0026b=2"}}"#)
    }

    @Test func nextTokenOnEmptyBagKeepsTheReferenceQuirk() throws {
        var empty = PaginationBag()
        #expect(try empty.nextToken("") == #"{"states":null,"current_state":{}}"#)
        var withCursor = PaginationBag()
        #expect(try withCursor.nextToken("c1") == #"{"states":null,"current_state":{"token":"c1"}}"#)
    }

    @Test func nextTokenPopsFinishedLevels() throws {
        var bag = PaginationBag()
        bag.push(.init(resourceTypeID: "org", resourceID: "1"))
        bag.push(.init(resourceTypeID: "team"))
        #expect(try bag.nextToken("") == #"{"states":[],"current_state":{"type":"org","id":"1"}}"#)
        #expect(try bag.nextToken("") == "")
    }

    @Test func roundTripPreservesNullVersusEmptyStates() throws {
        for token in [
            #"{"states":null,"current_state":{"token":"abc","type":"user"}}"#,
            #"{"states":[],"current_state":{"type":"org","id":"1"}}"#,
            #"{"states":[{"type":"org","id":"1"}],"current_state":{"type":"team"}}"#,
            #"{"states":null,"current_state":{"token":"https://x/y?a=1\u0026b=2"}}"#,
        ] {
            #expect(try PaginationBag(token: token).marshal() == token)
        }
    }

    @Test func emptyTokenIsAnEmptyBag() throws {
        let bag = try PaginationBag(token: "")
        #expect(bag.current == nil)
        #expect(bag.pageToken == "")
    }

    @Test func malformedTokenIsAClearError() {
        for bad in ["{", "not json", #"{"states":3}"#, #"{"current_state":{"token":5}}"#] {
            #expect {
                _ = try PaginationBag(token: bad)
            } throws: { error in
                guard let error = error as? BatonError else { return false }
                return error.code == .invalidArgument && error.message.hasPrefix("page token corrupt: ")
            }
        }
    }

    @Test func nextOnEmptyBagFails() {
        var bag = PaginationBag()
        #expect(throws: BatonError(.invalidArgument, "no active page state")) { try bag.next("x") }
    }
}

@Suite("GoJSON string escaping")
struct GoJSONTests {
    @Test func escapesLikeEncodingJSON() {
        #expect(GoJSON.quote("a<b>&c") == #""a\u003cb\u003e\u0026c""#)
        #expect(GoJSON.quote("q\"b\\") == #""q\"b\\""#)
        #expect(GoJSON.quote("l\nr\rt\t\u{1}\u{8}\u{C}") == #""l\nr\rt\t\u0001\b\f""#)
        #expect(GoJSON.quote("\u{2028}\u{2029}/é") == "\"\\u2028\\u2029/é\"")
    }
}

@Suite("GoJSON indentation")
struct GoJSONIndentTests {
    @Test func escapesHTMLOnlyWhenAsked() {
        #expect(GoJSON.indent(#"{"a":"<&>"}"#) == "{\n  \"a\": \"<&>\"\n}")
        #expect(GoJSON.indent(#"{"a":"<&>"}"#, escapeHTML: true) == "{\n  \"a\": \"\\u003c\\u0026\\u003e\"\n}")
        #expect(GoJSON.indent(#"{"a":"x\"<"}"#, escapeHTML: true) == "{\n  \"a\": \"x\\\"\\u003c\"\n}")
    }
}
