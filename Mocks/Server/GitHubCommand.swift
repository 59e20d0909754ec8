import ArgumentParser
import Foundation
import MockGitHub
import MockKit

struct GitHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "github",
        abstract: "GitHub REST (also under /api/v3) and GraphQL SAML: orgs, teams, repositories, roles, invitations.")

    @OptionGroup var server: ServerOptions
    @Option(name: .customLong("org"), help: "Login of the main organization.")
    var orgLogin = "acme"
    @Flag(help: "Give the main organization a SAML identity provider with an identity per member.")
    var saml = false
    @Option(name: .customLong("app-id"), help: "Id of a GitHub App allowed to mint installation tokens.")
    var appID: String?
    @Option(name: .customLong("app-public-key"), help: "PEM file with that App's RSA public key.")
    var appPublicKey: String?
    @Option(name: .customLong("rate-limit-style"), help: "primary, secondary403 or secondary429.")
    var rateLimitStyle = "primary"

    func run() async throws {
        guard let style = GitHubRateLimitStyle(rawValue: rateLimitStyle) else {
            throw ValidationError("unknown --rate-limit-style '\(rateLimitStyle)'")
        }
        var configuration = GitHubMockConfiguration(
            size: server.tenantSize, seed: server.seed, orgLogin: orgLogin, saml: saml, rateLimitStyle: style)
        if let appID {
            guard let path = appPublicKey else { throw ValidationError("--app-id needs --app-public-key") }
            let pem = try String(contentsOfFile: path, encoding: .utf8)
            configuration.app = GitHubAppRegistration(appID: appID, publicKey: try JWTPublicKey(pem: pem))
        }
        let started = ContinuousClock.now
        let mock = GitHubMock(configuration: configuration)
        let elapsed = ContinuousClock.now - started
        try await server.serve(
            mock,
            summary: "\(server.tenantSize) tenant, seed \(server.seed), generated in \(elapsed): \(mock.tenantSummary)")
    }
}
