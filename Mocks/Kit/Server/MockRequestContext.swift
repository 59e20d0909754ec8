public import Hummingbird
public import NIOCore

/// The request context of every mock route.
public struct MockRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    public let channel: any Channel
    /// The request's position among the service's requests (0-based), set by the kit's middleware;
    /// `SplitMix64(seed:stream:)` with it gives per-request randomness that does not depend on timing.
    public var requestIndex: Int

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
        self.requestIndex = -1
    }
}
