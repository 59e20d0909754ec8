import BatonHTTP
import BatonSDK
import Foundation
import Testing

@Suite("ServiceBaseURL")
struct ServiceBaseURLTests {
    func parse(_ raw: String, allowsPath: Bool = false) throws -> String {
        try ServiceBaseURL.parse(raw, prefix: "svc", flag: "url", allowsPath: allowsPath).absoluteString
    }

    @Test func hostsGetHTTPSAndLoseTrailingSlashes() throws {
        #expect(try parse("acme.example.com") == "https://acme.example.com")
        #expect(try parse(" https://acme.example.com// ") == "https://acme.example.com")
        #expect(try parse("acme.example.com:8443") == "https://acme.example.com:8443")
        #expect(try parse("http://127.0.0.1:9000/") == "http://127.0.0.1:9000")
        #expect(try parse("http://localhost:9000") == "http://localhost:9000")
    }

    @Test func pathsOnlyWhenAllowed() throws {
        #expect(
            try parse("https://api.example.com/ex/jira/abc/", allowsPath: true) == "https://api.example.com/ex/jira/abc"
        )
        let error = try #require(throws: BatonError.self) { try parse("https://acme.example.com/api") }
        #expect(
            error.message
                == #"svc: invalid --url "https://acme.example.com/api": a path is not allowed; give the host only"#)
    }

    @Test func rejectsWhatCouldLeakOrMislead() throws {
        for bad in [
            "http://acme.example.com", "ftp://acme.example.com", "", "https://", "acme.example.com?x=1",
            "user@acme.example.com", "https://user:pw@acme.example.com/x",
        ] {
            let error = try #require(throws: BatonError.self, "\(bad)") { try parse(bad, allowsPath: true) }
            #expect(error.code == .invalidArgument)
            #expect(error.message.hasPrefix("svc: invalid --url"))
            #expect(!error.message.contains("\n"))
        }
    }
}
