import HTTPTypes
import Hummingbird
import MockKit

/// A Jira REST error: `{"errorMessages":[…],"errors":{field: message}}` with its status.
struct JiraAPIError: HTTPResponseError {
    let status: HTTPResponse.Status
    var messages: [String]
    var fieldErrors: [(String, String)] = []
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        render()
    }

    func render() -> Response {
        var json = JSONWriter()
        json.object { json in
            json.key("errorMessages")
            json.array { json in
                for message in messages { json.string(message) }
            }
            json.key("errors")
            json.object { json in
                for (field, message) in fieldErrors { json.field(field, message) }
            }
        }
        return .json(json.bytes, status: status, headers: headers)
    }

    init(_ status: HTTPResponse.Status, _ messages: [String], fieldErrors: [(String, String)] = []) {
        self.status = status
        self.messages = messages
        self.fieldErrors = fieldErrors
    }

    // MARK: The errors the mock returns

    static func badRequest(_ message: String) -> JiraAPIError { JiraAPIError(.badRequest, [message]) }

    static func notFound(_ message: String) -> JiraAPIError { JiraAPIError(.notFound, [message]) }

    static let groupNotFound = JiraAPIError(.notFound, ["Specified group does not exist."])

    static let userNotFound = JiraAPIError(
        .notFound, ["Specified user does not exist or you do not have required permissions"])

    static func projectNotFound(_ idOrKey: String) -> JiraAPIError {
        notFound("No project could be found with key '\(idOrKey)'.")
    }

    static func roleNotFound(_ id: String) -> JiraAPIError { notFound("Role with id '\(id)' does not exist.") }

    static let malformedBody = JiraAPIError(.badRequest, ["Unexpected character in the request body."])

    static let rateLimited = JiraAPIError(.tooManyRequests, ["Rate limit exceeded."])

    static let internalError = JiraAPIError(.internalServerError, ["Internal server error"])
}
