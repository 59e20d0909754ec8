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
        try await Self.expectThreePages(of: server) { bag in
            let url = try bag.pageURL(orFirst: server.url("/items"))
            let (items, response) = try await client.decode(HTTPRequest(.get, url: url), as: [Int].self)
            return (items, try bag.nextToken(fromNextLinkOf: response))
        }
    }

    /// Pages through `server`'s six items with `fetch`, one bag level, and expects them in three calls.
    static func expectThreePages(
        of server: ScriptedHTTPServer, _ fetch: (inout PaginationBag) async throws -> (items: [Int], next: String)
    ) async throws {
        var token = ""
        var collected: [Int] = []
        var calls = 0
        repeat {
            var bag = try PaginationBag(token: token)
            if bag.current == nil {
                bag.push(PaginationBag.PageState(token: "", resourceTypeID: "item", resourceID: ""))
            }
            let (items, next) = try await fetch(&bag)
            collected += items
            token = next
            calls += 1
        } while !token.isEmpty && calls < 10
        #expect(collected == [1, 2, 3, 4, 5, 6])
        #expect(calls == 3)
        #expect(server.count(path: "/items") == 3)
        try await server.stop()
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

    @Test("offset paging trusts isLast and total, ends on an empty page, never on a short one")
    func offsets() throws {
        var bag = PaginationBag()
        bag.push(PaginationBag.PageState(token: "", resourceTypeID: "group", resourceID: ""))
        #expect(try bag.currentOffset() == 0)
        var token = try bag.nextToken(offset: 0, received: 50)
        bag = try PaginationBag(token: token)
        #expect(try bag.currentOffset() == 50)
        token = try bag.nextToken(offset: 50, received: 50, total: 100)
        #expect(token.isEmpty)

        // A server that caps pages below the request: a short page is not the end.
        #expect(OffsetPaging.nextToken(offset: 0, received: 49) == "49")
        #expect(OffsetPaging.nextToken(offset: 49, received: 0).isEmpty)
        #expect(OffsetPaging.nextToken(offset: 0, received: 7, isLast: false, total: 7) == "7")
        #expect(OffsetPaging.nextToken(offset: 0, received: 7, isLast: true, total: 100).isEmpty)
        #expect(OffsetPaging.nextToken(offset: 0, received: 7, total: 8) == "7")
        #expect(OffsetPaging.nextToken(offset: 7, received: 1, total: 8).isEmpty)

        var corrupt = PaginationBag()
        corrupt.push(PaginationBag.PageState(token: "abc", resourceTypeID: "", resourceID: ""))
        #expect(throws: BatonError.self) { try corrupt.currentOffset() }
        #expect(throws: BatonError.self) { try OffsetPaging.offset("-1") }
    }

    @Test("a next link in the JSON body, when the headers carry none")
    func bodyLinks() throws {
        let body = Data(
            #"{"value":[],"_links":{"next":{"href":"https://acme.okta.com/api/v1/iam/assignees/users?after=00u9"}}}"#
                .utf8)
        let response = HTTPResponse(
            method: .get, url: URL(string: "https://acme.okta.com/api/v1/iam/assignees/users")!, status: 200,
            body: body)
        var bag = PaginationBag()
        bag.push(PaginationBag.PageState(token: "", resourceTypeID: "user", resourceID: ""))
        let token = try bag.nextToken(fromNextLinkOf: response, bodyLink: ["_links", "next", "href"])
        #expect(
            try PaginationBag(token: token).pageToken
                == "https://acme.okta.com/api/v1/iam/assignees/users?after=00u9")

        var unasked = PaginationBag()
        unasked.push(PaginationBag.PageState(token: "", resourceTypeID: "user", resourceID: ""))
        #expect(try unasked.nextToken(fromNextLinkOf: response).isEmpty)

        let noNext = HTTPResponse(
            method: .get, url: URL(string: "https://x.test/items")!, status: 200,
            body: Data(#"{"links":{"next":null}}"#.utf8))
        var end = PaginationBag()
        end.push(PaginationBag.PageState(token: "", resourceTypeID: "user", resourceID: ""))
        #expect(try end.nextToken(fromNextLinkOf: noNext, bodyLink: ["links", "next"]).isEmpty)
    }

    /// Serves `/items` in pages of two (six items) inside `{"value":[…],"_links":{…}}`, with the next link in the
    /// body, in `Link` headers, or both.
    static func envelopeServer(bodyLink: Bool, headerLink: Bool) async throws -> ScriptedHTTPServer {
        try await ScriptedHTTPServer.start { request in
            let page = Int(request.query("page") ?? "1") ?? 1
            let next = "http://\(request.header("Host") ?? "")/items?page=\(page + 1)"
            let hasNext = page < 3
            let links = hasNext && bodyLink ? #"{"next":{"href":"\#(next)"}}"# : "{}"
            let headers = hasNext && headerLink ? [("Link", "<\(next)>; rel=\"next\"")] : []
            let items = [(page - 1) * 2 + 1, (page - 1) * 2 + 2].map(String.init).joined(separator: ",")
            return .json(#"{"value":[\#(items)],"_links":\#(links)}"#, headers: headers)
        }
    }

    struct Envelope: Decodable {
        var value: [Int]
    }

    @Test(
        "the client's page helper follows a next link sent only in the body, or only in headers",
        arguments: [(true, false), (false, true), (true, true)])
    func pageHelper(bodyLink: Bool, headerLink: Bool) async throws {
        let server = try await Self.envelopeServer(bodyLink: bodyLink, headerLink: headerLink)
        let client = BatonHTTPClient(configuration: .init(cache: .disabled, baseURL: server.baseURL))
        try await Self.expectThreePages(of: server) { bag in
            let (body, next) = try await client.page(
                Envelope.self, "/items", query: [("page", "1")], bodyLink: ["_links", "next", "href"], bag: &bag)
            return (body.value, next)
        }
    }
}
