import BatonHTTP
import Testing

@Suite("Link header parsing")
struct LinkHeaderTests {
    @Test("one header holding several links (GitHub)")
    func singleHeader() {
        let value =
            "<https://api.github.com/organizations/123/members?page=2&per_page=100>; rel=\"next\", "
            + "<https://api.github.com/organizations/123/members?page=4&per_page=100>; rel=\"last\""
        let links = LinkHeader.parse([value])
        #expect(links["next"] == "https://api.github.com/organizations/123/members?page=2&per_page=100")
        #expect(links["last"] == "https://api.github.com/organizations/123/members?page=4&per_page=100")
    }

    @Test("several Link header lines (Okta): self is not mistaken for next")
    func separateLines() {
        let links = LinkHeader.parse([
            "<https://acme.okta.com/api/v1/users?limit=200>; rel=\"self\"",
            "<https://acme.okta.com/api/v1/users?after=00u5x&limit=200>; rel=\"next\"",
        ])
        #expect(links["self"] == "https://acme.okta.com/api/v1/users?limit=200")
        #expect(links["next"] == "https://acme.okta.com/api/v1/users?after=00u5x&limit=200")
    }

    @Test("commas inside URLs and quoted parameters, several relation types, unquoted rel")
    func tricky() {
        let value =
            "<https://x.test/a?ids=1,2,3>; title=\"a, b; c\"; rel=\"next last\", <https://x.test/p>; rel=prev"
        let links = LinkHeader.links(in: value)
        #expect(links.count == 2)
        #expect(links[0].target == "https://x.test/a?ids=1,2,3")
        #expect(links[0].relations == ["next", "last"])
        #expect(links[0].parameters["title"] == "a, b; c")
        #expect(links[1].relations == ["prev"])
        #expect(LinkHeader.parse([value])["last"] == "https://x.test/a?ids=1,2,3")
    }

    @Test("empty and malformed values give no links")
    func malformed() {
        #expect(LinkHeader.parse([]).isEmpty)
        #expect(LinkHeader.parse([""]).isEmpty)
        #expect(LinkHeader.parse(["<https://unterminated; rel=next"]).isEmpty)
    }

    @Test("the first link of a relation wins")
    func firstWins() {
        let links = LinkHeader.parse([
            "<https://x.test/1>; rel=\"next\"", "<https://x.test/2>; rel=\"next\"",
        ])
        #expect(links["next"] == "https://x.test/1")
    }
}
