import Foundation
import MockKit

/// Okta's JSON shapes, written key by key in Okta's order.
extension OktaTenant {
    // MARK: Users

    /// Appends one user object. The part up to the profile is cached per user; credentials and
    /// links are added per request because they depend on the request and the base URL.
    mutating func writeUser(_ index: Int32, into json: inout JSONWriter, baseURL: String, omitCredentials: Bool) {
        if userJSONCache[Int(index)] == nil {
            userJSONCache[Int(index)] = encodeUserCore(users[Int(index)])
        }
        // Fields are read in place: copying the whole user would retain every profile string.
        json.rawValue(userJSONCache[Int(index)] ?? [])
        if !omitCredentials {
            json.appendRaw(
                users[Int(index)].federated
                    ? #","credentials":{"provider":{"type":"FEDERATION","name":"FEDERATION"}}"#.utf8
                    : users[Int(index)].passwordChanged != nil
                        ? #","credentials":{"password":{},"provider":{"type":"OKTA","name":"OKTA"}}"#.utf8
                        : #","credentials":{"provider":{"type":"OKTA","name":"OKTA"}}"#.utf8)
        }
        json.appendRaw(#","_links":{"self":{"href":""#.utf8)
        json.appendRaw(baseURL.utf8)
        json.appendRaw("/api/v1/users/".utf8)
        json.appendRaw(users[Int(index)].id.utf8)
        json.appendRaw(#""}}}"#.utf8)
    }

    private func encodeUserCore(_ user: OktaUser) -> [UInt8] {
        var json = JSONWriter(capacity: 768)
        json.beginObject()
        json.field("id", user.id)
        json.field("status", user.status.rawValue)
        json.field("created", user.created.iso8601Millis)
        json.field("activated", user.activated?.iso8601Millis)
        json.field("statusChanged", user.statusChanged?.iso8601Millis)
        json.field("lastLogin", user.lastLogin?.iso8601Millis)
        json.field("lastUpdated", user.lastUpdated.iso8601Millis)
        json.field("passwordChanged", user.passwordChanged?.iso8601Millis)
        json.key("type")
        json.object { $0.field("id", org.userTypeID) }
        json.key("profile")
        writeProfile(user.profile, into: &json)
        // The object stays open: credentials and links follow.
        return json.bytes
    }

    func writeProfile(_ profile: OktaProfile, into json: inout JSONWriter) {
        json.object { json in
            json.field("firstName", profile.firstName)
            json.field("lastName", profile.lastName)
            json.field("mobilePhone", profile.mobilePhone)
            json.field("secondEmail", profile.secondEmail)
            json.field("login", profile.login)
            json.field("email", profile.email)
            if let value = profile.displayName { json.field("displayName", value) }
            if let value = profile.employeeNumber { json.field("employeeNumber", value) }
            if let value = profile.department { json.field("department", value) }
            if let value = profile.title { json.field("title", value) }
            if let value = profile.userType { json.field("userType", value) }
            for key in profile.extra.keys.sorted() {
                json.key(key)
                json.value(profile.extra[key] ?? .null)
            }
        }
    }

    // MARK: Groups

    /// How many apps each group is assigned to (for `_embedded.stats.appsCount`).
    func appCountsByGroup() -> [Int32: Int] {
        var counts: [Int32: Int] = [:]
        for app in apps where !app.deleted {
            for group in app.groups { counts[group, default: 0] += 1 }
        }
        return counts
    }

    func writeGroup(
        _ index: Int32, into json: inout JSONWriter, baseURL: String, stats appCounts: [Int32: Int]?
    ) {
        let group = groups[Int(index)]
        json.object { json in
            json.field("id", group.id)
            json.field("created", group.created.iso8601Millis)
            json.field("lastUpdated", group.lastUpdated.iso8601Millis)
            json.field("lastMembershipUpdated", group.lastMembershipUpdated.iso8601Millis)
            json.key("objectClass")
            json.array { $0.string(group.type == .app ? "okta:windows_security_principal" : "okta:user_group") }
            json.field("type", group.type.rawValue)
            json.key("profile")
            json.object { json in
                json.field("name", group.name)
                json.field("description", group.description)
                if group.type == .app {
                    let account = group.name.lowercased().replacingOccurrences(of: " ", with: "-")
                    json.field("groupType", "Security")
                    json.field("groupScope", "Global")
                    json.field("samAccountName", account)
                    json.field("windowsDomainQualifiedName", "\(org.subdomain.uppercased())\\\(account)")
                    json.field("externalId", group.id.lowercased())
                }
            }
            if let appCounts {
                json.key("_embedded")
                json.object { json in
                    json.key("stats")
                    json.object { json in
                        json.field("usersCount", group.members.count)
                        json.field("appsCount", appCounts[index] ?? 0)
                        json.field("groupPushMappingsCount", 0)
                        json.field("hasAdminPrivilege", !(groupRoles[index] ?? []).isEmpty)
                    }
                }
            }
            json.key("_links")
            json.object { json in
                let base = "\(baseURL)/api/v1/groups/\(group.id)"
                json.link("users", href: "\(base)/users")
                json.link("apps", href: "\(base)/apps")
            }
        }
    }

    // MARK: Apps

    func writeApp(_ index: Int32, into json: inout JSONWriter, baseURL: String) {
        let app = apps[Int(index)]
        json.object { json in
            json.field("id", app.id)
            json.field("name", app.name)
            json.field("label", app.label)
            json.field("status", app.active ? "ACTIVE" : "INACTIVE")
            json.field("lastUpdated", app.lastUpdated.iso8601Millis)
            json.field("created", app.created.iso8601Millis)
            json.key("accessibility")
            json.object { json in
                json.field("selfService", false)
                json.field("errorRedirectUrl", nil)
                json.field("loginRedirectUrl", nil)
            }
            json.key("visibility")
            json.object { json in
                json.field("autoSubmitToolbar", false)
                json.key("hide")
                json.object { json in
                    json.field("iOS", false)
                    json.field("web", app.signOnMode == "OPENID_CONNECT")
                }
            }
            json.key("features")
            json.array { _ in }
            json.field("signOnMode", app.signOnMode)
            json.key("credentials")
            json.object { json in
                json.key("userNameTemplate")
                json.object { json in
                    json.field("template", "${source.login}")
                    json.field("type", "BUILT_IN")
                }
                json.key("signing")
                json.object { _ in }
            }
            json.key("settings")
            json.object { json in
                json.key("app")
                json.object { _ in }
            }
            json.key("_links")
            json.object { json in
                let base = "\(baseURL)/api/v1/apps/\(app.id)"
                json.link("users", href: "\(base)/users")
                json.link("groups", href: "\(base)/groups")
                json.link("deactivate", href: "\(base)/lifecycle/deactivate")
            }
        }
    }

    func writeAppUser(_ app: Int32, _ entry: OktaAppUserEntry, into json: inout JSONWriter, baseURL: String) {
        let user = users[Int(entry.user)]
        let record = apps[Int(app)]
        let assignment = record.userAssignments[entry.user]
        let since = assignment?.created ?? record.created
        json.object { json in
            json.field("id", user.id)
            json.field("externalId", nil)
            json.field("created", since.iso8601Millis)
            json.field("lastUpdated", since.iso8601Millis)
            json.field("scope", entry.direct ? "USER" : "GROUP")
            json.field("status", user.status == .deprovisioned ? "INACTIVE" : "ACTIVE")
            json.field("statusChanged", since.iso8601Millis)
            json.field("passwordChanged", nil)
            json.field("syncState", "DISABLED")
            json.key("credentials")
            json.object { $0.field("userName", assignment?.userName ?? user.profile.email ?? user.profile.login) }
            json.key("profile")
            json.object { json in
                json.field("email", user.profile.email)
                json.field("displayName", user.profile.displayName)
            }
            json.key("_links")
            json.object { json in
                json.link("app", href: "\(baseURL)/api/v1/apps/\(record.id)")
                json.link("user", href: "\(baseURL)/api/v1/users/\(user.id)")
            }
        }
    }

    func writeAppGroup(_ app: Int32, _ group: Int32, into json: inout JSONWriter, baseURL: String) {
        let record = apps[Int(app)]
        let assignment = record.groupAssignments[group]
        json.object { json in
            json.field("id", groups[Int(group)].id)
            json.field("lastUpdated", (assignment?.lastUpdated ?? record.created).iso8601Millis)
            json.field("priority", assignment?.priority ?? 0)
            json.key("profile")
            json.object { _ in }
            json.key("_links")
            json.object { json in
                json.link("app", href: "\(baseURL)/api/v1/apps/\(record.id)")
                json.link("group", href: "\(baseURL)/api/v1/groups/\(groups[Int(group)].id)")
            }
        }
    }

    // MARK: Roles

    /// One role assignment; `assignee` is the user or group path segment and id it is linked to.
    func writeRoleAssignment(
        _ role: OktaRoleAssignment, viaGroup: Bool, assignee: String, into json: inout JSONWriter, baseURL: String
    ) {
        json.object { json in
            json.field("id", role.id)
            json.field("label", role.type.label)
            json.field("type", role.type.rawValue)
            json.field("status", "ACTIVE")
            json.field("created", role.created.iso8601Millis)
            json.field("lastUpdated", role.created.iso8601Millis)
            json.field("assignmentType", viaGroup ? "GROUP" : "USER")
            json.key("_links")
            json.object { $0.link("assignee", href: "\(baseURL)/api/v1/\(assignee)") }
        }
    }

    /// The roles `/users/{id}/roles` lists: direct ones, then those inherited from groups.
    func rolesListedForUser(_ user: Int32) -> [(role: OktaRoleAssignment, group: Int32?)] {
        var result = (userRoles[user] ?? []).map { (role: $0, group: Int32?.none) }
        for (group, roles) in groupRoles.sorted(by: { $0.key < $1.key })
        where groups[Int(group)].members.sortedContains(user) {
            result += roles.map { (role: $0, group: Int32?.some(group)) }
        }
        return result
    }

    // MARK: Org

    func writeOrg(into json: inout JSONWriter, baseURL: String) {
        json.object { json in
            json.field("id", org.id)
            json.field("companyName", org.companyName)
            json.field("website", "https://www.\(org.emailDomain)")
            json.field("status", "ACTIVE")
            json.field("subdomain", org.subdomain)
            json.field("address1", "301 Mission Street")
            json.field("city", "San Francisco")
            json.field("country", "United States")
            json.field("phoneNumber", "+1 555 0100")
            json.field("supportPhoneNumber", nil)
            json.field("endUserSupportHelpURL", nil)
            json.field("expiresAt", nil)
            json.field("created", org.created.iso8601Millis)
            json.field("lastUpdated", org.created.iso8601Millis)
            json.key("_links")
            json.object { json in
                json.link("contacts", href: "\(baseURL)/api/v1/org/contacts")
                json.link("preferences", href: "\(baseURL)/api/v1/org/preferences")
            }
        }
    }
}
