/// A mocked service that `baton-mock` serves with the shared options alone (size, seed, port, token,
/// faults, rate limit, page cap): `baton-mock <commandName>`. Listing the type in `baton-mock`'s
/// `commandLineMocks` is all it takes; services with options of their own keep a hand-written command.
public protocol CommandLineMock: MockService {
    /// The `baton-mock` subcommand, the connector's lower-kebab name (`acme`).
    static var commandName: String { get }
    /// One line for `baton-mock --help`.
    static var abstract: String { get }
    /// A mock over a tenant generated from `size` and `seed`.
    init(size: TenantSize, seed: UInt64)
    /// One line describing the generated tenant, printed at start.
    var tenantSummary: String { get }
}
