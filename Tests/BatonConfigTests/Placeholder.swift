import Testing

@Test func placeholder_BatonConfigTests() { #expect(1 + 1 == 2) }
