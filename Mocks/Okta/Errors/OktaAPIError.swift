import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

/// An Okta API error: `{"errorCode","errorSummary","errorLink","errorId","errorCauses"}` with its status.
struct OktaAPIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let summary: String
    var causes: [String] = []
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        render()
    }

    func render() -> Response {
        var json = JSONWriter()
        json.object { json in
            json.field("errorCode", code)
            json.field("errorSummary", summary)
            json.field("errorLink", code)
            json.field("errorId", OktaAPIError.nextErrorID())
            json.key("errorCauses")
            json.array { json in
                for cause in causes {
                    json.object { $0.field("errorSummary", cause) }
                }
            }
        }
        return .json(json.bytes, status: status, headers: headers)
    }

    private static let errorCounter = Atomic<UInt64>(0)

    /// `oae` + 19 characters, like Okta's request-scoped error ids.
    private static func nextErrorID() -> String {
        let counter = errorCounter.add(1, ordering: .relaxed).newValue
        var rng = SplitMix64(seed: 0x0AE, stream: counter)
        return "oae" + rng.alphanumeric(19)
    }

    // MARK: The errors the mock returns

    static func notFound(_ id: String, _ kind: String) -> OktaAPIError {
        OktaAPIError(status: .notFound, code: "E0000007", summary: "Not found: Resource not found: \(id) (\(kind))")
    }

    static func validation(_ field: String, cause: String) -> OktaAPIError {
        OktaAPIError(
            status: .badRequest, code: "E0000001", summary: "Api validation failed: \(field)",
            causes: ["\(field): \(cause)"])
    }

    static let invalidToken = OktaAPIError(
        status: .unauthorized, code: "E0000011", summary: "Invalid token provided")

    static let forbidden = OktaAPIError(
        status: .forbidden, code: "E0000006", summary: "You do not have permission to perform the requested action")

    static let rateLimited = OktaAPIError(
        status: .tooManyRequests, code: "E0000047",
        summary: "API call exceeded rate limit due to too many requests.")

    static let internalError = OktaAPIError(
        status: .internalServerError, code: "E0000009", summary: "Internal Server Error")

    static let malformedBody = OktaAPIError(
        status: .badRequest, code: "E0000003", summary: "The request body was not well-formed.")

    static let invalidSearch = OktaAPIError(
        status: .badRequest, code: "E0000031", summary: "Invalid search criteria.")

    static let duplicateRole = OktaAPIError(
        status: .conflict, code: "E0000090", summary: "Duplicate administrator role")

    static let alreadyActive = OktaAPIError(
        status: .forbidden, code: "E0000016", summary: "Activation failed because the user is already active")

    static func lifecycle(_ summary: String) -> OktaAPIError {
        OktaAPIError(status: .badRequest, code: "E0000001", summary: "Api validation failed: \(summary)")
    }
}
