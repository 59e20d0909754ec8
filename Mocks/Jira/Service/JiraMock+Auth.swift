import Foundation
import HTTPTypes
public import Hummingbird
public import MockKit
import Synchronization

extension JiraMock {
    /// `Basic base64(email:token)` with the site's account and API token; `/_edge/tenant_info` is open.
    /// Anything else gets Jira's 401: a plain-text body and `X-Seraph-LoginReason: AUTHENTICATED_FAILED`.
    public func authenticate(_ request: Request, context: MockRequestContext) -> Response? {
        if request.uri.path == "/_edge/tenant_info" { return nil }
        let header = request.headers[.authorization] ?? ""
        if header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst(6))),
            let pair = String(data: decoded, encoding: .utf8)
        {
            let (email, token) = session.withLock { ($0.email, $0.apiToken) }
            // Jira compares the account email case-insensitively, the token exactly.
            if let colon = pair.firstIndex(of: ":"), pair[..<colon].lowercased() == email.lowercased(),
                pair[pair.index(after: colon)...] == token
            {
                return nil
            }
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain;charset=UTF-8"
        headers[.wwwAuthenticate] = #"OAuth realm="https%3A%2F%2F\#(configuration.site).atlassian.net""#
        headers[.seraphLoginReason] = "AUTHENTICATED_FAILED"
        return Response(
            status: .unauthorized, headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: "Client must be authenticated to access this resource.")))
    }
}
