import Testing

@Suite struct BatonTelemetryTestsPlaceholder {
    @Test func builds() {}
}
