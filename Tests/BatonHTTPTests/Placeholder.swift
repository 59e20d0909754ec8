import Testing

@Test func placeholder_BatonHTTPTests() { #expect(1 + 1 == 2) }
