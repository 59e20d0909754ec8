import Testing

@Test func placeholder_BatonSDKTests() { #expect(1 + 1 == 2) }
