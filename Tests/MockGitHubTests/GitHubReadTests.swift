import Foundation
import MockGitHub
import MockKit
import MockTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// Reads, paging, the GHES prefix and the headers every response carries.
@Suite("GitHub mock reads")
struct GitHubReadTests {
    @Test func sameSeedSameTenantAndEveryCaseInTiny() throws {
        let first = GitHubMock(size: .tiny, seed: 3).truth()
        let again = GitHubMock(size: .tiny, seed: 3).truth()
        let other = GitHubMock(size: .tiny, seed: 4).truth()
        #expect(first == again)
        #expect(first != other)
        let truth = try JSONValue(parsing: first.readableBytesView)
        let main = try #require(truth["orgs"]?.arrayValue?.first)
        #expect(main["viewerRole"]?.stringValue == "admin")
        #expect(truth["orgs"]?.arrayValue?.last?["viewerRole"]?.stringValue == "member")
        let repos = main["repos"]?.arrayValue ?? []
        let levels = Set(
            repos.flatMap { ($0["directCollaborators"]?.arrayValue ?? []).compactMap { $0["permission"]?.stringValue } }
        )
        #expect(levels == ["pull", "triage", "push", "maintain", "admin"])
        #expect(repos.contains { $0["archived"]?.boolValue == true })
        #expect((main["teams"]?.arrayValue ?? []).contains { $0["parent"]?.intValue != nil })
        let invitations = main["invitations"]?.arrayValue ?? []
        let outside = main["outsideCollaborators"]?.arrayValue ?? []
        #expect(!invitations.isEmpty)
        #expect(!outside.isEmpty)
    }

    @Test func pagesFollowLinkHeadersAtTheRootAndUnderAPIv3() async throws {
        try await MockServer.withRunning(GitHubMock(size: .small)) { server in
            let client = GitHubTestClient(baseURL: server.baseURL)
            let truth = try await client.truth()
            let members = (truth["orgs"]?.arrayValue?.first?["members"]?.arrayValue ?? []).ids
            #expect(members.count > 100)

            let first = try await client.get("/orgs/acme/members")
            #expect(try first.json().arrayValue?.count == 30)
            let last = try #require(first.links["last"])
            #expect(last.contains("page=\((members.count + 29) / 30)"))
            #expect(try await client.all("/orgs/acme/members?per_page=7").ids == members)
            #expect(try await client.get("/orgs/acme/members?per_page=500").json().arrayValue?.count == 100)

            let prefixed = try await client.get("/api/v3/orgs/acme/members?per_page=7")
            #expect(prefixed.links["next"]?.hasPrefix(server.baseURL + "/api/v3/orgs/acme/members?") == true)
            #expect(try await client.all("/api/v3/orgs/acme/members?per_page=9").ids == members)
            let admins = try await client.all("/orgs/acme/members?role=admin")
            let adminIDs = (truth["orgs"]?.arrayValue?.first?["members"]?.arrayValue ?? [])
                .filter { $0["role"]?.stringValue == "admin" }.ids
            #expect(admins.ids == adminIDs)
        }
    }

    @Test func everyResponseCarriesRateLimitHeaders() async throws {
        try await MockServer.withRunning(GitHubMock(size: .tiny)) { server in
            let client = GitHubTestClient(baseURL: server.baseURL)
            for path in ["/orgs/acme", "/orgs/acme/teams", "/orgs/nope"] {
                let reply = try await client.get(path)
                for name in ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Used"] {
                    #expect(reply.headers.first(name: name).flatMap { Int($0) } != nil, "\(path) \(name)")
                }
                #expect(reply.headers.first(name: "X-RateLimit-Resource") == "core")
            }
        }
    }

    @Test func primaryAndSecondaryLimitsAnswerLikeGitHub() async throws {
        let limit = RateLimit(count: 2, windowSeconds: 3600)
        for style in GitHubRateLimitStyle.allCases {
            let mock = GitHubMock(configuration: .init(size: .tiny, rateLimitStyle: style))
            try await MockServer.withRunning(mock, options: MockOptions(rateLimit: limit)) { server in
                let client = GitHubTestClient(baseURL: server.baseURL)
                _ = try await client.get("/orgs/acme")
                let ok = try await client.get("/orgs/acme")
                #expect(ok.status == 200)
                #expect(ok.headers.first(name: "X-RateLimit-Remaining") == "0")
                let rejected = try await client.get("/orgs/acme")
                let body = try rejected.json()
                switch style {
                case .primary:
                    #expect(rejected.status == 403)
                    #expect(rejected.headers.first(name: "X-RateLimit-Remaining") == "0")
                    #expect(body["message"]?.stringValue?.hasPrefix("API rate limit exceeded") == true)
                case .secondary403, .secondary429:
                    #expect(rejected.status == (style == .secondary403 ? 403 : 429))
                    #expect(rejected.headers.first(name: "Retry-After").flatMap { Int($0) } != nil)
                    #expect(body["documentation_url"]?.stringValue?.hasSuffix("secondary-rate-limits") == true)
                }
            }
        }
    }

    @Test func collaboratorsByAffiliationAndTeamsOfARepo() async throws {
        try await MockServer.withRunning(GitHubMock(size: .small)) { server in
            let client = GitHubTestClient(baseURL: server.baseURL)
            let truth = try await client.truth()
            let repo = try #require(truth["orgs"]?.arrayValue?.first?["repos"]?.arrayValue?.first)
            let name = try #require(repo["name"]?.stringValue)
            let all = try await client.all("/repos/acme/\(name)/collaborators?affiliation=all")
            #expect(all.ids == (repo["collaborators"]?.arrayValue ?? []).ids)
            let direct = try await client.all("/repos/acme/\(name)/collaborators?affiliation=direct")
            #expect(direct.ids == (repo["directCollaborators"]?.arrayValue ?? []).ids)
            for entry in all {
                let permissions = try #require(entry["permissions"]?.objectValue)
                #expect(permissions["pull"]?.boolValue == true)
                #expect(entry["role_name"]?.stringValue != nil)
            }
            let teams = try await client.all("/repos/acme/\(name)/teams")
            #expect(teams.ids == (repo["teams"]?.arrayValue ?? []).ids)
            let byID = try await client.get("/repositories/\(try #require(repo["id"]?.intValue))")
            #expect(try byID.json()["organization"]?["login"]?.stringValue == "acme")
        }
    }

    @Test func graphQLAnswersTheSAMLQueries() async throws {
        for saml in [false, true] {
            let mock = GitHubMock(configuration: .init(size: .tiny, saml: saml))
            try await MockServer.withRunning(mock) { server in
                let client = GitHubTestClient(baseURL: server.baseURL)
                let probeQuery =
                    "query($orgLoginName:String!){organization(login: $orgLoginName){"
                    + "samlIdentityProvider{id}}}"
                let probe = #"{"query":"\#(probeQuery)","variables":{"orgLoginName":"acme"}}"#
                let reply = try await client.send(.POST, "/api/graphql", json: probe)
                let provider = try reply.json()["data"]?["organization"]?["samlIdentityProvider"]
                #expect((provider?.isNull ?? true) == !saml)
                guard saml else { return }
                let login = try #require(
                    try await client.get("/orgs/acme/members").json().arrayValue?.first?["login"]?.stringValue)
                let text =
                    "query($orgLoginName:String!$userName:String!){organization(login: $orgLoginName){"
                    + "samlIdentityProvider{ssoUrl,externalIdentities(first: 1, login: $userName){edges{node{"
                    + "samlIdentity{nameId,emails{value}},user{login}}}}}},rateLimit{limit,cost,remaining,resetAt}}"
                let query = #"{"query":"\#(text)","variables":{"orgLoginName":"acme","userName":"\#(login)"}}"#
                let answer = try await client.send(.POST, "/graphql", json: query).json()
                let edge = answer["data"]?["organization"]?["samlIdentityProvider"]?["externalIdentities"]?["edges"]?
                    .arrayValue?.first
                #expect(edge?["node"]?["user"]?["login"]?.stringValue == login)
                #expect(edge?["node"]?["samlIdentity"]?["nameId"]?.stringValue?.hasPrefix(login + "@") == true)
                #expect(answer["data"]?["rateLimit"]?["remaining"]?.intValue != nil)
            }
        }
    }
}
