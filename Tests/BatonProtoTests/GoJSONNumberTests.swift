import BatonProto
import Testing

/// Numbers as Go's protojson spells them: shortest round-trip digits, plain from 1e-6 to 1e21, no `.0`.
@Suite struct GoJSONNumberTests {
    @Test(arguments: [
        (1.0, "1"), (-1.0, "-1"), (0.0, "0"), (-0.0, "-0"), (0.5, "0.5"), (123.456, "123.456"),
        (12_345_678.9, "12345678.9"), (1e15, "1000000000000000"), (1e16, "10000000000000000"),
        (1e20, "100000000000000000000"), (1e21, "1e+21"), (1.5e22, "1.5e+22"), (1e100, "1e+100"),
        (1e-6, "0.000001"), (1.5e-7, "1.5e-7"), (1e-10, "1e-10"), (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (0.1 + 0.2, "0.30000000000000004"),
        (-2.5e-5, "-0.000025"), (4_294_967_296.0, "4294967296"),
    ])
    func doubleIsSpelledAsGoSpellsIt(value: Double, go: String) {
        #expect(GoJSON.number(value) == go)
    }

    @Test func onlyFractionalNumberTokensAreRespelled() {
        let swift = #"{"a":1.0,"b":"1.0","c":[2.50,1e-07,-3.0E+2],"d":true,"e":12,"f":null,"g":"x\"2.0","h":false}"#
        let go = #"{"a":1,"b":"1.0","c":[2.5,1e-7,-300],"d":true,"e":12,"f":null,"g":"x\"2.0","h":false}"#
        #expect(GoJSON.goNumbers(swift) == go)
        let unchanged = #"{"id":"user:1.0","n":7}"#
        #expect(GoJSON.goNumbers(unchanged) == unchanged)
        // Texts without a digit before `.`, `e` or `E` skip the second pass; the ones with one still get it.
        for text in [#"{"a":"b","c":[1,2],"e":"E."}"#, "", "7", #"{"x":"1e"}"#] {
            #expect(GoJSON.goNumbers(text) == text)
        }
        #expect(GoJSON.goNumbers("[1E2]") == "[100]")
        #expect(GoJSON.goNumbers("[9.50]") == "[9.5]")
    }
}
