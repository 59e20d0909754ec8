import BatonFuzz
import BatonHTTP
import Foundation
import GitHubConnector
import JiraConnector
import OktaConnector
import Testing

/// Every committed corpus input (the seeds and what the fuzzer kept) runs through its target without the
/// sanitizers on every `make test`, so a change that breaks a target's contract on a known input fails here
/// before anyone fuzzes.
@Suite struct CorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

    static func inputs(_ target: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: corpus.appendingPathComponent(target), includingPropertiesForKeys: nil
        ).sorted { $0.path < $1.path }
    }

    @Test(arguments: FuzzTarget.all.map(\.name))
    func corpusKeepsTheContract(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let inputs = try Self.inputs(name)
        #expect(!inputs.isEmpty, "no seed corpus for \(name)")
        for input in inputs {
            do {
                try target.run(try Data(contentsOf: input))
            } catch {
                Issue.record("\(name) \(input.lastPathComponent): \(error)")
            }
        }
    }

    /// The `mock-*` seeds are bodies the mocks really served (tiny tenants, two items a page): each must decode
    /// with the decoder its first byte picks, so the fuzzer starts from the shapes a sync meets.
    @Test(arguments: [
        ("okta-page", OktaPageDecoders.all), ("github-page", GitHubPageDecoders.all),
        ("jira-page", JiraPageDecoders.all),
    ])
    func mockResponseSeedsDecode(_ name: String, _ decoders: [JSONBodyDecoder]) throws {
        let seeds = try Self.inputs(name).filter { $0.lastPathComponent.hasPrefix("mock-") }
        #expect(seeds.count >= 3)
        for seed in seeds {
            let data = try Data(contentsOf: seed)
            let decoder = decoders[Int(try #require(data.first)) % decoders.count]
            #expect(throws: Never.self, "\(seed.lastPathComponent) as \(decoder.name)") {
                try decoder.decode(data.dropFirst())
            }
        }
    }

    @Test func everyCorpusDirectoryIsATarget() throws {
        let directories = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
        #expect(Set(directories) == Set(FuzzTarget.all.map(\.name)))
    }
}
