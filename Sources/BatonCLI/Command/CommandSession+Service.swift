import BatonConfig
import BatonHTTP
import BatonService

extension CommandSession {
    /// `_connector-service`: serves the connector to the parent that started this process, until the parent closes
    /// stdin. Logs go to standard error, which the parent shares.
    func serveConnectorService() async throws -> Int32 {
        let redactor = logging.output.redactor
        try await withConnector { runtime in
            let served = ServedConnector(
                runtime: runtime, provisioning: config.bool("provisioning"), logger: logger,
                redact: { redactor.redact($0) }, cleanup: { await BatonHTTPClient.clearAllCaches() })
            try await ConnectorServiceChild.run(served, environment: invocation.environment)
        }
        return CommandError.ExitCode.success
    }
}
