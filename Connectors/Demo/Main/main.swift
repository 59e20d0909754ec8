import BatonCLI
import DemoConnector

// The demo has no settings of its own, so the definition lives here rather than in DemoConnector (which would
// otherwise need BatonCLI). Every run starts from the seeded in-memory directory.
let definition = ConnectorDefinition(
    name: "baton-demo", version: "0.1.0",
    summary: "baton-demo syncs an in-memory demo directory: users, nested groups, roles and an app.",
    displayName: "Baton Demo"
) { _, _ in DemoConnector() }

await ConnectorCommand.main(definition)
