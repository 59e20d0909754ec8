import BatonInspect
import Foundation
import Testing

/// Annotations of types nobody registered still print, as `{"@type": …}` alone.
@Suite struct UnknownAnnotationTests {
    @Test func unknownAnyPrintsItsTypeOnly() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleFile.write(in: directory)
            let result = await baton("resources", "-f", files.new, "-t", "user", "-o", "json")
            #expect(result.exitCode == 0, "\(result.standardError)")
            let object = try #require(try JSONComparison.parse(result.standardOutput) as? [String: Any])
            let resources = try #require(object["resources"] as? [[String: Any]])
            #expect(resources.count == 2)
            for item in resources {
                let annotations = (item["resource"] as? [String: Any])?["annotations"] as? [[String: Any]]
                #expect(annotations?.count == 1)
                #expect(annotations?.first?["@type"] as? String == SampleFile.unknownAnnotationURL)
                #expect(annotations?.first?.count == 1)
            }
        }
    }

    @Test func grantsAndPrincipalsPrintDespiteUnknownAnnotations() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleFile.write(in: directory)
            // Grants and principals embed the annotated users, so the unknown annotation shows.
            for command in ["grants", "principals"] {
                let result = await baton(command, "-f", files.new, "-o", "json")
                #expect(result.exitCode == 0, "\(command): \(result.standardError)")
                #expect(result.standardOutput.contains(SampleFile.unknownAnnotationURL), "\(command)")
            }
            // Entitlements are on the group, which carries no unknown annotation: they print in full all the same.
            let entitlements = await baton("entitlements", "-f", files.new, "-o", "json")
            #expect(entitlements.exitCode == 0, "entitlements: \(entitlements.standardError)")
            #expect(entitlements.standardOutput.contains("group:g1:member"))
            #expect(entitlements.standardOutput.contains("group:g1:admin"))
            let access = await baton("access", "-f", files.new, "-t", "user", "-r", "u3")
            #expect(access.standardOutput.contains("direct + derived from group:g2:member"))
        }
    }
}
