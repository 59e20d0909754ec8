import HTTPTypes
import Hummingbird
import MockKit
import Synchronization

/// GitHub page paging: `page` (1-based) and `per_page` (default 30, at most 100), answered with one
/// `Link` header holding `prev`/`next`/`last`/`first` URLs.
enum GitHubPaging {
    static let defaultPerPage = 30
    static let maximumPerPage = 100

    /// The slice of `total` items the request asks for, and its `Link` header.
    static func window(_ request: Request, total: Int, baseURL: String, cap: Int?) -> (Range<Int>, HTTPFields) {
        let query = request.queryItems
        var perPage = query["per_page"].flatMap { Int($0) }.map { min(max($0, 1), maximumPerPage) } ?? defaultPerPage
        if let cap { perPage = min(perPage, max(1, cap)) }
        let page = max(1, query["page"].flatMap { Int($0) } ?? 1)
        let lastPage = max(1, (total + perPage - 1) / perPage)
        let start = min(total, (page - 1) * perPage)
        let end = min(total, start + perPage)

        let path = baseURL + request.uri.path
        let rawQuery = Substring(request.uri.query ?? "")
        func url(_ number: Int) -> String {
            "<\(path)?\(QueryString.replacing(rawQuery, with: [("page", String(number))]))>"
        }
        var links: [String] = []
        if page > 1 { links.append("\(url(min(page - 1, lastPage))); rel=\"prev\"") }
        if page < lastPage {
            links.append("\(url(page + 1)); rel=\"next\"")
            links.append("\(url(lastPage)); rel=\"last\"")
        }
        if page > 1 { links.append("\(url(1)); rel=\"first\"") }
        var headers = HTTPFields()
        if !links.isEmpty { headers[.link] = links.joined(separator: ", ") }
        return (start..<end, headers)
    }
}

extension GitHubMock {
    /// Registers a route at the root and under the GHES prefix `/api/v3`.
    func route(
        _ routes: RouterGroup<MockRequestContext>, _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, MockRequestContext) async throws -> Response
    ) {
        routes.on(RouterPath(path), method: method, use: handler)
        routes.on(RouterPath("/api/v3" + path), method: method, use: handler)
    }

    /// A paged JSON array: `items` picks the list inside the tenant lock, `write` renders one element.
    func pagedList<Item>(
        _ request: Request,
        items: (inout GitHubTenant) throws(GitHubAPIError) -> [Item],
        write: (inout GitHubTenant, Item, inout JSONWriter, GitHubURLs) -> Void
    ) throws -> Response {
        let urls = urls(request)
        let (baseURL, cap) = requestSettings()
        let (body, headers) = try tenant.withLock { tenant throws(GitHubAPIError) -> ([UInt8], HTTPFields) in
            let all = try items(&tenant)
            let (range, headers) = GitHubPaging.window(request, total: all.count, baseURL: baseURL, cap: cap)
            var json = JSONWriter(capacity: range.count * 700 + 2)
            json.beginArray()
            for index in range { write(&tenant, all[index], &json, urls) }
            json.endArray()
            return (json.bytes, headers)
        }
        return .json(body, headers: headers)
    }

    /// Renders one object from inside the tenant lock.
    func object(
        _ request: Request, status: HTTPResponse.Status = .ok,
        _ body: (inout GitHubTenant, inout JSONWriter, GitHubURLs) throws(GitHubAPIError) -> Void
    ) throws -> Response {
        let urls = urls(request)
        let bytes = try tenant.withLock { tenant throws(GitHubAPIError) -> [UInt8] in
            var json = JSONWriter()
            try body(&tenant, &json, urls)
            return json.bytes
        }
        return .json(bytes, status: status)
    }

    /// The request body as JSON; an empty body is an empty object.
    func jsonBody(_ request: Request) async throws -> JSONValue {
        let bytes = try await request.collectBody()
        if bytes.isEmpty { return .object([:]) }
        do {
            return try JSONValue(parsing: bytes)
        } catch {
            throw GitHubAPIError.malformedBody
        }
    }
}

extension GitHubTenant {
    /// The org named in the path, which the viewer must own for admin-only endpoints.
    func org(_ login: String, admin: Bool = false) throws(GitHubAPIError) -> Int32 {
        guard let org = org(login: login) else { throw GitHubAPIError.notFound }
        if admin && !orgs[Int(org)].admins.contains(viewer) {
            throw GitHubAPIError(status: .forbidden, message: "You must be an admin to perform this action.")
        }
        return org
    }

    func user(login: String) throws(GitHubAPIError) -> Int32 {
        guard let user = liveUser(login: login) else { throw GitHubAPIError.notFound }
        return user
    }
}
