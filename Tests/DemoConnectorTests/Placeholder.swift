import Testing

@Test func placeholder_DemoConnectorTests() { #expect(1 + 1 == 2) }
