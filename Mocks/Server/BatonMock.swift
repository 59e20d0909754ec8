import ArgumentParser
import Foundation
import Logging
import MockGitHub
import MockKit
import MockOkta

/// `baton-mock <service> [options]`: serve a mocked service on loopback until SIGINT/SIGTERM.
@main
struct BatonMock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton-mock",
        abstract: "Serve a mocked identity service with a generated tenant on 127.0.0.1.",
        discussion: """
            The first line printed is the base URL. Besides the service's API, the server answers
            GET /__mock/truth (the tenant as JSON), GET /__mock/stats (request counts per route) and
            POST /__mock/reset (restore the generated tenant).
            """,
        subcommands: [OktaCommand.self, JiraCommand.self, GitHubCommand.self]
            + commandLineMocks.map(command(serving:))
            + [RegistryCommand.self, ConductorOneCommand.self, HostileCommand.self])
}

/// Options every service shares.
struct ServerOptions: ParsableArguments {
    @Option(help: "Tenant size: tiny, small, large, or counts like users=1000,groups=50,memberships=4000.")
    var size = "small"
    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080
    @Option(help: "Address to bind (loopback).")
    var host = "127.0.0.1"
    @Option(help: "The secret the mock accepts (API token), instead of the documented default.")
    var token: String?
    @Option(name: .customLong("latency-ms"), help: "Fixed delay per request, in milliseconds.")
    var latencyMs = 0
    @Option(name: .customLong("jitter-ms"), help: "Extra random delay per request, 0...N milliseconds.")
    var jitterMs = 0
    @Option(name: .customLong("fault-rate"), help: "Probability (0...1) of an injected fault per request.")
    var faultRate = 0.0
    @Option(name: .customLong("fault-kinds"), help: "Faults to inject: any of 500,502,503,drop,truncate.")
    var faultKinds = "500,502,503,drop,truncate"
    @Option(name: .customLong("rate-limit"), help: "Requests per window, e.g. 600/60s; omit for no limit.")
    var rateLimit: String?
    @Option(help: "Seed for the tenant, faults and jitter.")
    var seed: UInt64 = 1
    @Option(name: .customLong("page-cap"), help: "Largest page the mock returns, whatever the client asks.")
    var pageCap: Int?
    @Option(name: .customLong("log-level"), help: "Server log level (trace … critical).")
    var logLevel = "warning"

    func validate() throws {
        guard TenantSize(parsing: size) != nil else { throw ValidationError("unknown --size '\(size)'") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be within 0...1") }
        guard FaultKind.parseList(faultKinds) != nil else { throw ValidationError("unknown --fault-kinds") }
        if let rateLimit, RateLimit(parsing: rateLimit) == nil {
            throw ValidationError("--rate-limit must look like 600/60s")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level") }
    }

    var tenantSize: TenantSize { TenantSize(parsing: size) ?? .small }

    var mockOptions: MockOptions {
        MockOptions(
            host: host, port: port, seed: seed, latency: .milliseconds(latencyMs), jitter: .milliseconds(jitterMs),
            faultRate: faultRate, faultKinds: FaultKind.parseList(faultKinds) ?? FaultKind.allCases,
            rateLimit: rateLimit.flatMap(RateLimit.init(parsing:)), pageCap: pageCap,
            credentials: token.map { MockCredentials(secret: $0) },
            logLevel: Logger.Level(rawValue: logLevel) ?? .warning)
    }

    /// Serves `service` until a signal, after printing where and how to reach it.
    func serve(_ service: some MockService, options: MockOptions? = nil, summary: String) async throws {
        let server = try await MockServer.start(service, options: options ?? mockOptions, shutdownOnSignals: true)
        var lines = [server.baseURL, "\(service.name) mock: \(summary)"]
        lines += service.credentialHelp().map { "accepts \($0)" }
        lines.append("mock endpoints: GET /__mock/truth, GET /__mock/stats, POST /__mock/reset; Ctrl-C stops")
        // Written unbuffered so a script reading the first line sees it at once.
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try await server.waitUntilStopped()
    }
}

struct OktaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "okta", abstract: "Okta Management API: users, groups, admin roles, apps, OAuth tokens.")

    @OptionGroup var server: ServerOptions
    @Option(name: .customLong("org"), help: "Org subdomain, also used for email domains.")
    var orgName = "acme"
    @Option(name: .customLong("oauth-client-id"), help: "Client id of an OAuth service app (private_key_jwt).")
    var oauthClientID: String?
    @Option(name: .customLong("oauth-public-key"), help: "PEM file with that app's public key (RSA or P-256).")
    var oauthPublicKey: String?
    @Option(name: .customLong("oauth-key-id"), help: "The kid its assertions must carry (any when omitted).")
    var oauthKeyID: String?

    func run() async throws {
        var configuration = OktaMockConfiguration(size: server.tenantSize, seed: server.seed, orgName: orgName)
        if let oauthClientID {
            guard let path = oauthPublicKey else { throw ValidationError("--oauth-client-id needs --oauth-public-key") }
            let pem = try String(contentsOfFile: path, encoding: .utf8)
            configuration.oauthClients = [
                OktaOAuthClient(clientID: oauthClientID, publicKey: try JWTPublicKey(pem: pem), keyID: oauthKeyID)
            ]
        }
        let started = ContinuousClock.now
        let mock = OktaMock(configuration: configuration)
        let elapsed = ContinuousClock.now - started
        try await server.serve(
            mock,
            summary: "\(server.tenantSize) tenant, seed \(server.seed), generated in \(elapsed): \(mock.tenantSummary)")
    }
}

/// `baton-mock hostile --mode M`: a server that misbehaves on purpose (for `make chaos`).
struct HostileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostile",
        abstract:
            "A server that answers every GET badly: \(HostileService.Mode.allCases.map(\.rawValue).joined(separator: ", "))."
    )

    @Option(help: "How to misbehave.")
    var mode: String
    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 0
    @Option(help: "The service whose JSON shapes to answer in: okta, github or jira.")
    var service = "okta"
    @Option(name: .customLong("huge-mib"), help: "String length in huge-strings mode, in MiB.")
    var hugeMiB = 64

    func validate() throws {
        guard HostileService.Mode(rawValue: mode) != nil else { throw ValidationError("unknown --mode '\(mode)'") }
        guard HostileService.Dialect(rawValue: service) != nil else {
            throw ValidationError("unknown --service '\(service)'")
        }
    }

    func run() async throws {
        let hostile = HostileService(
            mode: HostileService.Mode(rawValue: mode) ?? .malformedJSON,
            dialect: HostileService.Dialect(rawValue: service) ?? .okta, hugeStringBytes: hugeMiB << 20)
        // No graceful shutdown: it would wait for never-answered requests forever. SIGTERM ends the process.
        let server = try await MockServer.start(
            hostile, options: MockOptions(port: port), shutdownOnSignals: false)
        FileHandle.standardOutput.write(Data("\(server.baseURL)\nhostile mock: \(mode) (\(service))\n".utf8))
        try await server.waitUntilStopped()
    }
}
