import BatonHTTP
import BatonSDK
import Foundation
import Testing

@Suite("HTTP status → error code")
struct StatusMappingTests {
    @Test(
        "the reference table",
        arguments: [
            (400, BatonError.Code.invalidArgument), (401, .unauthenticated), (403, .permissionDenied),
            (404, .notFound), (408, .deadlineExceeded), (409, .alreadyExists), (429, .unavailable),
            (501, .unimplemented), (500, .unavailable), (502, .unavailable), (503, .unavailable),
            (504, .unavailable), (599, .unavailable), (410, .invalidArgument), (422, .invalidArgument),
            (418, .invalidArgument), (100, .unknown), (204, .unknown), (302, .unknown),
        ])
    func table(status: Int, code: BatonError.Code) {
        #expect(HTTPStatusMapping.code(for: status) == code)
    }

    @Test(
        "status errors are one line with method, host, path, status and a short excerpt, never the query"
    )
    func message() throws {
        let body =
            "{\"errorCode\":\"E0000007\",\n  \"errorSummary\":\"Not found\"}"
            + String(repeating: "x", count: 400)
        let response = HTTPResponse(
            method: .get,
            url: try #require(URL(string: "https://acme.okta.com:8443/api/v1/users/00u1?api_key=s3cret")),
            status: 404, headers: ["X-Rate-Limit-Remaining": "10"], body: Data(body.utf8),
            rateLimit: RateLimitInfo(status: .ok, limit: 0, remaining: 10, resetAt: nil))
        let error = response.statusError
        #expect(error.code == .notFound)
        #expect(error.httpStatus == 404)
        #expect(error.rateLimit?.remaining == 10)
        #expect(
            error.message.hasPrefix(
                "GET acme.okta.com:8443/api/v1/users/00u1: HTTP 404 Not Found: {\"errorCode\""))
        #expect(!error.message.contains("\n"))
        #expect(!error.message.contains("s3cret"))
        let excerpt = try #require(error.message.components(separatedBy: "Not Found: ").last)
        #expect(excerpt.count <= 200)
    }

    @Test("JSON content-type detection follows the reference")
    func jsonContentType() {
        func response(_ type: String?) -> HTTPResponse {
            HTTPResponse(
                method: .get, url: URL(string: "http://x/")!, status: 200,
                headers: type.map { ["Content-Type": $0] } ?? [:])
        }
        #expect(response("application/json; charset=utf-8").hasJSONContentType)
        #expect(response(" Application/VND.api+JSON").hasJSONContentType)
        #expect(!response("text/json").hasJSONContentType)
        #expect(!response("text/html").hasJSONContentType)
        #expect(!response(nil).hasJSONContentType)
    }

    @Test("decoding errors use the reference texts")
    func decodeErrors() throws {
        let html = HTTPResponse(
            method: .get, url: URL(string: "http://x/")!, status: 200,
            headers: ["Content-Type": "text/html"],
            body: Data("<html>".utf8))
        let wrongType = #expect(throws: BatonError.self) { try html.decodeJSON([String].self) }
        #expect(
            wrongType?.message == "unexpected content type for JSON response: text/html. status code: 200"
        )

        let json = HTTPResponse(
            method: .get, url: URL(string: "http://x/")!, status: 200,
            headers: ["Content-Type": "application/json"],
            body: Data("{\"id\": 5}".utf8))
        struct Item: Decodable { var id: String }
        let mismatch = #expect(throws: BatonError.self) { try json.decodeJSON(Item.self) }
        let message = try #require(mismatch?.message)
        #expect(message.hasPrefix("failed to unmarshal json response: type mismatch at id"))
        #expect(message.hasSuffix(". status code: 200"))
    }
}
