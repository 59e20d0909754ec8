import BatonHTTP
import BatonSDK
import Foundation

/// The Jira REST shapes the connector reads; every field it does not need is left out.

/// A user as `/users/search`, `/group/member` and `/user/viewissue/search` return it.
struct JiraUser: Decodable, Sendable {
    var accountId: String
    var accountType: String?
    var emailAddress: String?
    var displayName: String?
    var active: Bool?
}

/// Jira's paged envelope (`/group/bulk`, `/group/member`, `/project/search`).
struct JiraPaged<Value: Decodable & Sendable>: Decodable, Sendable {
    var startAt: Int?
    var maxResults: Int?
    var total: Int?
    var isLast: Bool?
    var values: [Value]
}

struct JiraGroup: Decodable, Sendable {
    var name: String
    var groupId: String?
}

struct JiraProject: Decodable, Sendable {
    struct Lead: Decodable, Sendable {
        var accountId: String?
    }

    var id: String
    var key: String
    var name: String
    var description: String?
    var projectTypeKey: String?
    var lead: Lead?
    /// Role name → `…/project/{id}/role/{roleId}` URL.
    var roles: [String: String]?
}

struct JiraRole: Decodable, Sendable {
    struct Actor: Decodable, Sendable {
        struct ActorUser: Decodable, Sendable {
            var accountId: String?
        }
        struct ActorGroup: Decodable, Sendable {
            var name: String?
            var groupId: String?
        }

        var type: String?
        var actorUser: ActorUser?
        var actorGroup: ActorGroup?
    }

    var id: Int
    var name: String
    var description: String?
    var actors: [Actor]?
}

/// Jira's error body `{"errorMessages":[…],"errors":{…}}`, and the `BatonError` it maps to.
struct JiraError: Decodable, Sendable {
    var errorMessages: [String]?
    var errors: [String: String]?

    /// The messages of a refused response; none when its body is not Jira's JSON.
    static func messages(_ response: HTTPResponse) -> [String] {
        guard response.hasJSONContentType, let body = try? JSONDecoder().decode(JiraError.self, from: response.body)
        else { return [] }
        return (body.errorMessages ?? []) + (body.errors ?? [:]).sorted { $0.key < $1.key }.map(\.value)
    }

    /// The client's ``BatonHTTPClient/Configuration/errorResponse``: Jira's client errors (not 429, which the
    /// client waits out) become `jira: POST /rest/…: HTTP 400 <messages>`.
    static func batonError(_ response: HTTPResponse) -> BatonError? {
        guard (400..<500).contains(response.status), response.status != 429 else { return nil }
        let messages = messages(response)
        let detail = messages.isEmpty ? response.reason : messages.joined(separator: "; ")
        return BatonError(
            HTTPStatusMapping.code(for: response.status),
            "jira: \(response.method) \(response.url.path): HTTP \(response.status) "
                + detail.replacingOccurrences(of: "\n", with: " "),
            httpStatus: response.status, rateLimit: response.rateLimit)
    }

    /// A refusal test: one of the messages contains `text` (how the reference recognises Jira's answers).
    static func says(_ text: String) -> (HTTPResponse) -> Bool {
        { messages($0).contains { $0.contains(text) } }
    }
}

/// A project as `/project/search` lists it (no lead, no roles).
struct JiraProjectSummary: Decodable, Sendable {
    var id: String
    var key: String
    var name: String
}
