import Testing

@Test func placeholder_BatonCLITests() { #expect(1 + 1 == 2) }
