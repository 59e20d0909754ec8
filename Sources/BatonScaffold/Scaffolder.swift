public import Foundation

/// One file a new connector starts with: its path and text, with `{{Type}}`, `{{name}}`, `{{Display}}`,
/// `{{ENV}}`, `{{description}}` (inside a Swift string literal) and `{{descriptionText}}` (prose) to fill in.
public struct ScaffoldTemplate: Sendable {
    /// The path from the repository root.
    public let path: String
    /// The file's text.
    public let text: String

    /// Creates a template.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// Generates a connector, its mock and its tests into a baton-swift checkout, and registers them.
///
/// Everything is written into a temporary directory inside the checkout first; only when all of it is
/// written are the directories moved into place and `Package.swift`, `Connectors/connectors.txt` and
/// `baton-mock`'s list replaced (each by a rename). A failure at any step undoes the steps before it.
public struct Scaffolder: Sendable {
    /// The checkout's root (where `Package.swift` is).
    public let root: URL

    /// The files `register` rewrites, from the root.
    static let packageManifest = "Package.swift"
    static let connectorList = "Connectors/connectors.txt"
    static let mockList = "Mocks/Server/CommandLineMocks.swift"

    /// Creates a scaffolder for the checkout at `root`.
    public init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
    }

    /// The directories a connector named `name` owns, from the root.
    public static func directories(of name: ConnectorName) -> [String] {
        [
            "Connectors/\(name.typeName)", "Mocks/\(name.typeName)", "Tests/\(name.typeName)ConnectorTests",
            "Tests/Mock\(name.typeName)Tests",
        ]
    }

    /// The files of a new connector, rendered.
    public static func render(_ name: ConnectorName, description: String) -> [(path: String, text: String)] {
        let swiftDescription = description.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        let replacements = [
            ("{{Type}}", name.typeName), ("{{name}}", name.kebab), ("{{Display}}", name.displayName),
            ("{{ENV}}", name.environmentName), ("{{description}}", swiftDescription),
            ("{{descriptionText}}", description),
        ]
        return ScaffoldTemplates.all.map { template in
            var path = template.path
            var text = template.text
            for (placeholder, value) in replacements {
                path = path.replacingOccurrences(of: placeholder, with: value)
                text = text.replacingOccurrences(of: placeholder, with: value)
            }
            return (path, text)
        }
    }

    /// The description used when none is given.
    public static func defaultDescription(_ name: ConnectorName) -> String {
        "Syncs \(name.displayName) users and groups with their members, and provisions group membership."
    }

    /// Generates and registers the connector `name`.
    ///
    /// - Parameter description: One line for the README, `--help` and the connector's metadata.
    /// - Returns: The directories created, from the root.
    /// - Throws: ``ScaffoldError`` in one line; nothing is left behind.
    @discardableResult
    public func generate(_ name: ConnectorName, description: String? = nil) throws(ScaffoldError) -> [String] {
        let description = try Self.checkedDescription(description ?? Self.defaultDescription(name))
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: url(Self.packageManifest).path) else {
            throw ScaffoldError("no Package.swift in \(root.path): run from the baton-swift checkout")
        }
        try checkNotTaken(name)
        // Every edit is computed before anything is written, so a file not in the expected shape stops here.
        let edits = [
            (Self.packageManifest, try Registration.addingPackageLine(read(Self.packageManifest), name)),
            (Self.connectorList, try Registration.addingConnectorLine(read(Self.connectorList), name)),
            (Self.mockList, try Registration.addingMock(read(Self.mockList), name)),
        ]

        let staging = root.appendingPathComponent(".scaffold-\(UUID().uuidString)", isDirectory: true)
        defer { try? fileManager.removeItem(at: staging) }
        do {
            for file in Self.render(name, description: description) {
                let target = staging.appendingPathComponent(file.path)
                try fileManager.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: target)
            }
        } catch {
            throw ScaffoldError("cannot write the new files under \(staging.path): \(Self.reason(error))")
        }
        Self.format(staging)

        var moved: [URL] = []
        var replaced: [(String, String)] = []
        do {
            for directory in Self.directories(of: name) {
                let target = url(directory)
                try fileManager.moveItem(at: staging.appendingPathComponent(directory), to: target)
                moved.append(target)
            }
            for (path, text) in edits {
                let original = try read(path)
                try replace(path, with: text)
                replaced.append((path, original))
            }
        } catch {
            for target in moved { try? fileManager.removeItem(at: target) }
            for (path, original) in replaced { try? replace(path, with: original) }
            throw ScaffoldError("cannot put \(name.kebab) in place, nothing changed: \(Self.reason(error))")
        }
        return Self.directories(of: name)
    }

    /// - Throws: when the name is used by a directory, a package line or a connectors.txt line.
    func checkNotTaken(_ name: ConnectorName) throws(ScaffoldError) {
        let fileManager = FileManager.default
        for directory in Self.directories(of: name) {
            // Case-insensitively: `git-hub` must not become a second `GitHub` on a case-insensitive disk.
            let parent = url(directory).deletingLastPathComponent()
            let last = url(directory).lastPathComponent.lowercased()
            let siblings = (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? []
            if siblings.contains(where: { $0.lowercased() == last }) {
                throw ScaffoldError("name '\(name.kebab)' is taken: \(directory) exists")
            }
        }
        let connectors = try read(Self.connectorList)
        if Registration.connectorNames(connectors).contains(name.kebab) {
            throw ScaffoldError("name '\(name.kebab)' is taken: \(Self.connectorList) lists it")
        }
        let manifest = try read(Self.packageManifest)
        if Registration.packageNames(manifest).contains(where: { $0.lowercased() == name.typeName.lowercased() }) {
            throw ScaffoldError("name '\(name.kebab)' is taken: Package.swift declares \(name.typeName)")
        }
    }

    /// - Throws: for a description that is empty or not one line.
    static func checkedDescription(_ text: String) throws(ScaffoldError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ScaffoldError("DESCRIPTION is empty") }
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ScaffoldError("DESCRIPTION must be one line of text, without control characters")
        }
        guard trimmed.count <= 200 else { throw ScaffoldError("DESCRIPTION is longer than 200 characters") }
        return trimmed
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func read(_ path: String) throws(ScaffoldError) -> String {
        do {
            return try String(contentsOf: url(path), encoding: .utf8)
        } catch {
            throw ScaffoldError("cannot read \(path): \(Self.reason(error))")
        }
    }

    /// Writes `text` next to `path` and renames it over `path`: a reader sees the old file or the new one.
    func replace(_ path: String, with text: String) throws {
        let target = url(path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).new")
        try Data(text.utf8).write(to: temporary)
        if rename(temporary.path, target.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw ScaffoldError("cannot replace \(path)")
        }
    }

    /// Formats the generated Swift with the checkout's `.swift-format` (`swift format`), so that a long name
    /// does not leave a line over the width. Without a toolchain on `PATH` the files stay as rendered.
    static func format(_ directory: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "format", "format", "--in-place", "--recursive", directory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? ScaffoldError { return error.description }
        return (error as NSError).localizedDescription.replacingOccurrences(of: "\n", with: " ")
    }
}
