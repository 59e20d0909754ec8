import BatonConfig
import OktaConnector

// Replaced by the BatonCLI command once the cli branch is merged.
print("baton-okta: the command line arrives with BatonCLI; fields: \(OktaConfig.fields.map(\.name))")
