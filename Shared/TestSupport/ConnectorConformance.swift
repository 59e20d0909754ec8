public import BatonSDK
import Foundation
import Synchronization
public import Testing

/// How the service behind a conformance check behaves.
public enum ServiceCondition: Sendable, Equatable {
    /// Answers every request.
    case clean
    /// Fails 10% of requests (5xx, dropped or truncated answers) and allows 40 requests a second: a
    /// sync must still give exactly what a clean one gives.
    case hostile

    /// The share of requests that fail.
    public var faultRate: Double { self == .hostile ? 0.1 : 0 }
    /// Requests allowed per second; nil for no limit.
    public var requestsPerSecond: Int? { self == .hostile ? 40 : nil }
    /// The seed of the faults, so a failing run can be repeated.
    public var seed: UInt64 { 42 }
}

/// A connector and the service (usually a mock on `Mocks/Kit`) it is checked against.
///
/// ```swift
/// struct AcmeSubject: ConformanceSubject {
///     func withService<R: Sendable>(_ condition: ServiceCondition, _ body: (String) async throws -> R) async throws -> R {
///         try await MockServer.withRunning(AcmeMock(size: .small), options: condition.mockOptions) { try await body($0.baseURL) }
///     }
///     func connector(baseURL: String) throws -> AcmeConnector { … }
///     func expected(baseURL: String) async throws -> ConformanceExpectation { … from /__mock/truth … }
/// }
/// ```
public protocol ConformanceSubject: Sendable {
    associatedtype Subject: Connector
    /// Serves a freshly generated service in `condition` for the body, which gets its base URL.
    func withService<Result: Sendable>(_ condition: ServiceCondition, _ body: (String) async throws -> Result)
        async throws -> Result
    /// The connector pointed at the service at `baseURL`.
    func connector(baseURL: String) throws -> Subject
    /// What a sync of the service at `baseURL` must hold, from the service's own account (the mock's truth).
    func expected(baseURL: String) async throws -> ConformanceExpectation
}

/// Resource keys (`type:id`) and grant ids (`type:id:slug:principalType:principalID`) a sync must hold exactly.
public struct ConformanceExpectation: Sendable, Equatable {
    public var resources: Set<String>
    public var grants: Set<String>

    public init(resources: Set<String>, grants: Set<String>) {
        self.resources = resources
        self.grants = grants
    }

    /// The expectation a connector's truth helper computes (`JiraTruth.expected()`).
    public init(_ keys: (resources: Set<String>, grants: Set<String>)) {
        self.init(resources: keys.resources, grants: keys.grants)
    }
}

/// The checks every connector passes against its mock. Each is one function, so a connector's tests can
/// give each its own `@Test`; ``all(_:)`` runs them in turn.
public enum ConnectorConformance {
    /// Every check.
    public static func all(_ subject: some ConformanceSubject) async throws {
        try await syncEqualsTruth(subject)
        try await grantsReferToSyncedObjects(subject)
        try await idsFollowReferenceFormats(subject)
        try await pageTokensEnd(subject)
        try await twoSyncsAreIdentical(subject)
        try await faultsAndRateLimitsChangeNothing(subject)
        try await provisioningRoundTrips(subject)
    }

    /// The c1z holds exactly the service's resources and grants.
    public static func syncEqualsTruth(
        _ subject: some ConformanceSubject, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await subject.withService(.clean) { baseURL in
            let expected = try await subject.expected(baseURL: baseURL)
            #expect(!expected.resources.isEmpty, "the service has nothing to sync", sourceLocation: sourceLocation)
            let snapshot = try await ConnectorHarness.sync(try subject.connector(baseURL: baseURL))
            snapshot.expectKeys((expected.resources, expected.grants), sourceLocation: sourceLocation)
        }
    }

    /// Every grant's entitlement and principal, and every entitlement's resource, are in the same sync.
    public static func grantsReferToSyncedObjects(
        _ subject: some ConformanceSubject, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let snapshot = try await cleanSync(subject)
        for (id, grant) in try snapshot.decodedGrants() {
            #expect(
                snapshot.entitlements[grant.entitlement.id] != nil, "grant \(id): entitlement not synced",
                sourceLocation: sourceLocation)
            #expect(
                snapshot.resources[BatonID.resourceExternalID(grant.principal.id)] != nil,
                "grant \(id): principal not synced", sourceLocation: sourceLocation)
        }
        for (id, data) in snapshot.entitlements {
            let entitlement = try Entitlement(serializedBytes: data)
            #expect(
                snapshot.resources[BatonID.resourceExternalID(entitlement.resource.id)] != nil,
                "entitlement \(id): resource not synced", sourceLocation: sourceLocation)
        }
    }

    /// Ids are the reference's: an entitlement's is `type:id:slug`, a grant's `entitlement:principalType:principalID`,
    /// and every resource's type is a synced resource type.
    public static func idsFollowReferenceFormats(
        _ subject: some ConformanceSubject, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let snapshot = try await cleanSync(subject)
        for (key, data) in snapshot.resources {
            let resource = try Resource(serializedBytes: data)
            #expect(
                snapshot.resourceTypes[resource.id.resourceType] != nil, "\(key): undeclared type",
                sourceLocation: sourceLocation)
        }
        for (id, data) in snapshot.entitlements {
            let entitlement = try Entitlement(serializedBytes: data)
            #expect(
                id == BatonID.entitlementID(resource: entitlement.resource.id, slug: entitlement.slug),
                "entitlement id \(id) is not type:id:slug", sourceLocation: sourceLocation)
        }
        for (id, grant) in try snapshot.decodedGrants() {
            #expect(
                id == BatonID.grantID(entitlementID: grant.entitlement.id, principal: grant.principal.id),
                "grant id \(id) is not entitlement:principalType:principalID", sourceLocation: sourceLocation)
        }
    }

    /// No listing hands back a page token it already returned (a loop the engine's "unchanged token"
    /// guard cannot see), and every listing ends within `maxPages` pages.
    public static func pageTokensEnd(
        _ subject: some ConformanceSubject, maxPages: Int = 10_000, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let watch = PageWatch(maxPages: maxPages)
        try await subject.withService(.clean) { baseURL in
            _ = try await ConnectorHarness.sync(PageWatchingConnector(try subject.connector(baseURL: baseURL), watch))
        }
        let problems = watch.problems
        #expect(problems.isEmpty, "\(problems.prefix(5))", sourceLocation: sourceLocation)
    }

    /// Two syncs of the same service give the same content.
    public static func twoSyncsAreIdentical(
        _ subject: some ConformanceSubject, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let (first, second) = try await subject.withService(.clean) { baseURL in
            let connector = try subject.connector(baseURL: baseURL)
            return (try await ConnectorHarness.sync(connector), try await ConnectorHarness.sync(connector))
        }
        #expect(first == second, "\(second.differences(from: first))", sourceLocation: sourceLocation)
    }

    /// 10% faults and a tight rate limit give the same content as a clean service.
    public static func faultsAndRateLimitsChangeNothing(
        _ subject: some ConformanceSubject, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let clean = try await cleanSync(subject)
        let hostile = try await subject.withService(.hostile) { baseURL in
            try await ConnectorHarness.sync(try subject.connector(baseURL: baseURL))
        }
        #expect(hostile == clean, "\(hostile.differences(from: clean))", sourceLocation: sourceLocation)
    }

    /// For every resource type whose syncer provisions: revoking one direct grant removes it from the next sync,
    /// and granting it back restores the first sync's grants exactly.
    public static func provisioningRoundTrips(
        _ subject: some ConformanceSubject, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await subject.withService(.clean) { baseURL in
            let runtime = try ConnectorRuntime(try subject.connector(baseURL: baseURL))
            let before = try await ConnectorHarness.sync(runtime.connector)
            let grants = try before.decodedGrants().values.sorted { $0.id < $1.id }
            for type in runtime.resourceTypes
            where (try? runtime.syncer(for: type.id)) is any ResourceProvisioner {
                guard
                    let grant = grants.first(where: {
                        $0.entitlement.resource.id.resourceType == type.id && $0.sources.sources.isEmpty
                    })
                else { continue }
                _ = try await runtime.revoke(grant)
                let revoked = try await ConnectorHarness.sync(runtime.connector)
                #expect(
                    revoked.grants[grant.id] == nil, "\(grant.id) survived its revoke", sourceLocation: sourceLocation)
                _ = try await runtime.grant(grant.entitlement, to: grant.principal)
                let restored = try await ConnectorHarness.sync(runtime.connector)
                #expect(
                    Set(restored.grants.keys) == Set(before.grants.keys), "granting \(grant.id) back",
                    sourceLocation: sourceLocation)
            }
        }
    }

    private static func cleanSync(_ subject: some ConformanceSubject) async throws -> C1ZSnapshot {
        try await subject.withService(.clean) { baseURL in
            try await ConnectorHarness.sync(try subject.connector(baseURL: baseURL))
        }
    }
}

/// The page tokens each listing returned, and the problems seen.
final class PageWatch: Sendable {
    private struct State {
        var tokens: [String: Set<String>] = [:]
        var problems: [String] = []
    }
    private let state = Mutex(State())
    let maxPages: Int

    init(maxPages: Int) { self.maxPages = maxPages }

    var problems: [String] { state.withLock { $0.problems } }

    func record(_ listing: String, next: String) {
        guard !next.isEmpty else { return }
        state.withLock { state in
            let (inserted, _) = state.tokens[listing, default: []].insert(next)
            if !inserted { state.problems.append("\(listing): token \(next.prefix(80)) returned twice") }
            if state.tokens[listing, default: []].count == maxPages {
                state.problems.append("\(listing): more than \(maxPages) pages")
            }
        }
    }
}

/// A connector whose syncers report every page token to a ``PageWatch``.
struct PageWatchingConnector<Base: Connector>: Connector {
    let base: Base
    let watch: PageWatch

    init(_ base: Base, _ watch: PageWatch) {
        self.base = base
        self.watch = watch
    }

    func metadata() async throws -> C1_Connector_V2_ConnectorMetadata { try await base.metadata() }
    func validate() async throws -> Annotations { try await base.validate() }
    var resourceSyncers: [any ResourceSyncer] {
        base.resourceSyncers.map { PageWatchingSyncer(base: $0, watch: watch) }
    }
}

struct PageWatchingSyncer: ResourceSyncer {
    let base: any ResourceSyncer
    let watch: PageWatch
    var resourceType: ResourceType { base.resourceType }

    func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
        let page = try await base.list(parent: parent, request: request)
        watch.record(
            "list \(resourceType.id) under \(parent.map(BatonID.resourceExternalID) ?? "-")", next: page.nextPageToken)
        return page
    }

    func entitlements(of resource: Resource, request: PageRequest) async throws -> Page<Entitlement> {
        let page = try await base.entitlements(of: resource, request: request)
        watch.record("entitlements of \(BatonID.resourceExternalID(resource.id))", next: page.nextPageToken)
        return page
    }

    func grants(of resource: Resource, request: PageRequest) async throws -> Page<Grant> {
        let page = try await base.grants(of: resource, request: request)
        watch.record("grants of \(BatonID.resourceExternalID(resource.id))", next: page.nextPageToken)
        return page
    }
}
