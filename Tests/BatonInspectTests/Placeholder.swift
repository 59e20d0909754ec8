import Testing

@Test func placeholder_BatonInspectTests() { #expect(1 + 1 == 2) }
