public import Foundation

/// One line of `baton-connector validate`'s checklist.
public struct ValidationCheck: Sendable, Equatable {
    /// What is checked, e.g. `README sections`.
    public let name: String
    /// Whether the connector meets it.
    public let passed: Bool
    /// What was found, or what is missing.
    public let detail: String

    /// Creates a checklist line.
    public init(_ name: String, passed: Bool, _ detail: String) {
        self.name = name
        self.passed = passed
        self.detail = detail
    }
}

/// Checks a connector directory against the publishing guide: a syncer for every declared resource type,
/// the README's sections, the licence, `baton_capabilities.json` equal to the executable's `capabilities`,
/// tests that exercise it, provisioning declared exactly where it is implemented, and secret config fields
/// marked secret.
///
/// The executable is run (`capabilities`, `config`), so it must be built first.
public struct ConnectorValidator: Sendable {
    /// The checkout's root.
    public let root: URL
    /// Where the built executables are (`swift build --show-bin-path`).
    public let binPath: String

    /// The README sections the guide asks for: a label and the words one of the `##` headings must contain.
    static let readmeSections: [(label: String, words: [String])] = [
        ("what is synced and why", ["sync"]), ("permissions", ["permission"]), ("configuration", ["configuration"]),
        ("usage examples", ["example", "usage"]), ("limitations", ["limitation", "not implemented"]),
        ("licence", ["licence", "license"]),
    ]

    /// Config field names that hold credentials.
    static let secretWords = ["token", "secret", "password", "private-key", "api-key", "credential"]

    /// Creates a validator.
    public init(root: String, binPath: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        self.binPath = binPath
    }

    /// Every connector directory under `Connectors/`, sorted.
    public func allConnectors() -> [String] {
        let directory = root.appendingPathComponent("Connectors")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(name + "/Main").path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.map { "Connectors/\($0)" }
    }

    /// The checklist for the connector at `path` (`Connectors/Okta`, relative to the root or absolute).
    ///
    /// - Throws: ``ScaffoldError`` when `path` is not a connector directory at all.
    public func validate(_ path: String) throws(ScaffoldError) -> [ValidationCheck] {
        let directory =
            path.hasPrefix("/")
            ? URL(fileURLWithPath: path, isDirectory: true) : root.appendingPathComponent(path, isDirectory: true)
        let typeName = directory.standardizedFileURL.lastPathComponent
        guard let main = try? String(contentsOf: directory.appendingPathComponent("Main/main.swift"), encoding: .utf8)
        else { throw ScaffoldError("\(path) is not a connector: no Main/main.swift") }
        let sources = swiftSources(directory.appendingPathComponent("Sources"))
        let executable = Self.firstMatch(#"name:\s*"(baton-[a-z0-9-]+)""#, in: main) ?? "baton-\(typeName.lowercased())"
        let arguments = placeholderArguments(executable)
        let capabilities = run(executable, ["capabilities"] + arguments)
        let declared = Self.declaredResourceTypes(
            sources: sources,
            resourceTypes: (try? String(
                contentsOf: directory.appendingPathComponent("Sources/ResourceTypes.swift"), encoding: .utf8)) ?? "")

        return [
            syncerCheck(declared: declared, capabilities: capabilities),
            readmeCheck(directory.appendingPathComponent("README.md")),
            licenceCheck(directory),
            capabilitiesCheck(directory.appendingPathComponent("baton_capabilities.json"), capabilities, executable),
            testsCheck(typeName),
            provisioningCheck(sources: sources, capabilities: capabilities),
            secretsCheck(run(executable, ["config"] + arguments), executable),
        ]
    }

    // MARK: Checks

    func syncerCheck(declared: Set<String>, capabilities: Result<String, ScaffoldError>) -> ValidationCheck {
        let name = "a syncer for every resource type"
        guard case .success(let json) = capabilities else {
            return ValidationCheck(name, passed: false, "\(capabilities)")
        }
        let synced = Set(Self.resourceTypeCapabilities(json).keys)
        if declared.isEmpty { return ValidationCheck(name, passed: false, "no ResourceType.declared in Sources") }
        let missing = declared.subtracting(synced).sorted()
        let undeclared = synced.subtracting(declared).sorted()
        if missing.isEmpty && undeclared.isEmpty {
            return ValidationCheck(name, passed: true, declared.sorted().joined(separator: ", "))
        }
        return ValidationCheck(
            name, passed: false,
            (missing.isEmpty ? "" : "declared without a syncer: \(missing.joined(separator: ", ")) ")
                + (undeclared.isEmpty ? "" : "synced but not declared: \(undeclared.joined(separator: ", "))"))
    }

    func readmeCheck(_ url: URL) -> ValidationCheck {
        let name = "README sections"
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return ValidationCheck(name, passed: false, "no README.md")
        }
        let sections = Self.sections(text)
        var problems: [String] = []
        for (label, words) in Self.readmeSections {
            let matching = sections.filter { section in words.contains { section.heading.lowercased().contains($0) } }
            if matching.isEmpty {
                problems.append("no \(label) section")
            } else if !matching.contains(where: { !$0.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                problems.append("\(label) section is empty")
            }
        }
        return problems.isEmpty
            ? ValidationCheck(name, passed: true, Self.readmeSections.map(\.label).joined(separator: ", "))
            : ValidationCheck(name, passed: false, problems.joined(separator: "; "))
    }

    func licenceCheck(_ directory: URL) -> ValidationCheck {
        let name = "Apache-2.0 licence"
        for candidate in [directory.appendingPathComponent("LICENSE"), root.appendingPathComponent("LICENSE")] {
            if let text = try? String(contentsOf: candidate, encoding: .utf8) {
                let isApache = text.contains("Apache License") && text.contains("Version 2.0")
                let shown =
                    candidate.path.hasPrefix(root.path)
                    ? String(candidate.path.dropFirst(root.path.count + 1)) : candidate.path
                return ValidationCheck(
                    name, passed: isApache, isApache ? shown : "\(shown) is not the Apache License 2.0")
            }
        }
        return ValidationCheck(name, passed: false, "no LICENSE in the connector or the repository")
    }

    func capabilitiesCheck(_ url: URL, _ output: Result<String, ScaffoldError>, _ executable: String)
        -> ValidationCheck
    {
        let name = "baton_capabilities.json"
        guard let committed = try? String(contentsOf: url, encoding: .utf8) else {
            return ValidationCheck(name, passed: false, "missing: write it with `\(executable) capabilities`")
        }
        switch output {
        case .failure(let error): return ValidationCheck(name, passed: false, error.description)
        case .success(let json) where json == committed:
            return ValidationCheck(name, passed: true, "equals `\(executable) capabilities`")
        case .success:
            return ValidationCheck(
                name, passed: false, "differs from `\(executable) capabilities`: regenerate and commit it")
        }
    }

    func testsCheck(_ typeName: String) -> ValidationCheck {
        let name = "tests"
        let directory = root.appendingPathComponent("Tests/\(typeName)ConnectorTests")
        let text = swiftSources(directory)
        let tests = text.components(separatedBy: "@Test").count - 1
        guard tests > 0 else {
            return ValidationCheck(name, passed: false, "no @Test in Tests/\(typeName)ConnectorTests")
        }
        guard text.contains("import \(typeName)Connector") else {
            return ValidationCheck(
                name, passed: false, "Tests/\(typeName)ConnectorTests never imports \(typeName)Connector")
        }
        return ValidationCheck(name, passed: true, "\(tests) tests in Tests/\(typeName)ConnectorTests")
    }

    func provisioningCheck(sources: String, capabilities: Result<String, ScaffoldError>) -> ValidationCheck {
        let name = "provisioning declared ⇔ implemented"
        guard case .success(let json) = capabilities else {
            return ValidationCheck(name, passed: false, "\(capabilities)")
        }
        let byType = Self.resourceTypeCapabilities(json)
        let provisioned = byType.filter { $0.value.contains("CAPABILITY_PROVISION") }.keys.sorted()
        let accounts = byType.filter { $0.value.contains("CAPABILITY_ACCOUNT_PROVISIONING") }.keys.sorted()
        var problems: [String] = []
        let implementsGrants = sources.contains("func grant(") && sources.contains("func revoke(")
        if !provisioned.isEmpty && !implementsGrants {
            problems.append("\(provisioned.joined(separator: ", ")) declare provisioning without grant and revoke")
        }
        if provisioned.isEmpty && implementsGrants {
            problems.append("grant and revoke are written but no type declares provisioning (ResourceProvisioner)")
        }
        if !accounts.isEmpty != sources.contains("func createAccount(") {
            problems.append("account provisioning is declared or implemented, not both")
        }
        if sources.range(
            of: #"func (grant|revoke)\([^{]*\{\s*throw BatonError\(\.unimplemented"#, options: .regularExpression)
            != nil
        {
            problems.append("a grant or revoke only throws unimplemented")
        }
        if !problems.isEmpty { return ValidationCheck(name, passed: false, problems.joined(separator: "; ")) }
        let declared = provisioned + accounts.map { "\($0) accounts" }
        return ValidationCheck(
            name, passed: true, declared.isEmpty ? "none declared, none written" : declared.joined(separator: ", "))
    }

    func secretsCheck(_ output: Result<String, ScaffoldError>, _ executable: String) -> ValidationCheck {
        let name = "secrets marked secret"
        guard case .success(let json) = output,
            let schema = try? JSONSerialization.jsonObject(with: Data(json.utf8))
        else { return ValidationCheck(name, passed: false, "`\(executable) config` gave no schema") }
        let fields = Self.fields(of: schema)
        let exposed = fields.filter { field in
            !field.secret && Self.secretWords.contains { field.name.lowercased().contains($0) }
                && !["-file", "-path", "-id"].contains { field.name.hasSuffix($0) }
        }.map(\.name)
        guard exposed.isEmpty else {
            return ValidationCheck(name, passed: false, "not marked .secret(): \(exposed.joined(separator: ", "))")
        }
        let secrets = fields.filter(\.secret).map(\.name)
        return ValidationCheck(
            name, passed: true, secrets.isEmpty ? "no credential fields" : secrets.joined(separator: ", "))
    }

    // MARK: Helpers

    /// The connector's arguments from `Connectors/connectors.txt` with placeholders for the address and the
    /// credential: `capabilities` builds the connector, which needs its required settings, but never calls the
    /// service. None for a connector that is not listed (`baton-demo`).
    func placeholderArguments(_ executable: String) -> [String] {
        let list =
            (try? String(contentsOf: root.appendingPathComponent(Scaffolder.connectorList), encoding: .utf8)) ?? ""
        for line in list.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "|", omittingEmptySubsequences: false)
            guard columns.count >= 3, "baton-" + columns[0].trimmingCharacters(in: .whitespaces) == executable else {
                continue
            }
            return columns[2].split(separator: " ").map { word in
                word.replacingOccurrences(of: "$URL", with: "http://127.0.0.1:9")
                    .replacingOccurrences(of: "$SECRET", with: "validate-placeholder")
                    .replacingOccurrences(of: "$EMAIL", with: "validate@example.com")
            }
        }
        return []
    }

    /// Runs a built executable; its standard output, or a one-line reason.
    func run(_ executable: String, _ arguments: [String]) -> Result<String, ScaffoldError> {
        let path = URL(fileURLWithPath: binPath).appendingPathComponent(executable).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            return .failure(
                ScaffoldError("\(executable) is not built in \(binPath): swift build --product \(executable)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        // Nothing from the caller's environment or a .baton.yaml may change what the executable reports.
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        process.currentDirectoryURL = URL(fileURLWithPath: NSTemporaryDirectory())
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(ScaffoldError("cannot run \(executable): \(Scaffolder.reason(error))"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(
                ScaffoldError("`\(executable) \(arguments.joined(separator: " "))` exited \(process.terminationStatus)")
            )
        }
        return .success(String(decoding: data, as: UTF8.self))
    }

    func swiftSources(_ directory: URL) -> String {
        guard let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return ""
        }
        var text = ""
        for case let file as URL in files where file.pathExtension == "swift" {
            text += ((try? String(contentsOf: file, encoding: .utf8)) ?? "") + "\n"
        }
        return text
    }

    /// The resource type ids a connector declares: every `ResourceType.declared(id: "…"` in its sources, and
    /// the first string of each `static let` in `ResourceTypes.swift` (types built by a helper such as
    /// `make("user", "User", .user)`).
    static func declaredResourceTypes(sources: String, resourceTypes: String) -> Set<String> {
        Set(
            allMatches(#"ResourceType\.declared\(\s*id:\s*"([^"]+)""#, in: sources)
                + allMatches(#"static let \w+ = [^"={}]*"([^"]+)""#, in: resourceTypes))
    }

    /// The `##` sections of a Markdown file: heading and body (up to the next `##`, sub-sections included).
    static func sections(_ markdown: String) -> [(heading: String, body: String)] {
        var sections: [(heading: String, body: String)] = []
        var inFence = false
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("```") { inFence.toggle() }
            if !inFence, line.hasPrefix("## ") {
                sections.append((String(line.dropFirst(3)), ""))
            } else if !sections.isEmpty {
                sections[sections.count - 1].body += line + "\n"
            }
        }
        return sections
    }

    /// Resource type id → its capabilities, from `baton_capabilities.json`'s text.
    static func resourceTypeCapabilities(_ json: String) -> [String: [String]] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let entries = object["resourceTypeCapabilities"] as? [[String: Any]]
        else { return [:] }
        var result: [String: [String]] = [:]
        for entry in entries {
            guard let type = entry["resourceType"] as? [String: Any], let id = type["id"] as? String else { continue }
            result[id] = entry["capabilities"] as? [String] ?? []
        }
        return result
    }

    /// The schema's fields (`config` output's `fields`), with their `isSecret`.
    static func fields(of schema: Any) -> [(name: String, secret: Bool)] {
        ((schema as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { field in
            (field["name"] as? String).map { ($0, field["isSecret"] as? Bool ?? false) }
        }
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        allMatches(pattern, in: text).first
    }

    static func allMatches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
