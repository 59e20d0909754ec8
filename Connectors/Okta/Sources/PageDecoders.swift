package import BatonHTTP

/// Every Okta JSON body the connector decodes, as its client decodes it.
///
/// The fuzzer (`make fuzz`, target `okta-page`) and its corpus replay test reach the connector's private shapes
/// through this list; a sync never uses it.
package enum OktaPageDecoders {
    package static let all = [
        JSONBodyDecoder("users", [OktaUser].self),
        JSONBodyDecoder("user", OktaUser.self),
        JSONBodyDecoder("group-members", [OktaMember].self),
        JSONBodyDecoder("groups", [OktaGroup].self),
        JSONBodyDecoder("apps", [OktaApp].self),
        JSONBodyDecoder("app-users", [OktaAppUser].self),
        JSONBodyDecoder("app-groups", [OktaAppGroup].self),
        JSONBodyDecoder("roles", [OktaRoleAssignment].self),
        JSONBodyDecoder("role-assignees", OktaRoleAssignees.self),
    ]
}
