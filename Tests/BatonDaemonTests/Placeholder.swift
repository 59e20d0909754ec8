import Testing

@Suite struct BatonDaemonTestsPlaceholder {
    @Test func builds() {}
}
