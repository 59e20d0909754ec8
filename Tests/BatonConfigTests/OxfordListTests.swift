import Testing

@testable import BatonConfig

@Suite struct OxfordListTests {
    @Test func formatsOneTwoAndMoreItems() {
        #expect(OxfordList.quoted(["a"]) == "('a')")
        #expect(OxfordList.quoted(["a", "b"]) == "('a' and 'b')")
        #expect(OxfordList.quoted(["a", "b", "c"]) == "('a', 'b', and 'c')")
        #expect(OxfordList.quoted(["a", "b", "c", "d"]) == "('a', 'b', 'c', and 'd')")
    }
}
