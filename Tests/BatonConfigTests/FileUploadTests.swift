import BatonConfig
import BatonTestSupport
import Foundation
import Testing

/// File-upload values: a path, a data URL, base64 or raw text.
@Suite struct FileUploadTests {
    let schema: ConfigSchema

    init() throws {
        schema = try makeSchema([.fileUpload("credentials", allowedExtensions: [".json"])])
    }

    func contents(_ value: String, directory: String = "/nonexistent-baton-config-test-dir") throws -> Data? {
        try resolve(schema, ["--credentials", value], directory: directory).fileContents("credentials")
    }

    @Test func readsFilesRelativeToTheCurrentDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let absolute = try directory.write("creds.json", "{\"k\":1}")
        #expect(try contents("creds.json", directory: directory.path) == Data("{\"k\":1}".utf8))
        #expect(try contents(absolute) == Data("{\"k\":1}".utf8))
    }

    @Test func decodesDataURLs() throws {
        #expect(try contents("data:application/json;base64,eyJrIjoxfQ==") == Data("{\"k\":1}".utf8))
        #expect(
            configError { _ = try contents("data:application/json,{}") }?.message
                == "field credentials: invalid data URL: expected base64 data")
        #expect(
            configError { _ = try contents("data:application/json;base64") }?.message
                == "field credentials: invalid data URL: missing comma separator")
        #expect(configError { _ = try contents("data:text/plain;base64,%%%") }?.code == .invalidFileUpload)
    }

    @Test func decodesRawBase64ThenFallsBackToText() throws {
        #expect(try contents("aGVsbG8gd29ybGQ=") == Data("hello world".utf8))
        #expect(try contents("-----BEGIN KEY-----\nabc") == Data("-----BEGIN KEY-----\nabc".utf8))
    }

    @Test func emptyValueHasNoContents() throws {
        #expect(try resolve(schema).fileContents("credentials") == nil)
    }
}
