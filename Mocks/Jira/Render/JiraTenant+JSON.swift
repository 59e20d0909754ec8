import MockKit

/// Jira's JSON shapes, written straight from the tenant.
extension JiraTenant {
    func writeUser(_ index: Int32, into json: inout JSONWriter, baseURL: String) {
        let user = users[Int(index)]
        json.object { json in
            json.field("self", "\(baseURL)/rest/api/3/user?accountId=\(QueryString.encode(user.accountID))")
            json.field("accountId", user.accountID)
            json.field("accountType", user.accountType.rawValue)
            if let email = user.emailAddress { json.field("emailAddress", email) }
            json.key("avatarUrls")
            json.object { json in
                for size in ["48x48", "24x24", "16x16", "32x32"] {
                    json.field(size, "https://avatar-management.example/avatar/\(user.accountID)?s=\(size)")
                }
            }
            json.field("displayName", user.displayName)
            json.field("active", user.active)
            json.field("timeZone", user.timeZone)
            json.field("locale", user.locale)
        }
    }

    func writeGroup(_ index: Int32, into json: inout JSONWriter, baseURL: String, withSelf: Bool = false) {
        let group = groups[Int(index)]
        json.object { json in
            if withSelf {
                json.field("self", "\(baseURL)/rest/api/3/group?groupId=\(group.groupID)")
            }
            json.field("name", group.name)
            json.field("groupId", group.groupID)
        }
    }

    /// The project as `/project/search` lists it.
    func writeProjectSummary(_ index: Int32, into json: inout JSONWriter, baseURL: String) {
        let project = projects[Int(index)]
        json.object { json in
            json.field("expand", "description,lead,issueTypes,url,projectKeys,permissions,insight")
            json.field("self", "\(baseURL)/rest/api/2/project/\(project.id)")
            json.field("id", String(project.id))
            json.field("key", project.key)
            json.field("name", project.name)
            writeProjectCommon(project, into: &json, baseURL: baseURL)
        }
    }

    /// The project as `/project/{id}` returns it: with `lead` and the `roles` map of URLs.
    func writeProject(_ index: Int32, into json: inout JSONWriter, baseURL: String) {
        let project = projects[Int(index)]
        let lead = users[Int(project.lead)]
        json.object { json in
            json.field("expand", "description,lead,issueTypes,url,projectKeys,permissions,insight")
            json.field("self", "\(baseURL)/rest/api/2/project/\(project.id)")
            json.field("id", String(project.id))
            json.field("key", project.key)
            json.field("description", project.description)
            json.key("lead")
            json.object { json in
                json.field("self", "\(baseURL)/rest/api/2/user?accountId=\(lead.accountID)")
                json.field("accountId", lead.accountID)
                json.field("displayName", lead.displayName)
                json.field("active", lead.active)
                json.field("accountType", lead.accountType.rawValue)
            }
            json.key("components")
            json.array { _ in }
            json.key("issueTypes")
            json.array { json in
                for (id, name, subtask) in [
                    ("10001", "Task", false), ("10002", "Bug", false), ("10003", "Sub-task", true),
                ] {
                    json.object { json in
                        json.field("self", "\(baseURL)/rest/api/2/issuetype/\(id)")
                        json.field("id", id)
                        json.field("name", name)
                        json.field("subtask", subtask)
                    }
                }
            }
            json.field("assigneeType", "PROJECT_LEAD")
            json.key("versions")
            json.array { _ in }
            json.field("name", project.name)
            json.key("roles")
            json.object { json in
                for role in project.roles.keys.sorted() {
                    json.field(roles[role].name, "\(baseURL)/rest/api/2/project/\(project.id)/role/\(roles[role].id)")
                }
            }
            writeProjectCommon(project, into: &json, baseURL: baseURL)
        }
    }

    private func writeProjectCommon(_ project: JiraProject, into json: inout JSONWriter, baseURL: String) {
        json.key("avatarUrls")
        json.object { json in
            json.field("48x48", "\(baseURL)/rest/api/2/universal_avatar/view/type/project/avatar/10400")
        }
        json.field("projectTypeKey", project.projectTypeKey)
        json.field("simplified", false)
        json.field("style", "classic")
        json.field("isPrivate", project.isPrivate)
        json.key("properties")
        json.object { _ in }
    }

    /// A role; with `project`, the role in that project with its actors and scope.
    func writeRole(_ role: Int, project: Int32?, into json: inout JSONWriter, baseURL: String) {
        let record = roles[role]
        json.object { json in
            if let project {
                json.field("self", "\(baseURL)/rest/api/3/project/\(projects[Int(project)].id)/role/\(record.id)")
            } else {
                json.field("self", "\(baseURL)/rest/api/3/role/\(record.id)")
            }
            json.field("name", record.name)
            json.field("id", record.id)
            json.field("description", record.description)
            guard let project, let actors = projects[Int(project)].roles[role] else { return }
            json.key("actors")
            json.array { json in
                var actorID = 10_200
                for group in actors.groups {
                    let name = groups[Int(group)].name
                    json.object { json in
                        json.field("id", actorID)
                        json.field("displayName", name)
                        json.field("type", "atlassian-group-role-actor")
                        json.field("name", name)
                        json.key("actorGroup")
                        json.object { json in
                            json.field("name", name)
                            json.field("displayName", name)
                            json.field("groupId", groups[Int(group)].groupID)
                        }
                    }
                    actorID += 1
                }
                for user in actors.users {
                    json.object { json in
                        json.field("id", actorID)
                        json.field("displayName", users[Int(user)].displayName)
                        json.field("type", "atlassian-user-role-actor")
                        json.key("actorUser")
                        json.object { $0.field("accountId", users[Int(user)].accountID) }
                    }
                    actorID += 1
                }
            }
            json.key("scope")
            json.object { json in
                json.field("type", "PROJECT")
                json.key("project")
                json.object { $0.field("id", String(projects[Int(project)].id)) }
            }
        }
    }
}
