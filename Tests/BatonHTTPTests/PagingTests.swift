import BatonHTTP
import BatonSDK
import Foundation
import Testing

@Suite("Paging helpers over a live server")
struct PagingTests {
    /// Serves `/items` in pages of two (six items), with next links either joined in one header or on separate lines.
    static func pagedServer(separateLines: Bool) async throws -> ScriptedHTTPServer {
        try await ScriptedHTTPServer.start { request in
            let page = Int(request.query("page") ?? "1") ?? 1
            let base = "http://\(request.header("Host") ?? "")/items"
            var links = ["<\(base)?page=1>; rel=\"first\""]
            if page < 3 { links.append("<\(base)?page=\(page + 1)>; rel=\"next\"") }
            links.append("<\(base)?page=\(page)>; rel=\"self\"")
            let headers =
                separateLines ? links.map { ("Link", $0) } : [("Link", links.joined(separator: ", "))]
            let items = [(page - 1) * 2 + 1, (page - 1) * 2 + 2].map(String.init).joined(separator: ",")
            return .json("[\(items)]", headers: headers)
        }
    }

    @Test("following Link headers page by page through the bag", arguments: [false, true])
    func linkPaging(separateLines: Bool) async throws {
        let server = try await Self.pagedServer(separateLines: separateLines)
        let client = BatonHTTPClient(configuration: .init(cache: .disabled))
        var token = ""
        var collected: [Int] = []
        var calls = 0
        repeat {
            var bag = try PaginationBag(token: token)
            if bag.current == nil {
                bag.push(PaginationBag.PageState(token: "", resourceTypeID: "item", resourceID: ""))
            }
            let url = try bag.pageURL(orFirst: server.url("/items"))
            let (items, response) = try await client.decode(HTTPRequest(.get, url: url), as: [Int].self)
            collected += items
            token = try bag.nextToken(fromLinkHeaderOf: response)
            calls += 1
        } while !token.isEmpty && calls < 10
        #expect(collected == [1, 2, 3, 4, 5, 6])
        #expect(calls == 3)
        #expect(server.count(path: "/items") == 3)
        try await server.stop()
    }

    @Test("the reference's next-link push keeps resource type and ID")
    func pushNextLink() throws {
        let response = HTTPResponse(
            method: .get, url: URL(string: "https://x.test/teams")!, status: 200,
            headers: HTTPHeaderFields([("Link", "<https://x.test/teams?page=2>; rel=\"next\"")]))
        var bag = PaginationBag()
        let pushed = bag.pushNextLink(from: response, resourceTypeID: "team", resourceID: "7")
        #expect(pushed)
        #expect(
            bag.current
                == PaginationBag.PageState(
                    token: "https://x.test/teams?page=2", resourceTypeID: "team", resourceID: "7"))
        let none = HTTPResponse(method: .get, url: URL(string: "https://x.test/teams")!, status: 200)
        let pushedNone = bag.pushNextLink(from: none)
        #expect(!pushedNone)
    }

    @Test("a stored next URL must stay on the API host")
    func pageURLHostCheck() throws {
        var bag = PaginationBag()
        bag.push(
            PaginationBag.PageState(
                token: "https://evil.test/steal?page=2", resourceTypeID: "", resourceID: ""))
        let error = #expect(throws: BatonError.self) {
            try bag.pageURL(orFirst: URL(string: "https://api.test/items")!)
        }
        #expect(error?.code == .invalidArgument)
        #expect(
            try PaginationBag().pageURL(orFirst: URL(string: "https://api.test/items")!).host
                == "api.test")
    }

    @Test("offset paging stops on a short page or at the total")
    func offsets() throws {
        var bag = PaginationBag()
        bag.push(PaginationBag.PageState(token: "", resourceTypeID: "group", resourceID: ""))
        #expect(try bag.currentOffset() == 0)
        var token = try bag.nextToken(offset: 0, limit: 50, received: 50)
        bag = try PaginationBag(token: token)
        #expect(try bag.currentOffset() == 50)
        token = try bag.nextToken(offset: 50, limit: 50, received: 50, total: 100)
        #expect(token.isEmpty)

        var short = PaginationBag()
        short.push(PaginationBag.PageState(token: "", resourceTypeID: "group", resourceID: ""))
        let afterShort = try short.nextToken(offset: 0, limit: 50, received: 49)
        #expect(afterShort.isEmpty)

        var corrupt = PaginationBag()
        corrupt.push(PaginationBag.PageState(token: "abc", resourceTypeID: "", resourceID: ""))
        #expect(throws: BatonError.self) { try corrupt.currentOffset() }
    }

    @Test("cursor paging from a JSON body")
    func cursors() throws {
        let body = Data(
            #"{"value":[],"_links":{"next":{"href":"https://acme.okta.com/api/v1/iam/assignees/users?after=00u9"}}}"#
                .utf8)
        let next = PagingCursor.string(in: body, at: ["_links", "next", "href"])
        #expect(next == "https://acme.okta.com/api/v1/iam/assignees/users?after=00u9")
        #expect(PagingCursor.queryValue("after", in: try #require(next)) == "00u9")
        #expect(
            PagingCursor.string(in: Data(#"{"links":{"next":null}}"#.utf8), at: ["links", "next"]) == nil)

        var bag = PaginationBag()
        bag.push(PaginationBag.PageState(token: "", resourceTypeID: "user", resourceID: ""))
        let token = try bag.nextToken(cursor: "c2")
        #expect(try PaginationBag(token: token).pageToken == "c2")
        let end = try bag.nextToken(cursor: nil)
        #expect(end.isEmpty)
    }
}
