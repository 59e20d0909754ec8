import Testing

@Suite struct MockConductorOneTestsPlaceholder {
    @Test func builds() {}
}
