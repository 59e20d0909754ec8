import BatonSDK
import Testing

@Suite("Page loop guard")
struct PageLoopGuardTests {
    @Test("a page token that comes back is refused with the loop message")
    func repeatedToken() throws {
        var loopGuard = PageLoopGuard<String>()
        try loopGuard.admit("users", itemIDs: ["1"], next: "t1", what: "list users")
        try loopGuard.admit("users", itemIDs: ["2"], next: "t2", what: "list users")
        let error = #expect(throws: BatonError.self) {
            try loopGuard.admit("users", itemIDs: ["3"], next: "t1", what: "list users")
        }
        #expect(error?.code == .internal)
        #expect(
            error?.message
                == "list users: the connector returned a page token it already returned (t1) - likely a connector bug")
    }

    @Test("the same items on two consecutive pages are refused, whatever the tokens")
    func samePageTwice() throws {
        var loopGuard = PageLoopGuard<Int>()
        try loopGuard.admit(1, itemIDs: ["a", "b"], next: "2", what: "list grants of group:g1")
        let error = #expect(throws: BatonError.self) {
            try loopGuard.admit(1, itemIDs: ["a", "b"], next: "4", what: "list grants of group:g1")
        }
        #expect(error?.message.hasPrefix("list grants of group:g1: the connector returned the same page twice") == true)
    }

    @Test("listings are independent, an ended listing may start again, and empty pages never match")
    func independentListings() throws {
        var loopGuard = PageLoopGuard<String>()
        try loopGuard.admit("a", itemIDs: ["x"], next: "1", what: "a")
        try loopGuard.admit("b", itemIDs: ["x"], next: "1", what: "b")
        try loopGuard.admit("a", itemIDs: [], next: "", what: "a")
        try loopGuard.admit("a", itemIDs: ["x"], next: "1", what: "a")
        try loopGuard.admit("c", itemIDs: [], next: "1", what: "c")
        try loopGuard.admit("c", itemIDs: [], next: "2", what: "c")
    }
}

/// A page token the fuzzer's page-token target (seeded with Int.max) trapped on: `offset + received` overflowed.
@Suite("Fuzz regressions: offset tokens")
struct OffsetPagingFuzzRegressionTests {
    @Test("an offset token beyond the services' range is a corrupt token, not an overflow trap")
    func hugeOffset() throws {
        let error = #expect(throws: BatonError.self) {
            let offset = try OffsetPaging.offset("9223372036854775807")
            _ = OffsetPaging.nextToken(offset: offset, received: 50)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == "page token corrupt: offset 9223372036854775807 is out of range")
        #expect(try OffsetPaging.offset(String(OffsetPaging.maxOffset)) == OffsetPaging.maxOffset)
    }
}
