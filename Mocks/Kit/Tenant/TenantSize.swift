/// How many objects a generated tenant holds. Each service maps these counts onto its own objects
/// (Okta: users, groups, memberships, apps; GitHub: members, teams, repositories; …).
public struct TenantCounts: Sendable, Hashable {
    /// People and service accounts.
    public var users: Int
    /// Groups (teams), not counting built-in ones such as Okta's "Everyone".
    public var groups: Int
    /// Group memberships in total, not counting built-in groups.
    public var memberships: Int
    /// Applications (repositories, projects).
    public var apps: Int
    /// Direct user-to-app assignments in total.
    public var appAssignments: Int
    /// Users holding an administrative role.
    public var admins: Int

    /// Creates explicit counts.
    public init(users: Int, groups: Int, memberships: Int, apps: Int, appAssignments: Int, admins: Int) {
        self.users = users
        self.groups = groups
        self.memberships = memberships
        self.apps = apps
        self.appAssignments = appAssignments
        self.admins = admins
    }
}

/// A named tenant size, or explicit counts.
///
/// | size  | users  | groups | memberships | apps | app assignments | admins |
/// |-------|--------|--------|-------------|------|-----------------|--------|
/// | tiny  | 10     | 4      | 14          | 3    | 6               | 3      |
/// | small | 200    | 30     | 900         | 20   | 300             | 12     |
/// | large | 50,000 | 5,000  | 500,000     | 500  | 50,000          | 500    |
public enum TenantSize: Sendable, Hashable, CustomStringConvertible {
    /// Hand-checkable: every status and kind of object appears at least once.
    case tiny
    /// About 200 users.
    case small
    /// About 50,000 users, 5,000 groups and 500,000 memberships.
    case large
    /// Explicit counts.
    case custom(TenantCounts)

    /// The counts this size stands for.
    public var counts: TenantCounts {
        switch self {
        case .tiny:
            TenantCounts(users: 10, groups: 4, memberships: 14, apps: 3, appAssignments: 6, admins: 3)
        case .small:
            TenantCounts(users: 200, groups: 30, memberships: 900, apps: 20, appAssignments: 300, admins: 12)
        case .large:
            TenantCounts(
                users: 50_000, groups: 5_000, memberships: 500_000, apps: 500, appAssignments: 50_000, admins: 500)
        case .custom(let counts):
            counts
        }
    }

    /// Parses `tiny`, `small`, `large`, or explicit counts such as
    /// `users=1000,groups=50,memberships=4000,apps=10,appAssignments=500,admins=5` (omitted keys
    /// default to the `small` figures).
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "tiny": self = .tiny
        case "small": self = .small
        case "large": self = .large
        default:
            var counts = TenantSize.small.counts
            for pair in text.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
                guard parts.count == 2, let value = Int(parts[1]), value >= 0 else { return nil }
                switch parts[0].lowercased() {
                case "users": counts.users = value
                case "groups": counts.groups = value
                case "memberships": counts.memberships = value
                case "apps": counts.apps = value
                case "appassignments": counts.appAssignments = value
                case "admins": counts.admins = value
                default: return nil
                }
            }
            self = .custom(counts)
        }
    }

    public var description: String {
        switch self {
        case .tiny: "tiny"
        case .small: "small"
        case .large: "large"
        case .custom(let c):
            "users=\(c.users),groups=\(c.groups),memberships=\(c.memberships),apps=\(c.apps),"
                + "appAssignments=\(c.appAssignments),admins=\(c.admins)"
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
