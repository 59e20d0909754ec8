package import BatonHTTP

/// Every Jira REST body the connector decodes, as its client decodes it.
///
/// The fuzzer (`make fuzz`, target `jira-page`) and its corpus replay test reach the connector's private shapes
/// through this list; a sync never uses it.
package enum JiraPageDecoders {
    package static let all = [
        JSONBodyDecoder("users", [JiraUser].self),
        JSONBodyDecoder("user", JiraUser.self),
        JSONBodyDecoder("groups", JiraPaged<JiraGroup>.self),
        JSONBodyDecoder("group-members", JiraPaged<JiraUser>.self),
        JSONBodyDecoder("projects", JiraPaged<JiraProjectSummary>.self),
        JSONBodyDecoder("project", JiraProject.self),
        JSONBodyDecoder("role", JiraRole.self),
    ]
}
