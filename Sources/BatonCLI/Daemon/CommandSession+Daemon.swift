import BatonConfig
import BatonDaemon
import BatonSDK
import BatonService
import BatonSync
import Foundation
import Logging

extension CommandSession {
    /// Daemon mode (`--client-id`/`--client-secret`): takes tasks from ConductorOne until SIGINT or SIGTERM, then
    /// hands back what is unfinished and exits 0.
    func runDaemon() async throws {
        let clientID: C1ClientID
        let secret: C1ClientSecret
        let endpoint: C1Endpoint
        do {
            clientID = try C1ClientID(config.string("client-id"))
            guard !config.string("client-secret").isEmpty else {
                throw CommandError.usage("client-secret is required in service mode")
            }
            secret = try C1ClientSecret(config.string("client-secret"))
            endpoint = try C1Endpoint(clientID: clientID, environment: invocation.environment)
        } catch let error as BatonError {
            throw CommandError.usage(error.message)
        }
        let concurrency = config.int("task-concurrency")
        guard (1...100).contains(concurrency) else {
            throw CommandError.usage("invalid --task-concurrency \(concurrency): expected 1 to 100")
        }

        let temporary = config.string("c1z-temp-dir")
        var settings = DaemonSettings(
            hostID: DaemonSettings.hostID(environment: invocation.environment),
            temporaryDirectory: temporary.isEmpty
                ? (invocation.environment["BATON_TMPDIR"] ?? NSTemporaryDirectory())
                : invocation.absolutePath(temporary),
            package: name, packageVersion: invocation.definition.version)
        // Syncs are resumed from here after a restart: the directory must exist, and hold identity data (0700).
        do {
            try FileManager.default.createDirectory(
                atPath: settings.temporaryDirectory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandError.failure("cannot create the sync directory \(settings.temporaryDirectory): \(error)")
        }
        settings.taskConcurrency = concurrency
        settings.provisioning = config.bool("provisioning")
        var options = try SyncSettings.options(
            config: config, environment: invocation.environment, processors: invocation.processors)
        options.logger = logger
        settings.syncOptions = options

        let tokens = C1TokenSource(clientID: clientID, secret: secret, endpoint: endpoint)
        let client = try C1ServiceClient(
            endpoint: endpoint, tokens: tokens,
            userAgent: "\(clientID.clientName) baton-swift/\(ServedConnector.sdkVersion)")
        logger.info(
            "starting daemon mode",
            metadata: [
                "api_host": "\(endpoint.authority)", "host_id": "\(settings.hostID)",
                "task_concurrency": .stringConvertible(concurrency),
            ])
        let result: Result<Void, any Error>
        do {
            try await withConnector { runtime in
                try await serve(TaskDaemon(runtime: runtime, client: client, settings: settings, logger: logger))
            }
            result = .success(())
        } catch {
            result = .failure(error)
        }
        await client.close()
        if case .failure(let error) = result, !(error is CancellationError) { throw error }
    }

    /// Hello, the health endpoints when asked for, then the task loop until cancelled.
    private func serve(_ daemon: TaskDaemon) async throws {
        do {
            try await daemon.bootstrap()
        } catch is CancellationError {
            return
        }
        var health: HealthCheckServer? = nil
        if config.bool("health-check") {
            let runtime = daemon.runtime
            let host = config.string("health-check-bind-address")
            let port = config.int("health-check-port")
            do {
                health = try await HealthCheckServer.start(
                    host: host.isEmpty ? "127.0.0.1" : host, port: port, logger: logger,
                    validate: { _ = try await runtime.connector.validate() }, isReady: { true })
            } catch {
                throw CommandError.failure("the health-check server cannot listen on \(host):\(port): \(error)")
            }
            logger.info("health-check server listening", metadata: ["port": .stringConvertible(health?.port ?? 0)])
        }
        await daemon.run()
        await health?.stop()
    }
}
