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

/// `{"errorMessages":[…],"errors":{…}}`.
struct JiraErrorBody: Decodable, Sendable {
    var errorMessages: [String]?
    var errors: [String: String]?
}

/// A project as `/project/search` lists it (no lead, no roles).
struct JiraProjectSummary: Decodable, Sendable {
    var id: String
    var key: String
    var name: String
}
