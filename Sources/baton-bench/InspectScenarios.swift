import BatonInspect
import BatonStore
import Foundation
import Synchronization

/// `baton grants -o json` over a c1z, output counted and discarded (the cost is reading and printing).
enum InspectScenarios {
    static func grantsJSON(file: String) async throws -> Figures {
        let bytes = Mutex<Int>(0)
        let output = InspectOutput(
            standardOutput: { text in bytes.withLock { $0 += text.utf8.count } },
            standardError: { FileHandle.standardError.write(Data($0.utf8)) },
            standardOutputBytes: { chunk in bytes.withLock { $0 += chunk.count } })
        let (status, seconds) = await timed {
            await BatonInspect.run(arguments: ["grants", "-o", "json", "-f", file], environment: [:], output: output)
        }
        guard status == 0 else { throw BenchError("baton grants -o json exited \(status)") }
        let peak = peakRSSMiB()
        let cpu = cpuSeconds()
        let store = try C1ZStore.open(c1z: file)
        let grants = Int(try store.counts().grants)
        try store.close()
        return Figures(
            scenario: "baton grants -o json (\((file as NSString).lastPathComponent), \(grants) grants)",
            seconds: seconds, items: grants, peakRSSMiB: peak,
            extra: ["json_bytes": String(bytes.withLock { $0 }), "cpu_seconds": String(format: "%.2f", cpu)])
    }
}
