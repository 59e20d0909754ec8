import ArgumentParser
import MockJira
import MockKit

struct JiraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jira", abstract: "Jira Cloud REST: users, groups, projects, project roles, provisioning.")

    @OptionGroup var server: ServerOptions
    @Option(help: "Site name (acme for acme.atlassian.net), also used for email domains.")
    var site = "acme"
    @Option(help: "The account email accepted with the API token (Basic auth user name).")
    var email = JiraMock.defaultEmail
    @Option(
        name: .customLong("max-results"),
        help: "Largest page any list returns, whatever maxResults asks for (Jira caps it too).")
    var maxResults: Int?

    func validate() throws {
        if let maxResults, maxResults < 1 { throw ValidationError("--max-results must be at least 1") }
    }

    func run() async throws {
        var options = server.mockOptions
        options.credentials = MockCredentials(username: email, secret: server.token ?? JiraMock.defaultAPIToken)
        if let maxResults { options.pageCap = min(maxResults, options.pageCap ?? maxResults) }
        let started = ContinuousClock.now
        let mock = JiraMock(
            configuration: JiraMockConfiguration(size: server.tenantSize, seed: server.seed, site: site))
        let elapsed = ContinuousClock.now - started
        try await server.serve(
            mock, options: options,
            summary: "\(server.tenantSize) site, seed \(server.seed), generated in \(elapsed): \(mock.tenantSummary)")
    }
}
