import BatonSDK
import Synchronization

/// Lets a test wait until a connector call is stuck.
final class StallGate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
    }

    /// Called by the stalled call.
    func stall() { continuation.yield() }

    /// Returns once a call has stalled.
    func waitUntilStalled() async {
        for await _ in stream { return }
    }
}

/// The demo connector whose group listing hangs (until cancelled) once users have been listed: a sync that is
/// interrupted half-way.
struct StallingConnector: Connector {
    let inner: any Connector
    let gate: StallGate

    func metadata() async throws -> C1_Connector_V2_ConnectorMetadata { try await inner.metadata() }
    func validate() async throws -> Annotations { try await inner.validate() }
    var resourceSyncers: [any ResourceSyncer] {
        inner.resourceSyncers.map { syncer in
            syncer.resourceType.id == "group" ? Stalling(inner: syncer, gate: gate) : syncer
        }
    }

    struct Stalling: ResourceSyncer {
        let inner: any ResourceSyncer
        let gate: StallGate
        var resourceType: ResourceType { inner.resourceType }

        func list(parent: ResourceID?, request: PageRequest) async throws -> Page<Resource> {
            gate.stall()
            try await Task.sleep(for: .seconds(3600))
            return try await inner.list(parent: parent, request: request)
        }
    }
}
