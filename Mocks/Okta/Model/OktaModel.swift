import MockKit

/// Okta user statuses (`status` on a user).
enum OktaUserStatus: String, CaseIterable, Sendable {
    case active = "ACTIVE"
    case staged = "STAGED"
    case provisioned = "PROVISIONED"
    case suspended = "SUSPENDED"
    case deprovisioned = "DEPROVISIONED"
    case lockedOut = "LOCKED_OUT"
    case passwordExpired = "PASSWORD_EXPIRED"
    case recovery = "RECOVERY"
}

/// A user's profile: the default Okta profile attributes the mock generates, plus any other
/// attribute a client sets.
struct OktaProfile: Sendable {
    var firstName: String?
    var lastName: String?
    var displayName: String?
    var email: String?
    var secondEmail: String?
    var login: String
    var mobilePhone: String?
    var employeeNumber: String?
    var department: String?
    var title: String?
    var userType: String?
    /// Attributes outside the list above, as set through the API.
    var extra: [String: JSONValue] = [:]
}

struct OktaUser: Sendable {
    var id: String
    var status: OktaUserStatus
    var created: Timestamp
    var activated: Timestamp?
    var statusChanged: Timestamp?
    var lastLogin: Timestamp?
    var lastUpdated: Timestamp
    var passwordChanged: Timestamp?
    var profile: OktaProfile
    /// Federated users have no Okta password.
    var federated = false
    /// Deleted users stay in the array so cursors keep their position; they are never listed.
    var deleted = false
}

enum OktaGroupType: String, Sendable {
    case okta = "OKTA_GROUP"
    case app = "APP_GROUP"
    case builtIn = "BUILT_IN"
}

struct OktaGroup: Sendable {
    var id: String
    var type: OktaGroupType
    var name: String
    var description: String?
    var created: Timestamp
    var lastUpdated: Timestamp
    var lastMembershipUpdated: Timestamp
    /// Member user indexes, ascending (the order Okta lists them in).
    var members: [Int32]
    var deleted = false
}

struct OktaAppUserAssignment: Sendable {
    var created: Timestamp
    var userName: String
}

struct OktaAppGroupAssignment: Sendable {
    var priority: Int
    var lastUpdated: Timestamp
}

struct OktaApp: Sendable {
    var id: String
    var name: String
    var label: String
    var active: Bool
    var signOnMode: String
    var created: Timestamp
    var lastUpdated: Timestamp
    /// Directly assigned user indexes, ascending.
    var directUsers: [Int32] = []
    var userAssignments: [Int32: OktaAppUserAssignment] = [:]
    /// Assigned group indexes, ascending.
    var groups: [Int32] = []
    var groupAssignments: [Int32: OktaAppGroupAssignment] = [:]
    var deleted = false
}

/// The standard administrator role types and the labels Okta shows for them.
enum OktaRoleType: String, CaseIterable, Sendable {
    case superAdmin = "SUPER_ADMIN"
    case orgAdmin = "ORG_ADMIN"
    case appAdmin = "APP_ADMIN"
    case userAdmin = "USER_ADMIN"
    case helpDeskAdmin = "HELP_DESK_ADMIN"
    case readOnlyAdmin = "READ_ONLY_ADMIN"
    case mobileAdmin = "MOBILE_ADMIN"
    case apiAccessManagementAdmin = "API_ACCESS_MANAGEMENT_ADMIN"
    case reportAdmin = "REPORT_ADMIN"
    case groupMembershipAdmin = "GROUP_MEMBERSHIP_ADMIN"

    var label: String {
        switch self {
        case .superAdmin: "Super Administrator"
        case .orgAdmin: "Organizational Administrator"
        case .appAdmin: "Application Administrator"
        case .userAdmin: "Group Administrator"
        case .helpDeskAdmin: "Help Desk Administrator"
        case .readOnlyAdmin: "Read Only Administrator"
        case .mobileAdmin: "Mobile Administrator"
        case .apiAccessManagementAdmin: "API Access Management Administrator"
        case .reportAdmin: "Report Administrator"
        case .groupMembershipAdmin: "Group Membership Administrator"
        }
    }
}

struct OktaRoleAssignment: Sendable {
    var id: String
    var type: OktaRoleType
    var created: Timestamp
}
