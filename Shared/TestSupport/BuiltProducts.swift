public import Foundation

/// Executables built beside the test bundle (`swift build --build-tests` builds every product).
public enum BuiltProducts {
    /// The directory holding the test bundle and the package's executables.
    public static var directory: URL {
        // On Linux the test runner is `<bin>/<package>PackageTests.xctest`; on macOS it is the bundle's
        // host inside `<bin>/…xctest/Contents/MacOS`. Walk up to the folder with the executables.
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if !url.lastPathComponent.hasSuffix(".xctest"), !["Contents", "MacOS"].contains(url.lastPathComponent) {
                return url
            }
        }
        return url
    }

    /// The path of executable `name`, or an error naming the command that builds it.
    public static func executable(_ name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingProduct(description: "\(path) is missing: run `swift build --build-tests` first")
        }
        return path
    }

    /// The error for a product that was not built.
    public struct MissingProduct: Error, CustomStringConvertible {
        public var description: String
    }
}
