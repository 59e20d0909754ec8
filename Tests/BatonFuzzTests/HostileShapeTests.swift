import BatonHTTP
import BatonSDK
import Foundation
import GitHubConnector
import JiraConnector
import OktaConnector
import Testing

@testable import MockKit

/// `baton-mock hostile` answers in the JSON shape of the service it plays, so that a connector gets past decoding
/// to the guard a mode is about (`make chaos`): its well-formed and huge items decode with the connector's own
/// decoders at the paths the connector asks, and its wrong-types items fail on a type.
@Suite struct HostileShapeTests {
    static let cases: [(HostileService.Dialect, String, String)] = [
        (.okta, "/api/v1/users", "users"), (.okta, "/api/v1/groups", "groups"), (.okta, "/api/v1/apps", "apps"),
        (.github, "/user/orgs", "orgs"), (.github, "/orgs/acme", "organization"),
        (.github, "/user/memberships/orgs/acme", "membership"), (.github, "/orgs/acme/members", "accounts"),
        (.github, "/orgs/acme/teams", "teams"), (.github, "/orgs/acme/repos", "repositories"),
        (.github, "/orgs/acme/organization-roles", "org-roles"), (.github, "/api/v3/orgs/acme", "organization"),
        (.github, "/api/v3/user/orgs", "orgs"),
        (.jira, "/rest/api/3/users/search", "users"), (.jira, "/rest/api/2/user/search", "users"),
        (.jira, "/rest/api/3/group/bulk", "groups"), (.jira, "/rest/api/3/group/member", "group-members"),
        (.jira, "/rest/api/2/project/search", "projects"), (.jira, "/rest/api/2/project/10000", "project"),
        (.jira, "/rest/api/3/project/10000/role/10002", "role"),
    ]

    static func decoder(_ dialect: HostileService.Dialect, _ name: String) throws -> JSONBodyDecoder {
        let all =
            switch dialect {
            case .okta: OktaPageDecoders.all
            case .github: GitHubPageDecoders.all
            case .jira: JiraPageDecoders.all
            }
        return try #require(all.first { $0.name == name })
    }

    @Test(arguments: cases)
    func itemsDecodeAsTheServiceIsDecoded(_ dialect: HostileService.Dialect, _ path: String, _ name: String) throws {
        let shape = HostileShape(dialect: dialect, path: path)
        let decoder = try Self.decoder(dialect, name)
        try decoder.decode(Data(shape.body(item: shape.item).utf8))
        let huge = shape.body(item: shape.hugeItem).replacingOccurrences(of: HostileShape.huge, with: "aaaa")
        try decoder.decode(Data(huge.utf8))
    }

    @Test(arguments: cases.filter { $0.2 != "role" })
    func wrongTypesFailOnAType(_ dialect: HostileService.Dialect, _ path: String, _ name: String) throws {
        let shape = HostileShape(dialect: dialect, path: path)
        let error = #expect(throws: BatonError.self) {
            try Self.decoder(dialect, name).decode(Data(shape.body(item: shape.wrongTypesItem).utf8))
        }
        #expect(error?.message.contains("type mismatch") == true, "\(error?.message ?? "")")
    }
}
