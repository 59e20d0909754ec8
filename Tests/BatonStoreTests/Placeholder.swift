import Testing

@Test func placeholder_BatonStoreTests() { #expect(1 + 1 == 2) }
