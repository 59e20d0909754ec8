public import BatonSDK

/// An in-memory connector in the spirit of ConductorOne's baton-demo: users (some disabled, some
/// service accounts), nested groups including a two-group cycle, roles and an app granted to
/// groups, and group-membership provisioning. It needs no network and no credentials, which makes
/// it the sync engine's test subject and the first thing `make demo` runs.
public struct DemoConnector: Connector {
    public let directory: DemoDirectory

    public init(directory: DemoDirectory = DemoDirectory()) {
        self.directory = directory
    }

    public func metadata() async throws -> C1_Connector_V2_ConnectorMetadata {
        var metadata = C1_Connector_V2_ConnectorMetadata()
        metadata.displayName = "Baton Demo"
        metadata.description_p = "An in-memory demo directory for trying baton-swift without a service account."
        return metadata
    }

    public func validate() async throws -> Annotations { [] }

    public var resourceSyncers: [any ResourceSyncer] {
        [
            UserSyncer(directory: directory),
            GroupSyncer(directory: directory),
            RoleSyncer(directory: directory),
            AppSyncer(directory: directory),
        ]
    }
}
