import BatonHTTP
import BatonSDK
import Foundation

// The Okta JSON shapes the connector reads. Only the keys it uses are declared; everything else in a
// response is ignored, so new upstream fields never break a sync.

/// `GET /api/v1/users` items (also `/groups/{id}/users`).
struct OktaUser: Decodable, Sendable {
    var id: String
    var status: String?
    var created: String?
    var lastLogin: String?
    var profile: [String: JSONValue]

    init(from decoder: any Swift.Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        created = try container.decodeIfPresent(String.self, forKey: .created)
        lastLogin = try container.decodeIfPresent(String.self, forKey: .lastLogin)
        profile = try container.decodeIfPresent([String: JSONValue].self, forKey: .profile) ?? [:]
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, created, lastLogin, profile
    }

    func profileString(_ key: String) -> String? {
        guard let value = profile[key]?.stringValue, !value.isEmpty else { return nil }
        return value
    }

    var login: String? { profileString("login") }
    var email: String? { profileString("email") }
    var secondEmail: String? { profileString("secondEmail") }
}

/// `GET /api/v1/groups/{id}/users` items as a membership needs them: the id and the addresses the
/// email-domain filter reads. Members come as whole users, ten for every user in a typical tenant;
/// decoding each open-ended profile was a third of a sync's CPU.
struct OktaMember: Decodable, Sendable {
    struct Profile: Decodable, Sendable {
        var login: String?
        var email: String?
        var secondEmail: String?

        init(from decoder: any Swift.Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // Custom schemas may type these oddly; a filter reads them, a sync must not fail on them.
            login = try? container.decodeIfPresent(String.self, forKey: .login)
            email = try? container.decodeIfPresent(String.self, forKey: .email)
            secondEmail = try? container.decodeIfPresent(String.self, forKey: .secondEmail)
        }

        private enum CodingKeys: String, CodingKey {
            case login, email, secondEmail
        }
    }

    var id: String
    var profile: Profile?

    /// The addresses the email-domain filter checks, as for a whole user.
    var addresses: [String?] {
        [profile?.email, profile?.secondEmail, profile?.login].map { $0?.isEmpty == true ? nil : $0 }
    }
}

/// `GET /api/v1/groups?expand=stats` items.
struct OktaGroup: Decodable, Sendable {
    struct Profile: Decodable, Sendable {
        var name: String?
        var description: String?
    }
    struct Stats: Decodable, Sendable {
        var usersCount: Int?
        var appsCount: Int?
    }
    struct Embedded: Decodable, Sendable {
        var stats: Stats?
    }

    var id: String
    var type: String?
    var profile: Profile?
    var embedded: Embedded?

    private enum CodingKeys: String, CodingKey {
        case id, type, profile
        case embedded = "_embedded"
    }
}

/// `GET /api/v1/apps` items.
struct OktaApp: Decodable, Sendable {
    var id: String
    var name: String?
    var label: String?
    var status: String?
    var signOnMode: String?
}

/// `GET /api/v1/apps/{id}/users` items.
struct OktaAppUser: Decodable, Sendable {
    struct Credentials: Decodable, Sendable {
        var userName: String?
    }
    var id: String
    var scope: String?
    var credentials: Credentials?
    var profile: [String: JSONValue]?
}

/// `GET /api/v1/apps/{id}/groups` items.
struct OktaAppGroup: Decodable, Sendable {
    var id: String
}

/// A role assignment from `GET /api/v1/users/{id}/roles` or `/groups/{id}/roles`.
struct OktaRoleAssignment: Decodable, Sendable {
    var id: String
    var type: String?
    var role: String?
    var label: String?
    var status: String?
    var assignmentType: String?

    /// Whether the assignment counts: not INACTIVE, and held the given way (`USER` or `GROUP`).
    func isActive(assignedAs kind: String) -> Bool {
        status != "INACTIVE" && assignmentType == kind
    }
}

/// `GET /api/v1/iam/assignees/users`.
struct OktaRoleAssignees: Decodable, Sendable {
    struct Assignee: Decodable, Sendable {
        var id: String
    }
    var value: [Assignee]
}

/// Okta's error body `{"errorCode","errorSummary","errorCauses":[{"errorSummary"}]}`, and the `BatonError` it
/// maps to. Okta's own code (`E0000007`) decides more than the status: not found, already assigned, no permission.
struct OktaError: Decodable, Sendable {
    struct Cause: Decodable, Sendable {
        var errorSummary: String?
    }
    var errorCode: String?
    var errorSummary: String?
    var errorCauses: [Cause]?

    /// The error body of a refused response; empty when it is not Okta's.
    static func body(_ response: HTTPResponse) -> OktaError {
        (try? JSONDecoder().decode(OktaError.self, from: response.body))
            ?? OktaError(errorCode: nil, errorSummary: nil, errorCauses: nil)
    }

    /// The client's ``BatonHTTPClient/Configuration/errorResponse``: Okta's client errors (not 429, which the
    /// client waits out) become `okta: GET /path: HTTP 404 E0000007 Not found…`.
    static func batonError(_ response: HTTPResponse) -> BatonError? {
        guard (400..<500).contains(response.status), response.status != 429 else { return nil }
        let body = body(response)
        let errorCode = body.errorCode ?? ""
        let code: BatonError.Code =
            switch errorCode {
            case "E0000007", "E0000008": .notFound
            case "E0000006": .permissionDenied
            case "E0000011": .unauthenticated
            default: HTTPStatusMapping.code(for: response.status)
            }
        let summary = body.errorSummary ?? response.reason
        let detail = errorCode.isEmpty ? summary : "\(errorCode) \(summary)"
        return BatonError(
            code, "okta: \(response.method) \(response.url.path): HTTP \(response.status) \(detail)",
            httpStatus: response.status, rateLimit: response.rateLimit)
    }

    /// Whether a refusal says the object does not exist.
    static func isMissing(_ response: HTTPResponse) -> Bool {
        ["E0000007", "E0000008"].contains(body(response).errorCode) || response.status == 404
    }

    /// A refusal test for one Okta error code.
    static func says(_ errorCode: String) -> (HTTPResponse) -> Bool {
        { body($0).errorCode == errorCode }
    }
}

/// Okta timestamps: RFC 3339 with milliseconds (`2024-01-02T03:04:05.000Z`).
enum OktaTime {
    static func parse(_ text: String?) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
