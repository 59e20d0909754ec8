import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

extension GitHubMock {
    /// `POST /graphql` (and `/api/graphql` for GHES): the SAML identity-provider queries the connector
    /// sends, recognised by the fields they select. Without SAML, `samlIdentityProvider` is null.
    func addGraphQLRoutes(to routes: RouterGroup<MockRequestContext>) {
        for path in ["/graphql", "/api/graphql"] {
            routes.post(RouterPath(path)) { request, _ in
                let body = try await self.jsonBody(request)
                guard let query = body["query"]?.stringValue else {
                    throw GitHubAPIError(status: .badRequest, message: "A query attribute must be specified")
                }
                return self.answerGraphQL(query: query, variables: body["variables"] ?? .object([:]))
            }
        }
    }

    private func answerGraphQL(query: String, variables: JSONValue) -> Response {
        let orgLogin = variables["orgLoginName"]?.stringValue ?? variables["login"]?.stringValue ?? ""
        let userName = variables["userName"]?.stringValue
        let bytes = tenant.withLock { tenant -> [UInt8] in
            var json = JSONWriter()
            json.beginObject()
            json.key("data")
            json.beginObject()
            json.key("organization")
            if let org = tenant.org(login: orgLogin) {
                json.beginObject()
                json.key("samlIdentityProvider")
                if tenant.orgs[Int(org)].saml, query.contains("samlIdentityProvider") {
                    json.beginObject()
                    json.field("id", "SAML_IDP_\(tenant.orgs[Int(org)].id)")
                    json.field("ssoUrl", "https://idp.example/sso/\(tenant.orgs[Int(org)].login)")
                    if query.contains("externalIdentities") {
                        writeIdentities(tenant, org: org, login: userName, into: &json)
                    }
                    json.endObject()
                } else {
                    json.null()
                }
                json.endObject()
            } else {
                json.null()
            }
            if query.contains("rateLimit") {
                json.key("rateLimit")
                json.object { json in
                    json.field("limit", 5000)
                    json.field("cost", 1)
                    json.field("remaining", 4999)
                    json.field("resetAt", Timestamp.now().adding(seconds: 3600).iso8601)
                }
            }
            json.endObject()
            if tenant.org(login: orgLogin) == nil {
                json.key("errors")
                json.array { json in
                    json.object { json in
                        json.field("type", "NOT_FOUND")
                        json.field("message", "Could not resolve to an Organization with the login of '\(orgLogin)'.")
                    }
                }
            }
            json.endObject()
            return json.bytes
        }
        return .json(bytes)
    }

    private func writeIdentities(_ tenant: GitHubTenant, org: Int32, login: String?, into json: inout JSONWriter) {
        let members = tenant.orgs[Int(org)].members.filter { member in
            tenant.users[Int(member)].samlNameID != nil
                && login.map { tenant.users[Int(member)].login.lowercased() == $0.lowercased() } ?? true
        }
        json.key("externalIdentities")
        json.object { json in
            json.key("edges")
            json.array { json in
                for member in members.prefix(1) {
                    let user = tenant.users[Int(member)]
                    json.object { json in
                        json.key("node")
                        json.object { json in
                            json.key("samlIdentity")
                            json.object { json in
                                json.field("nameId", user.samlNameID)
                                json.key("emails")
                                json.array { json in
                                    json.object { $0.field("value", user.samlNameID) }
                                }
                            }
                            json.key("user")
                            json.object { $0.field("login", user.login) }
                        }
                    }
                }
            }
        }
    }
}
