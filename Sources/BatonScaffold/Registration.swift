import Foundation

/// The one-line registrations of a connector, as text edits: a `ServiceConnector` line in `Package.swift`,
/// a line in `Connectors/connectors.txt` and an entry in `baton-mock`'s list of command-line mocks.
enum Registration {
    /// `Package.swift` with `ServiceConnector(name: "AcmeCloud", command: "acme-cloud"),` added as the last line
    /// of the `serviceConnectors` table.
    static func addingPackageLine(_ manifest: String, _ name: ConnectorName) throws(ScaffoldError) -> String {
        let command = name.typeName.lowercased() == name.kebab ? "" : ", command: \"\(name.kebab)\""
        let line = "    ServiceConnector(name: \"\(name.typeName)\"\(command)),"
        return try inserting(line, in: manifest, beforeClosingOf: "let serviceConnectors = [", file: "Package.swift")
    }

    /// `connectors.txt` with the connector's line: a bearer token for both the mock and the connector.
    static func addingConnectorLine(_ list: String, _ name: ConnectorName) throws(ScaffoldError) -> String {
        let line =
            "\(name.kebab) | --token $SECRET | --\(name.kebab)-url $URL --\(name.kebab)-token $SECRET | Bearer"
        return (list.hasSuffix("\n") || list.isEmpty ? list : list + "\n") + line + "\n"
    }

    /// `CommandLineMocks.swift` with the mock's module imported (in order) and its type listed.
    static func addingMock(_ source: String, _ name: ConnectorName) throws(ScaffoldError) -> String {
        var lines = source.components(separatedBy: "\n")
        guard let firstImport = lines.firstIndex(where: { $0.hasPrefix("import ") }) else {
            throw ScaffoldError("\(Scaffolder.mockList) has no imports: it is not in the expected shape")
        }
        var end = firstImport
        while end < lines.count, lines[end].hasPrefix("import ") { end += 1 }
        let imports = (lines[firstImport..<end] + ["import Mock\(name.typeName)"]).sorted()
        lines.replaceSubrange(firstImport..<end, with: imports)
        let opening = "let commandLineMocks: [any CommandLineMock.Type] = ["
        guard let start = lines.firstIndex(of: opening),
            let close = lines[(start + 1)...].firstIndex(where: { $0 == "]" })
        else {
            throw ScaffoldError(
                "\(Scaffolder.mockList) has no '\(opening)' list closed by ']': it is not in the expected shape")
        }
        lines.insert("    \(name.typeName)Mock.self", at: close)
        // swift format wants a comma after every element of a list of several, and none after a lone one.
        let elements = (start + 1...close).filter { !lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("//") }
        for index in elements where elements.count > 1 && !lines[index].hasSuffix(",") { lines[index] += "," }
        return lines.joined(separator: "\n")
    }

    /// The connector names of `connectors.txt`.
    static func connectorNames(_ list: String) -> Set<String> {
        Set(
            list.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap {
                $0.split(separator: "|").first?.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty })
    }

    /// The `name:` of every `ServiceConnector(` in `Package.swift`.
    static func packageNames(_ manifest: String) -> [String] {
        manifest.components(separatedBy: "ServiceConnector(").dropFirst().compactMap { rest in
            let afterName = rest.drop { $0 == "\n" || $0 == " " }
            guard afterName.hasPrefix("name: \"") else { return nil }
            return afterName.dropFirst(7).prefix { $0 != "\"" }.description
        }
    }

    /// `text` with `line` inserted before the `]` line that closes the list opened by the line `opening`.
    static func inserting(_ line: String, in text: String, beforeClosingOf opening: String, file: String)
        throws(ScaffoldError) -> String
    {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: opening),
            let close = lines[(start + 1)...].firstIndex(where: { $0 == "]" })
        else {
            throw ScaffoldError("\(file) has no '\(opening)' list closed by ']': it is not in the expected shape")
        }
        lines.insert(line, at: close)
        return lines.joined(separator: "\n")
    }
}
