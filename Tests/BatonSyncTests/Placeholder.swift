import Testing

@Test func placeholder_BatonSyncTests() { #expect(1 + 1 == 2) }
