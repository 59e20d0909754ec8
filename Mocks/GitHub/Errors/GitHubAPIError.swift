import HTTPTypes
import Hummingbird
import MockKit

/// A GitHub REST error: `{"message","documentation_url","status"}` with its status.
struct GitHubAPIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var documentationURL = "https://docs.github.com/rest"
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        render()
    }

    func render() -> Response {
        var json = JSONWriter()
        json.object { json in
            json.field("message", message)
            json.field("documentation_url", documentationURL)
            json.field("status", String(status.code))
        }
        return .json(json.bytes, status: status, headers: headers)
    }

    static let notFound = GitHubAPIError(status: .notFound, message: "Not Found")

    static let badCredentials = GitHubAPIError(status: .unauthorized, message: "Bad credentials")

    static let forbidden = GitHubAPIError(
        status: .forbidden, message: "Must have admin rights to Repository.")

    static let internalError = GitHubAPIError(status: .internalServerError, message: "Server Error")

    static let malformedBody = GitHubAPIError(status: .badRequest, message: "Problems parsing JSON")

    static func validation(_ message: String) -> GitHubAPIError {
        GitHubAPIError(
            status: .unprocessableContent, message: message,
            documentationURL: "https://docs.github.com/rest/orgs/members")
    }
}
