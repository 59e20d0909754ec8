import Foundation
import Testing

@testable import BatonScaffold

@Suite("baton-connector init")
struct ScaffoldTests {
    @Test func namesDeriveTypesExecutablesAndEnvironment() throws {
        let name = try ConnectorName(validating: "acme-cloud2")
        #expect(name.typeName == "AcmeCloud2")
        #expect(name.displayName == "Acme Cloud2")
        #expect(name.environmentName == "ACME_CLOUD2")
    }

    @Test(arguments: ["", "Acme", "acme_cloud", "acme--cloud", "-acme", "acme-", "2acme", "acme-2x", "café", "a b"])
    func badNamesAreRefusedInOneLine(_ text: String) {
        let error = #expect(throws: ScaffoldError.self) { try ConnectorName(validating: text) }
        #expect(error?.description.contains("\n") == false)
    }

    @Test(arguments: ["class", "import", "self", "protocol", "demo", "mock", "registry"])
    func keywordsAndReservedNamesAreRefused(_ text: String) {
        #expect(throws: ScaffoldError.self) { try ConnectorName(validating: text) }
    }

    @Test func everyPlaceholderIsFilledIn() throws {
        let files = Scaffolder.render(try ConnectorName(validating: "acme"), description: #"Says "hi" \ bye"#)
        #expect(files.count == ScaffoldTemplates.all.count)
        for file in files {
            #expect(!file.text.contains("{{") && !file.path.contains("{{"), "\(file.path)")
        }
        let connector = try #require(files.first { $0.path == "Connectors/Acme/Sources/Connector.swift" })
        #expect(connector.text.contains(#""Says \"hi\" \\ bye""#))
    }

    /// A fake checkout with the three files registration edits.
    func checkout() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("scaffold-\(UUID().uuidString)").path
        for directory in ["Connectors/Okta", "Mocks/Server", "Tests"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        try "let serviceConnectors = [\n    ServiceConnector(name: \"Okta\"),\n]\n"
            .write(toFile: root + "/Package.swift", atomically: true, encoding: .utf8)
        try "# header\nokta | a | b | SSWS\n".write(
            toFile: root + "/Connectors/connectors.txt", atomically: true, encoding: .utf8)
        try
            "import ArgumentParser\nimport MockKit\n\nlet commandLineMocks: [any CommandLineMock.Type] = [\n    // list\n]\n"
            .write(toFile: root + "/Mocks/Server/CommandLineMocks.swift", atomically: true, encoding: .utf8)
        return root
    }

    @Test func generationWritesTheFilesAndOneLineEach() throws {
        let root = try checkout()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Scaffolder(root: root).generate(try ConnectorName(validating: "acme-cloud"))
        let manifest = try String(contentsOfFile: root + "/Package.swift", encoding: .utf8)
        #expect(manifest.contains("    ServiceConnector(name: \"AcmeCloud\", command: \"acme-cloud\"),\n]"))
        let list = try String(contentsOfFile: root + "/Connectors/connectors.txt", encoding: .utf8)
        #expect(
            list.hasSuffix("acme-cloud | --token $SECRET | --acme-cloud-url $URL --acme-cloud-token $SECRET | Bearer\n")
        )
        let mocks = try String(contentsOfFile: root + "/Mocks/Server/CommandLineMocks.swift", encoding: .utf8)
        #expect(mocks.contains("import MockAcmeCloud\nimport MockKit"))
        #expect(mocks.contains("    AcmeCloudMock.self\n]"))
        for path in [
            "Connectors/AcmeCloud/Sources/Client.swift", "Connectors/AcmeCloud/README.md",
            "Mocks/AcmeCloud/AcmeCloudMock.swift", "Tests/AcmeCloudConnectorTests/AcmeCloudConnectorTests.swift",
        ] {
            #expect(FileManager.default.fileExists(atPath: root + "/" + path), "\(path)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".scaffold") }
        #expect(leftovers.isEmpty)

        let again = #expect(throws: ScaffoldError.self) {
            try Scaffolder(root: root).generate(try ConnectorName(validating: "acme-cloud"))
        }
        #expect(again?.description.contains("taken") == true)
        #expect(throws: ScaffoldError.self) {
            try Scaffolder(root: root).generate(try ConnectorName(validating: "okta"))
        }
    }

    @Test func aFileInAnUnexpectedShapeLeavesNothingBehind() throws {
        let root = try checkout()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "let package = Package()\n".write(toFile: root + "/Package.swift", atomically: true, encoding: .utf8)
        let error = #expect(throws: ScaffoldError.self) {
            try Scaffolder(root: root).generate(try ConnectorName(validating: "acme"))
        }
        #expect(error?.description.contains("Package.swift") == true)
        #expect(!FileManager.default.fileExists(atPath: root + "/Connectors/Acme"))
        let list = try String(contentsOfFile: root + "/Connectors/connectors.txt", encoding: .utf8)
        #expect(!list.contains("acme"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func readmeSectionsAreFoundByTheirHeadings() {
        let sections = ConnectorValidator.sections(
            "# t\n## What it syncs\nusers\n```\n## not a heading\n```\n## Licence\n")
        #expect(sections.map(\.heading) == ["What it syncs", "Licence"])
        #expect(sections[1].body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
