public import Foundation

/// One node of `swift package show-dependencies --format json`: a package and what it depends on.
public struct SwiftDependency: Sendable, Codable, Equatable {
    public var name: String
    public var url: String
    public var version: String
    public var dependencies: [SwiftDependency]

    public init(name: String, url: String, version: String, dependencies: [SwiftDependency]) {
        self.name = name
        self.url = url
        self.version = version
        self.dependencies = dependencies
    }

    /// Every package below the root, each once, sorted by name.
    public var allPackages: [SwiftDependency] {
        var seen: [String: SwiftDependency] = [:]
        func visit(_ node: SwiftDependency) {
            for child in node.dependencies where seen[child.name.lowercased()] == nil {
                seen[child.name.lowercased()] = child
                visit(child)
            }
        }
        visit(self)
        return seen.values.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }
}

/// An SPDX 2.3 JSON software bill of materials for a release: every Swift package with its version,
/// and the system libraries linked in.
public struct SBOM: Sendable {
    /// A C library from the build machine's Debian packages.
    public struct SystemLibrary: Sendable, Equatable {
        public var name: String
        /// The Debian package it comes from.
        public var package: String
        public var version: String
        /// `static` or `dynamic`.
        public var linkage: String

        /// libzstd, libsqlite3 and zlib (linked statically by `make build`) and glibc (dynamic), with
        /// the versions `dpkg-query` reports; a library whose package is not installed is left out.
        public static func linked() -> [SystemLibrary] {
            let wanted = [
                ("zstd", "libzstd-dev", "static"), ("sqlite3", "libsqlite3-dev", "static"),
                ("zlib", "zlib1g-dev", "static"), ("glibc", "libc6", "dynamic"),
            ]
            return wanted.compactMap { name, package, linkage in
                debianVersion(of: package).map {
                    SystemLibrary(name: name, package: package, version: $0, linkage: linkage)
                }
            }
        }

        private static func debianVersion(of package: String) -> String? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["dpkg-query", "-W", "-f", "${Version}", package]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return nil }
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return process.terminationStatus == 0 && !text.isEmpty ? text : nil
        }
    }

    public var version: String
    /// Seconds since 1970: the document's creation time, fixed so the SBOM is reproducible too.
    public var created: Int
    public var dependencies: SwiftDependency?
    public var systemLibraries: [SystemLibrary]
    /// The release's `checksums.txt`, which makes the document namespace unique per release.
    public var checksums: String

    public init(
        version: String, created: Int, dependencies: SwiftDependency?, systemLibraries: [SystemLibrary],
        checksums: String
    ) {
        self.version = version
        self.created = created
        self.dependencies = dependencies
        self.systemLibraries = systemLibraries
        self.checksums = checksums
    }

    /// The document as sorted, indented JSON.
    public func json() throws -> Data {
        func identifier(_ kind: String, _ name: String) -> String {
            // SPDX ids allow letters, digits, `.` and `-` only.
            "SPDXRef-\(kind)-" + String(name.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" })
        }
        let root = dependencies?.name ?? "baton-swift"
        var packages: [[String: Any]] = [
            [
                "SPDXID": identifier("Package", root), "name": root, "versionInfo": version,
                "downloadLocation": "NOASSERTION", "filesAnalyzed": false, "licenseConcluded": "Apache-2.0",
                "licenseDeclared": "Apache-2.0", "copyrightText": "NOASSERTION",
                "primaryPackagePurpose": "APPLICATION",
            ]
        ]
        var relationships: [[String: String]] = [
            [
                "spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                "relatedSpdxElement": identifier("Package", root),
            ]
        ]
        for package in dependencies?.allPackages ?? [] {
            packages.append([
                "SPDXID": identifier("Package", package.name), "name": package.name, "versionInfo": package.version,
                "downloadLocation": package.url.isEmpty ? "NOASSERTION" : package.url, "filesAnalyzed": false,
                "licenseConcluded": "NOASSERTION", "copyrightText": "NOASSERTION",
                "externalRefs": [
                    [
                        "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                        "referenceLocator": "pkg:swift/\(package.name)@\(package.version)",
                    ]
                ],
            ])
            relationships.append([
                "spdxElementId": identifier("Package", root), "relationshipType": "DEPENDS_ON",
                "relatedSpdxElement": identifier("Package", package.name),
            ])
        }
        for library in systemLibraries {
            packages.append([
                "SPDXID": identifier("System", library.name), "name": library.name, "versionInfo": library.version,
                "downloadLocation": "NOASSERTION", "filesAnalyzed": false, "licenseConcluded": "NOASSERTION",
                "copyrightText": "NOASSERTION",
                "comment": "\(library.linkage)ally linked; Debian package \(library.package)",
                "externalRefs": [
                    [
                        "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                        "referenceLocator": "pkg:deb/debian/\(library.package)@\(library.version)",
                    ]
                ],
            ])
            relationships.append([
                "spdxElementId": identifier("Package", root),
                "relationshipType": library.linkage == "static" ? "STATIC_LINK" : "DYNAMIC_LINK",
                "relatedSpdxElement": identifier("System", library.name),
            ])
        }
        let document: [String: Any] = [
            "spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
            "name": "\(root)-\(version)",
            "documentNamespace":
                "https://spdx.baton-swift.invalid/\(root)-\(version)-\(ReleaseSigning.sha256Hex(Data(checksums.utf8)).prefix(16))",
            "creationInfo": [
                "created": ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(created))),
                "creators": ["Tool: baton-connector"],
            ],
            "packages": packages, "relationships": relationships,
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    }
}
